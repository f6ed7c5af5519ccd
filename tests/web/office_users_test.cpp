// The password screens and the office's account form, headless. The account administration itself
// talks to the real alis-sync (tests/sync/test_user_admin.cpp, tests/e2e/office_users.test.mjs); the
// fake server here has no accounts, so these tests pin down what the app decides on its own: the
// local rules, reading the server's account list, and that a one-time password blocks everything.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "headless.hpp"
#include "portal_fixture.hpp"
#include "screen_office_users.hpp"
#include "screen_password.hpp"
#include "screen_register.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using alis::web::testing::Headless;
using alis::web::testing::TestPlatform;
using alis::web::testing::TestPortal;

namespace {
bool has(const Problems& problems, const std::string& field, const std::string& rule) {
    return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.field == field && p.rule == rule; });
}

int count(const std::vector<std::string>& paths, const std::string& path) {
    return static_cast<int>(std::count(paths.begin(), paths.end(), path));
}
}  // namespace

TEST_CASE("a new password follows the server's rules, and is typed the same twice") {
    CHECK(check_new_password("kari", "xxxx-xxxx-xxxx-xxxx", "et-langt-passord", "et-langt-passord").empty());
    CHECK(has(check_new_password("kari", "", "et-langt-passord", "et-langt-passord"), "current_password", "required"));
    CHECK(has(check_new_password("kari", "gammelt", "kort", "kort"), "new_password", "too_short"));
    CHECK(has(check_new_password("kari", "gammelt", "KARI-sitt-passord", "KARI-sitt-passord"), "new_password",
              "contains_username"));
    CHECK(has(check_new_password("kari", "samme-passord", "samme-passord", "samme-passord"), "new_password",
              "same_as_current"));
    CHECK(has(check_new_password("kari", "gammelt", "et-langt-passord", "et-langt-passor"), "repeat_password",
              "passwords_differ"));
}

TEST_CASE("a new account needs a valid username, an organisation, a name and an e-mail address") {
    CHECK(check_new_account("Kari.K", "helse-bergen", "Kari", "kari@helse-bergen.no", "hospital").empty());
    const Problems empty = check_new_account("", "", "", "", "hospital");
    CHECK(has(empty, "username", "required"));
    CHECK(has(empty, "organisation_id", "required"));
    CHECK(has(empty, "name", "required"));
    CHECK(has(empty, "email", "required"));
    CHECK(has(check_new_account("ka ri", "x", "K", "k@x.no", "hospital"), "username", "username_format"));
    CHECK(has(check_new_account("kari", "x", "K", "k@x", "hospital"), "email", "email_format"));
    CHECK(has(check_new_account("kari", "x", "K", "@x.no", "hospital"), "email", "email_format"));
    CHECK(has(check_new_account("kari", "x", "K", "kari@x..no", "hospital"), "email", "email_format"));
    CHECK(has(check_new_account("kari", "x", "K", "k@x.no", "gp"), "role", "gp_registers_self"));
    CHECK(has(check_new_account("kari", "x", std::string(201, 'K'), "k@x.no", "hospital"), "name", "too_long"));
}

TEST_CASE("registration in the browser applies the server's rules, with the same names") {
    CHECK(check_registration("Kari Lege", "kari@example.no", "kari.lege", "ærø-kåpe-9").empty());
    // The browser used to accept an address without a dot in the domain; the server never did.
    CHECK(has(check_registration("Kari", "kari@x", "kari.lege", "et-langt-passord"), "email", "email_format"));
    // Ten characters, not ten bytes: nine with æøå take 12 bytes and are still too short.
    CHECK(has(check_registration("Kari", "kari@x.no", "kari.lege", "ærø-kåpe9"), "password", "too_short"));
    CHECK(has(check_registration("Kari", "kari@x.no", "kari.lege", "Kari.Lege-passord"), "password", "contains_username"));
    CHECK(has(check_registration("", "", "", ""), "password", "required"));
}

TEST_CASE("the account list is read from the server's answer; rows without an id are left out") {
    // The shape GET /api/users answers (see tests/sync/test_user_admin.cpp).
    const auto answer = nlohmann::json::parse(R"json({"users":[
        {"id":"u-1","username":"admin","role":"alis_office","organisation_id":"alis-kontor-vest","doctor_id":"",
         "name":"ALIS-kontor Vest (administrator)","email":"","language":"nb","must_change_password":true,
         "disabled":false,"created_at":1799064000},
        {"id":"u-2","username":"demo-kommune","role":"municipality","organisation_id":"bergen","doctor_id":"",
         "name":"Bergen kommune (demo)","email":"demo-kommune@demo.invalid","language":"nb",
         "must_change_password":false,"disabled":true,"created_at":1799064000},
        {"username":"broken"}]})json");
    const auto accounts = accounts_from_answer(answer);
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0].must_change_password);
    CHECK_FALSE(accounts[0].disabled);
    CHECK(accounts[1].disabled);
    CHECK(accounts[1].organisation_id == "bergen");
    CHECK(accounts_from_answer(nlohmann::json::parse("{}")).empty());
}

TEST_CASE("a user who must change the password sees only the password screen and nothing syncs") {
    Headless ui;
    TestPortal portal;
    testing::seed_region(portal);
    TestPlatform platform(portal);
    // As left by a log-in with a one-time password, then a reload.
    platform.files["session.json"] =
        R"({"id":"u-hb","username":"hb","role":"hospital","organisation_id":"helse-bergen","doctor_id":"",)"
        R"("name":"Hanne Berg","email":"hb@example.no","must_change_password":true})";
    App app(platform);
    for (int i = 0; i < 3; ++i) {
        ui.frame(app);
        platform.deliver();
    }
    CHECK(app.screen() == Screen::change_password);
    CHECK(ui.shows("Velg nytt passord"));
    CHECK(ui.shows("Engangspassord"));
    CHECK_FALSE(ui.shows("Perioder"));
    CHECK_FALSE(ui.shows("Tilbake"));  // no way around it but logging out
    CHECK(count(platform.paths_sent, "/api/pull") == 0);
    CHECK(count(platform.paths_sent, "/api/push") == 0);

    // Save stays disabled until the rules hold; the repeat must match.
    ui.type(app, "Engangspassord", "abcd-efgh-ijkm-npqr");
    ui.type(app, "Nytt passord", "et-langt-passord");
    ui.type(app, "Gjenta nytt passord", "et-langt");
    CHECK(ui.shows("Passordene er ikke like."));
    ui.click(app, "Lagre nytt passord");
    CHECK(count(platform.paths_sent, "/api/password") == 0);
    ui.type(app, "Gjenta nytt passord", "-passord");
    CHECK_FALSE(ui.shows("Passordene er ikke like."));
    ui.click(app, "Lagre nytt passord");
    CHECK(count(platform.paths_sent, "/api/password") == 1);
}

TEST_CASE("every logged-in user reaches 'Bytt passord' from the top bar and can go back") {
    Headless ui;
    TestPortal portal;
    testing::seed_region(portal);
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.click(app, "Logg inn");
    ui.type(app, "Brukernavn", "bk");
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    platform.deliver();
    ui.frame(app);
    REQUIRE(app.screen() == Screen::home);
    ui.click(app, "Bytt passord");
    CHECK(app.screen() == Screen::change_password);
    CHECK(ui.shows("Nåværende passord"));
    CHECK(ui.shows("Minst 10 tegn, uten brukernavnet."));
    ui.click(app, "Tilbake");
    CHECK(app.screen() == Screen::home);
}
