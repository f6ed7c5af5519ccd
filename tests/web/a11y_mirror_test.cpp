// The accessible mirror's C++ half: roles and states from real frames, and changes sent by difference.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <set>
#include <string>

#include "a11y_mirror.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using alis::web::testing::Headless;
using alis::web::testing::TestPlatform;
using alis::web::testing::TestPortal;
using nlohmann::json;

namespace {
const probe::Item& item(const std::string& label) {
    const probe::Item* found = probe::find(label);
    REQUIRE_MESSAGE(found, "no item " << label);
    return *found;
}
}  // namespace

TEST_CASE("the start screen's items carry their roles, the top bar apart from the main content") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    CHECK(item("Logg inn").role == probe::Role::button);
    CHECK(item("Registrer deg som fastlege").role == probe::Role::button);
    CHECK(item("English").role == probe::Role::button);
    CHECK(item("English").banner);
    CHECK_FALSE(item("Logg inn").banner);
    CHECK(item("For helseforetak").role != probe::Role::button);
    // Every key is unique within the frame: the mirror keeps nodes by it.
    std::set<std::uint32_t> keys;
    for (const auto& i : probe::items()) CHECK_MESSAGE(keys.insert(i.key).second, "duplicate key for " << i.label);
    CHECK(app.route() == "#/start");
    CHECK(app.page_title() == "ALIS-portalen Vest");
}

TEST_CASE("a field with an error is invalid and described by the error's node") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.click(app, "Registrer deg som fastlege");
    CHECK(app.route() == "#/register_gp");
    CHECK(app.page_title() == "Registrer deg som fastlege – ALIS-portalen Vest");
    const probe::Item& field = item("Brukernavn");
    CHECK(field.role == probe::Role::textbox);
    ui.type(app, "Brukernavn", "x");
    CHECK(item("Brukernavn").value == "x");
    const probe::Item* password = nullptr;
    for (const auto& i : probe::items()) {
        if (i.role == probe::Role::textbox && (i.state & probe::kPassword)) password = &i;
    }
    REQUIRE(password);
    CHECK(password->value.empty());  // a password's text never leaves ImGui
}

TEST_CASE("the mirror sends everything once, then only what changed") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    a11y::Mirror mirror;
    ui.frame(app);
    const json first = json::parse(mirror.update(probe::items(), 2.0f));
    CHECK(first["add"].size() == probe::items().size());
    CHECK(first["order"].size() == probe::items().size());
    for (const auto& n : first["add"]) {
        if (n["n"] == "Logg inn") {
            CHECK(n["r"] == "button");
            CHECK(n["x"].get<float>() == doctest::Approx(item("Logg inn").x / 2).epsilon(0.01));
        }
    }
    // The same picture again: nothing to send.
    ui.frame(app);
    CHECK(mirror.update(probe::items(), 2.0f).empty());
    // Another language: ImGui's ids come from the labels, so renamed buttons are new nodes and the
    // old ones go; nothing else is sent twice.
    ui.click(app, "English");
    const json english = json::parse(mirror.update(probe::items(), 2.0f));
    bool added = false;
    for (const auto& n : english["add"]) added = added || n["n"] == "Log in";
    CHECK(added);
    CHECK_FALSE(english["del"].empty());
    // Another screen: the start screen's nodes go, the log-in form's come.
    ui.click(app, "Log in");
    const json login = json::parse(mirror.update(probe::items(), 2.0f));
    CHECK_FALSE(login["del"].empty());
    CHECK(login.contains("order"));
    // Typing into a field changes that field's node only: one "set", no node added, moved or removed.
    ui.click(app, "Username");
    mirror.update(probe::items(), 2.0f);
    ImGui::GetIO().AddInputCharactersUTF8("å");
    ui.frame(app);
    const json typed = json::parse(mirror.update(probe::items(), 2.0f));
    CHECK(typed["add"].empty());
    CHECK(typed["del"].empty());
    CHECK_FALSE(typed.contains("order"));
    REQUIRE(typed["set"].size() == 1);
    CHECK(typed["set"][0]["n"] == "Username");
    CHECK(typed["set"][0]["v"] == "å");
    CHECK(mirror.size() == probe::items().size());
}

