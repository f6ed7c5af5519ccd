// "Dine opplysninger" on the GP's profile: the download hands the server's JSON to the browser's
// downloads; the deletion asks for the password, then logs out, removes the user's replica and its
// pending changes from this machine and says so on the start screen; a hospital's replica loses the
// GP at its next pull.
#include <doctest/doctest.h>

#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"
#include "ui_probe.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;
using nlohmann::json;

namespace {

void seed_kari(TestPortal& portal) {  // on top of seed_region
    portal.server.apply_direct(sync::Actor{"u-kari", sync::Role::gp, "", "d-kari"}, "register_doctor",
                               doctor_json("d-kari", "Kari Nordmann"), portal.today);
    const sync::Actor kari{"u-kari", sync::Role::gp, "", "d-kari"};
    REQUIRE(portal.server.apply_direct(kari, "put_available_time",
                                       {{"id", "at-kari"}, {"doctor_id", "d-kari"}, {"start", "2027-03-01"}, {"end", "2027-08-31"}},
                                       portal.today).outcome.accepted);
    REQUIRE(portal.server.apply_direct(kari, "put_wish",
                                       {{"id", "w-kari"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"}},
                                       portal.today).outcome.accepted);
}

// Tall enough for the whole "Dine opplysninger" section.
struct TallPortal : PortalFixture {
    TallPortal() : PortalFixture(1600) {}
};

std::size_t files_starting(const TestPlatform& platform, const std::string& prefix) {
    std::size_t n = 0;
    for (const auto& [name, content] : platform.files) n += name.rfind(prefix, 0) == 0;
    return n;
}

}  // namespace

TEST_CASE_FIXTURE(TallPortal, "the GP downloads everything the portal holds about them as JSON") {
    seed_kari(portal);
    log_in_as("kari");
    ui.frame(app);
    REQUIRE(ui.shows("Dine opplysninger"));
    ui.click(app, "Last ned alt vi har om deg (JSON)");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    REQUIRE(platform.downloads.size() == 1);
    CHECK(platform.downloads[0].file_name == "alis-mine-data.json");
    CHECK(platform.downloads[0].mime_type == "application/json");
    const json data = json::parse(platform.downloads[0].bytes);
    CHECK(data["records"]["available_times"][0]["id"] == "at-kari");
    CHECK(data["records"]["doctor"]["name"] == "Kari Nordmann");
    CHECK(platform.downloads[0].bytes.find("d-ola") == std::string::npos);
    CHECK(ui.shows("Filen alis-mine-data.json er lagt i nedlastingene dine."));
}

TEST_CASE_FIXTURE(TallPortal, "deleting the account: a wrong password is refused; the right one clears this machine and the hospital's replica") {
    seed_kari(portal);
    // The hospital coordinator's browser (its own profile) sees Kari through her wish.
    TestPlatform hospital_platform(portal);
    App hospital(hospital_platform);
    log_in(ui, hospital, hospital_platform, "hb");
    REQUIRE(hospital.session().view().doctors.count("d-kari"));

    log_in_as("kari");
    ui.click(app, "Profil");  // the shared ImGui context remembers the hospital's open tab
    REQUIRE(files_starting(platform, "client-u-kari-") == 1);

    ui.click(app, "Slett kontoen min");
    CHECK(ui.shows("Slett alt"));
    CHECK(ui.shows("Avbryt"));
    // Cancel leaves everything as it was.
    ui.click(app, "Avbryt");
    CHECK_FALSE(ui.shows("Slett alt"));
    ui.click(app, "Slett kontoen min");
    ui.type(app, "Passordet ditt (for å bekrefte)", "feil-passord");
    ui.click(app, "Slett alt");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    CHECK(ui.shows("Passordet er feil."));
    CHECK(app.session().logged_in());
    CHECK(portal.server.state().doctors.count("d-kari"));

    // A change made just before, not yet sent: it must not stay on this machine either.
    REQUIRE(app.session().mutate("put_available_time", {{"id", "at-kari-2"}, {"doctor_id", "d-kari"}, {"start", "2027-09-01"},
                                                        {"end", "2027-10-31"}}).accepted);
    // Cancel empties the password field; the second try types the right one.
    ui.click(app, "Avbryt");
    ui.click(app, "Slett kontoen min");
    ui.type(app, "Passordet ditt (for å bekrefte)", "hemmelig-passord");
    ui.click(app, "Slett alt");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    ui.frame(app);

    CHECK_FALSE(app.session().logged_in());
    CHECK(app.screen() == Screen::start);
    CHECK(ui.shows("Kontoen og opplysningene dine er slettet."));
    CHECK(files_starting(platform, "client-u-kari-") == 0);
    CHECK(platform.files.count("session.json") == 0);
    CHECK_FALSE(portal.server.state().doctors.count("d-kari"));
    CHECK(portal.accounts.count("kari") == 0);

    // The hospital's next pull drops Kari.
    sync_round(ui, hospital, hospital_platform);
    CHECK_FALSE(hospital.session().view().doctors.count("d-kari"));
    CHECK_FALSE(hospital.session().view().wishes.count("w-kari"));

    // Logging in again fails; the message goes once the start screen is left and a log-in is tried.
    ui.frame(app);
    ui.click(app, "Logg inn");
    ui.type(app, "Brukernavn", "kari");
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    CHECK_FALSE(app.session().logged_in());
    CHECK(ui.shows("Feil brukernavn eller passord."));
}
