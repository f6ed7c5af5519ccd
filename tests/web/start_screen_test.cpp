#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "headless.hpp"
#include "i18n.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using alis::web::testing::Headless;
using alis::web::testing::TestPlatform;
using alis::web::testing::TestPortal;

namespace {
std::set<std::string> labels() {
    std::set<std::string> out;
    for (const auto& item : probe::items()) out.insert(item.label);
    return out;
}
}  // namespace

TEST_CASE("every message has a text in bokmål, nynorsk and English") {
    for (int i = 0; i < static_cast<int>(Msg::count_); ++i) {
        for (Language lang : {Language::bokmal, Language::nynorsk, Language::english}) {
            CHECK_MESSAGE(std::string(tr(lang, static_cast<Msg>(i))).size() > 0, "message " << i);
        }
    }
}

TEST_CASE("the start screen opens in bokmål with the portal's name and next steps") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    const auto shown = labels();
    CHECK(app.screen() == Screen::start);
    CHECK(app.language() == Language::bokmal);
    CHECK(shown.count("ALIS-portalen Vest"));
    CHECK(shown.count("Logg inn"));
    CHECK(shown.count("Registrer deg som fastlege"));
    CHECK(shown.count("For helseforetak"));
}

TEST_CASE("clicking a language changes every visible string and is remembered") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    {
        App app(platform);
        ui.frame(app);
        const auto bokmal = labels();
        ui.click(app, "English");
        CHECK(app.language() == Language::english);
        const auto english = labels();
        CHECK(english.count("Log in"));
        CHECK(english.count("Register as a GP"));
        // Only the language names themselves are the same in every language.
        for (const auto& label : english) {
            if (label == "Bokmål" || label == "Nynorsk" || label == "English") continue;
            const bool translated = bokmal.count(label) == 0;
            CHECK_MESSAGE(translated, "not translated: " << label);
        }
        ui.click(app, "Nynorsk");
        CHECK(labels().count("For fastlegar"));
    }
    platform.reload();
    App reopened(platform);
    CHECK(reopened.language() == Language::nynorsk);
}

TEST_CASE("a damaged settings file falls back to bokmål") {
    TestPortal portal;
    TestPlatform platform(portal);
    platform.files["settings.json"] = "{not json";
    App app(platform);
    CHECK(app.language() == Language::bokmal);
    platform.files["settings.json"] = R"({"language":"de"})";
    App other(platform);
    CHECK(other.language() == Language::bokmal);
}

TEST_CASE("the log-in button leads to its screen and back") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.click(app, "Logg inn");
    CHECK(app.screen() == Screen::log_in);
    CHECK(app.test_state()["screen"] == "log_in");
    ui.click(app, "Tilbake");
    CHECK(app.screen() == Screen::start);
}

TEST_CASE("the test state names the screen its items were drawn on, not one a click in that frame opened") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    const probe::Item log_in = *probe::find("Logg inn");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(log_in.x + log_in.w / 2, log_in.y + log_in.h / 2);
    ui.frame(app);
    io.MouseDown[0] = true;
    ui.frame(app);
    io.MouseDown[0] = false;
    ui.frame(app);  // the click opens the log-in screen in the middle of a frame of the start screen
    REQUIRE(app.screen() == Screen::log_in);
    CHECK(app.test_state()["screen"] == "start");
    CHECK(ui.shows("Registrer deg som fastlege"));
    ui.frame(app);
    CHECK(app.test_state()["screen"] == "log_in");
    CHECK_FALSE(ui.shows("Registrer deg som fastlege"));
}

TEST_CASE("the test state lists each item with a rectangle inside the display") {
    Headless ui(900, 700);
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.frame(app);
    const auto state = app.test_state();
    CHECK(state["frame"] == 2);
    CHECK(state["language"] == "nb");
    REQUIRE(state["items"].size() > 5);
    for (const auto& item : state["items"]) {
        CHECK(item["w"].get<float>() > 0);
        CHECK(item["x"].get<float>() >= 0);
        CHECK(item["x"].get<float>() + item["w"].get<float>() <= 900.5f);
    }
}