TEST_CASE("a node that only moved is sent as its place alone, with its whole key") {
    a11y::Mirror mirror;
    probe::Item cell;
    cell.label = "Bergen kommune";
    cell.role = probe::Role::cell;
    cell.key = 4000000001u;  // above 2^24: a float would round it to another node's key
    cell.x = 10, cell.y = 100, cell.w = 200, cell.h = 20;
    mirror.update({cell}, 1.0f);
    cell.y = 60;  // scrolled up by 40 px
    const json moved = json::parse(mirror.update({cell}, 1.0f));
    CHECK(moved["set"].empty());
    CHECK(moved["add"].empty());
    REQUIRE(moved["pos"].size() == 5);
    CHECK(moved["pos"][0].get<std::uint64_t>() == 4000000001u);
    CHECK(moved["pos"][2].get<double>() == 60);
    // Renamed and moved: the whole node, once.
    cell.label = "Voss kommune";
    cell.y = 20;
    const json renamed = json::parse(mirror.update({cell}, 1.0f));
    CHECK_FALSE(renamed.contains("pos"));
    REQUIRE(renamed["set"].size() == 1);
    CHECK(renamed["set"][0]["y"].get<double>() == 20);
}

TEST_CASE_FIXTURE(alis::web::testing::PortalFixture, "scrolling a table of its own sends the table's scroll, not its rows' places") {
    testing::seed_municipalities(portal, 300);
    log_in_as("kontor");
    a11y::Mirror mirror;
    mirror.update(probe::items(), 1.0f);
    const probe::Item kept = item("Kommune 005");
    REQUIRE(kept.scrolls_y);
    CHECK_FALSE(item("Navn").scrolls_y);  // the frozen header row stays where it is
    ImGui::GetIO().MousePos = ImVec2(kept.x + 10, kept.y + 5);
    for (int i = 0; i < 10 && probe::find("Kommune 005") && probe::find("Kommune 005")->y == kept.y; ++i) {
        ImGui::GetIO().MouseWheel = -1;
        ui.frame(app);
    }
    const probe::Item& now = item("Kommune 005");
    REQUIRE(now.y < kept.y);  // drawn higher up: the table scrolled
    const json scrolled = json::parse(mirror.update(probe::items(), 1.0f));
    REQUIRE(scrolled.contains("scroll"));
    REQUIRE(scrolled["scroll"].size() == 2);
    CHECK(scrolled["scroll"][0].get<std::uint32_t>() == now.group);
    CHECK(scrolled["scroll"][1].get<float>() == doctest::Approx(now.scroll_y).epsilon(0.01));
    // No node moved: each row's place is in the table's content, where it stays.
    if (scrolled.contains("pos")) {
        for (std::size_t i = 0; i < scrolled["pos"].size(); i += 5) CHECK(scrolled["pos"][i].get<std::uint32_t>() != now.key);
    }
    for (const auto& n : scrolled["set"]) CHECK(n["k"].get<std::uint32_t>() != now.key);
    // A row that came is placed in the content: where it is drawn plus the scroll.
    bool came = false;
    for (const auto& n : scrolled["add"]) {
        if (!n.contains("sc")) continue;
        const probe::Item* drawn = nullptr;
        for (const auto& i : probe::items()) drawn = i.key == n["k"].get<std::uint32_t>() ? &i : drawn;
        REQUIRE(drawn != nullptr);
        CHECK(n["y"].get<float>() == doctest::Approx(drawn->y + drawn->scroll_y).epsilon(0.01));
        came = true;
    }
    CHECK(came);
    // Once the columns fitted the rows now drawn (the frame after), the same scroll again sends nothing.
    ui.frame(app);
    mirror.update(probe::items(), 1.0f);
    ui.frame(app);
    const std::string again = mirror.update(probe::items(), 1.0f);
    CHECK_MESSAGE(again.empty(), again);
}

