// The GP's profile form on a machine the GP has not used before: it is drawn before the first pull
// brings the stored profile, and must show that profile when it arrives, not the account's defaults
// (which "Lagre" would otherwise send over the real profile).
#include <doctest/doctest.h>

#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"
#include "ui_probe.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

namespace {
std::string value_of(const std::string& label) {
    const probe::Item* item = probe::find(label);
    REQUIRE_MESSAGE(item != nullptr, "no item labelled '" << label << "'");
    return item->value;
}
}  // namespace

TEST_CASE("a GP logging in on a new machine sees the stored profile once the first pull brings it") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kari");
    REQUIRE(app.session().logged_in());
    ui.frame(app);
    CHECK(value_of("HPR-nummer") == "1234567");
    CHECK(value_of("Start i allmennpraksis") == "01.08.2019");
    CHECK(value_of("Fullt navn") == "Kari Nordmann");
}

TEST_CASE("what the GP typed before the first pull arrived is kept") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.click(app, "Logg inn");
    ui.type(app, "Brukernavn", "kari");
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    platform.deliver();  // the log-in's answer only: the first pull is still on its way
    ui.frame(app);
    ui.type(app, "Telefon", "55 00 00 00");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    CHECK(value_of("Telefon") == "55 00 00 00");
    CHECK(value_of("HPR-nummer").empty());
}