TEST_CASE("the changes are valid JSON whatever the names hold, and carry every field of a node") {
    a11y::Mirror mirror;
    probe::Item header;
    header.label = "Navn \"kort\" \\ C:\\tabell\t\x01";  // quotes, backslashes, control characters
    header.role = probe::Role::columnheader;
    header.key = 4294967295u;  // the largest key
    header.group = 3000000000u;
    header.row = -1;           // the header row
    header.row_count = 10001;
    header.x = -3, header.y = 1, header.w = 201, header.h = 40;  // scale 2: -1.5, 0.5, 100.5, 20
    probe::Item field;
    field.label = "Ålesund og Førde \xff\xfe";  // Norwegian letters, then bytes that are no UTF-8
    field.role = probe::Role::textbox;
    field.key = 7;
    field.value = "æøå";
    field.state = probe::kInvalid;
    field.described_by = 8;
    field.banner = true;
    const json sent = json::parse(mirror.update({header, field, field}, 2.0f));  // one item recorded twice
    REQUIRE(sent["add"].size() == 2);
    const json& h = sent["add"][0];
    CHECK(h["k"].get<std::uint64_t>() == 4294967295u);
    CHECK(h["r"] == "columnheader");
    CHECK(h["n"] == header.label);
    CHECK(h["x"].get<double>() == -1.5);
    CHECK(h["y"].get<double>() == 0.5);
    CHECK(h["w"].get<double>() == 100.5);
    CHECK(h["h"].get<double>() == 20);
    CHECK(h["g"].get<std::uint64_t>() == 3000000000u);
    CHECK(h["gr"] == "table");
    CHECK(h["row"] == -1);
    CHECK(h["rc"] == 10001);
    CHECK_FALSE(h.contains("v"));
    CHECK_FALSE(h.contains("b"));
    const json& f = sent["add"][1];
    CHECK(f["n"] == "Ålesund og Førde \xef\xbf\xbd\xef\xbf\xbd");  // each bad byte replaced, nothing thrown
    CHECK(f["v"] == "æøå");
    CHECK(f["s"] == probe::kInvalid);
    CHECK(f["d"] == 8);
    CHECK(f["b"] == 1);
    CHECK_FALSE(f.contains("g"));
    CHECK(sent["order"] == json::array({4294967295u, 7}));
    CHECK(sent["del"].empty());
    // Moved by a half pixel up and left: its place alone; then gone: its key in "del".
    header.x -= 1, header.y -= 1;
    const json moved = json::parse(mirror.update({header, field}, 2.0f));
    CHECK(moved["pos"] == json::parse("[4294967295, -2, 0, 100.5, 20]"));
    const json gone = json::parse(mirror.update({field}, 2.0f));
    CHECK(gone["del"] == json::array({4294967295u}));
    CHECK(gone["order"] == json::array({7}));
}

TEST_CASE("any bytes in a name reach the browser as nlohmann would write them") {
    // The mirror writes well-formed text as it is and leaves the rest to nlohmann's escaping; random
    // names of well-formed and broken pieces must read back the same either way.
    const std::vector<std::string> pieces = {"a", " ", "\xc3\x85", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\"", "\\", "\n",
                                             "\x01", "\x7f", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80",
                                             "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf", "\x80", "\xff", "\xc2"};
    std::mt19937 random(20261205);
    a11y::Mirror mirror;
    for (int round = 0; round < 3000; ++round) {
        probe::Item cell;
        cell.role = probe::Role::cell;
        cell.key = static_cast<std::uint32_t>(round + 1);  // a new node each round: the name goes in "add"
        const int count = static_cast<int>(random() % 8);
        for (int i = 0; i < count; ++i) cell.label += pieces[random() % pieces.size()];
        const json sent = json::parse(mirror.update({cell}, 1.0f));
        const json expected = json::parse(json(cell.label).dump(-1, ' ', false, json::error_handler_t::replace));
        REQUIRE_MESSAGE(sent["add"][0]["n"] == expected, "name bytes: " << json(cell.label).dump(-1, ' ', true, json::error_handler_t::replace));
    }
}

TEST_CASE("an address opens its screen while logged out, and back returns") {
    Headless ui;
    TestPortal portal;
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    CHECK(app.open_route("#/log_in"));
    ui.frame(app);
    CHECK(app.screen() == Screen::log_in);
    CHECK(app.open_route("#/start"));
    ui.frame(app);
    CHECK(app.screen() == Screen::start);
    CHECK_FALSE(app.open_route("#/nowhere"));
    CHECK_FALSE(app.open_route("#/home"));  // needs a log-in
    CHECK(app.screen() == Screen::start);
}

TEST_CASE_FIXTURE(alis::web::testing::PortalFixture, "each page has its address: it follows the open tab, opens the tab, and a link opened before log-in opens its page after it") {
    // A link in an alert mail, opened while logged out: the log-in comes first, then the page.
    ui.frame(app);
    CHECK(app.open_route("#/home/varsler"));
    ui.frame(app);
    CHECK(app.screen() == Screen::log_in);
    ui.type(app, "Brukernavn", "kari");
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    platform.deliver();
    ui.frame(app);
    platform.deliver();
    ui.frame(app);
    ui.frame(app);
    REQUIRE(app.session().logged_in());
    CHECK(app.route() == "#/home/varsler");
    CHECK(app.page_title() == "Varsler – ALIS-portalen Vest");
    // The tab chosen by hand changes the address; back (an older address) opens its tab again.
    ui.click(app, "Ønsker");
    ui.frame(app);
    CHECK(app.route() == "#/home/onsker");
    CHECK(app.open_route("#/home/ledig-tid"));
    ui.frame(app);
    ui.frame(app);
    CHECK(app.route() == "#/home/ledig-tid");
    CHECK(app.page_title() == "Ledig tid – ALIS-portalen Vest");
    // A page another role has, or none has, is not opened.
    CHECK_FALSE(app.open_route("#/home/brukere"));
    CHECK_FALSE(app.open_route("#/home/nowhere"));
    CHECK(app.route() == "#/home/ledig-tid");
}
