// Whole flows through the screens, with typed input and clicks, against the real core sync server.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "reveal.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

TEST_CASE("a wrong password is refused with the server's reason, in the user's language") {
    Headless ui;
    TestPortal portal;
    seed_region(portal);
    TestPlatform platform(portal);
    App app(platform);
    ui.frame(app);
    ui.click(app, "Logg inn");
    ui.type(app, "Brukernavn", "kari");
    ui.type(app, "Passord", "feil-passord");
    ui.click(app, "Logg inn");
    platform.deliver();
    ui.frame(app);
    CHECK_FALSE(app.session().logged_in());
    CHECK(ui.shows("Feil brukernavn eller passord."));
}

TEST_CASE_FIXTURE(PortalFixture, "a GP's profile form names the wrong field and cannot be saved until it is valid") {
    log_in_as("kari");
    CHECK(app.screen() == Screen::home);
    CHECK(ui.shows("Profil"));

    ui.type(app, "HPR-nummer", "12a");
    CHECK(ui.shows("HPR-nummeret må være 4 til 9 sifre."));
    ui.click(app, "Lagre");  // disabled while the form is not valid: nothing is sent
    CHECK(app.session().status().pending == 0);
}

TEST_CASE("a GP's profile, free time and wish typed while offline survive a reload and reach the server") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    TestPlatform platform(portal);
    {
        App app(platform);
        log_in(ui, app, platform, "kari");
        fill_profile(ui, app);
        CHECK(ui.shows("Kan søke sykehustjeneste fra 01.08.2022"));
        ui.click(app, "Lagre");
        CHECK(app.session().status().pending == 1);

        platform.offline = true;
        sync_round(ui, app, platform);
        CHECK_FALSE(app.session().status().online);
        ui.click(app, "Ledig tid");
        ui.type(app, "Fra", "01.02.2027");
        ui.type(app, "Til og med", "31.07.2027");
        ui.click(app, "Legg til");
        ui.click(app, "Ønsker");
        ui.click(app, "Sykehus");
        ui.click(app, "Helse Bergen");
        ui.click(app, "Avdeling");
        ui.click(app, "Medisinsk avdeling");
        ui.click(app, "Legg til");
        CHECK(app.session().status().pending == 3);
        CHECK(portal.server.state().doctors.empty());
    }
    // The page is reloaded while still offline: everything is still there, from storage.
    platform.reload();
    App reloaded(platform);
    ui.frame(reloaded);
    REQUIRE(reloaded.session().logged_in());
    CHECK(reloaded.session().status().pending == 3);
    ui.click(reloaded, "Ledig tid");
    CHECK(ui.shows("01.02.2027"));
    CHECK(ui.shows("31.07.2027"));

    platform.offline = false;
    sync_round(ui, reloaded, platform);
    CHECK(reloaded.session().status().pending == 0);
    CHECK(reloaded.session().status().online);
    const auto& server = portal.server.state();
    REQUIRE(server.doctors.count("d-kari") == 1);
    CHECK(server.doctors.at("d-kari").hpr_number == "1234567");
    CHECK(server.available_times.size() == 1);
    REQUIRE(server.wishes.size() == 1);
    CHECK(server.wishes.begin()->second.department_id == "hb-med");
}

TEST_CASE_FIXTURE(PortalFixture, "a hospital coordinator publishes a period and sees the fitting GP among its candidates") {
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"}});
    log_in_as("hb");
    ui.type(app, "Fra", "01.02.2027");
    ui.type(app, "Til og med", "31.07.2027");
    ui.click(app, "Publiser");
    sync_round(ui, app, platform);
    REQUIRE(portal.server.state().periods.size() == 1);
    CHECK(portal.server.state().periods.begin()->second.published_on == portal.today);

    ui.click(app, "Medisinsk avdeling");
    CHECK(ui.shows("Kandidater for perioden"));
    CHECK(ui.shows("Kari Nordmann"));
    ui.click(app, "Gi tilbud");
    sync_round(ui, app, platform);
    REQUIRE(portal.server.state().offers.size() == 1);
    CHECK(portal.server.state().offers.begin()->second.doctor_id == "d-kari");
}

TEST_CASE("two GPs offline accept the one place: the server keeps the first, the second sees why not") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    for (const auto& [id, name] : {std::pair{"d-kari", "Kari Nordmann"}, std::pair{"d-ola", "Ola Ås"}}) {
        portal.apply("register_doctor", doctor_json(id, name));
    }
    portal.apply("publish_period", nlohmann::json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 1},
                                                {"published_on", "2026-11-23"}});
    for (const auto* doctor : {"d-kari", "d-ola"}) {
        portal.apply("make_offer", nlohmann::json{{"id", std::string("o-") + doctor}, {"period_id", "p1"}, {"hospital_id", "helse-bergen"},
                                               {"doctor_id", doctor}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    }
    TestPlatform kari_platform(portal), ola_platform(portal);
    App kari(kari_platform), ola(ola_platform);
    log_in(ui, kari, kari_platform, "kari");
    log_in(ui, ola, ola_platform, "ola");
    kari_platform.offline = ola_platform.offline = true;
    for (auto* app : {&kari, &ola}) {
        ui.click(*app, "Tilbud");
        ui.click(*app, "Godta");
        CHECK(app->session().status().pending == 1);
    }
    kari_platform.offline = ola_platform.offline = false;
    sync_round(ui, kari, kari_platform);
    sync_round(ui, ola, ola_platform);
    CHECK(portal.server.state().offers.at("o-d-kari").status == sync::OfferStatus::accepted);
    CHECK(portal.server.state().offers.at("o-d-ola").status != sync::OfferStatus::accepted);
    CHECK(ola.session().status().pending == 0);
    REQUIRE(ola.session().rejections().size() == 1);
    const auto& refusal = ola.session().rejections()[0];
    CHECK(refusal.name == "accept_offer");
    REQUIRE_FALSE(refusal.problems.empty());
    CHECK(refusal.problems[0].rule == "no_places_left");
    CHECK(ui.shows(refusal.problems[0].message.nb));
    CHECK(ui.shows("Endring avvist av serveren: Godta tilbud"));
    CHECK(kari.session().rejections().empty());
}

TEST_CASE_FIXTURE(PortalFixture, "a change made while a sync is under way is sent when it ends, not at the next periodic pull") {
    log_in_as("kari");
    fill_profile(ui, app);
    ui.click(app, "Lagre");
    ui.frame(app);  // the push of the profile goes out now
    REQUIRE(app.session().status().in_flight);
    ui.type(app, "Telefon", "55 55 55 55");
    ui.click(app, "Lagre");  // made while the first round is under way
    CHECK(app.session().status().pending == 2);
    while (platform.deliver() > 0) ui.frame(app);  // no time passes: the clock stands still
    ui.frame(app);
    while (platform.deliver() > 0) ui.frame(app);
    CHECK(app.session().status().pending == 0);
    CHECK(portal.server.state().doctors.at("d-kari").phone == "55 55 55 55");
}

namespace {
// Kari, free all of 2027 with no wishes, and Helse Bergen's medical period 01.02–31.07.2027.
void seed_kari_without_wishes(TestPortal& portal) {
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
    portal.apply("publish_period", nlohmann::json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 1},
                                                {"published_on", "2026-11-23"}});
}
}  // namespace

TEST_CASE_FIXTURE(PortalFixture, "a GP sees why each published period does not fit, also periods no wish covers") {
    seed_kari_without_wishes(portal);
    log_in_as("kari");
    ui.click(app, "Perioder");
    CHECK(ui.shows("Ingen perioder passer ennå."));
    // The one fixable cause comes with the smallest change that makes the period fit.
    CHECK(ui.shows("Helse Bergen – Medisinsk avdeling: 01.02.2027–31.07.2027: "
                   "Perioden (Helse Bergen, Medisinsk avdeling) er ikke blant ønskene dine. "
                   "Legg til et ønske om Medisinsk avdeling, Helse Bergen, så passer perioden."));
    CHECK_FALSE(ui.shows("Ingen andre perioder er lyst ut."));
    // Made as suggested, with the button beside it, the period fits, here and on the server.
    ui.click(app, "Legg til ønske om Medisinsk avdeling, Helse Bergen");
    CHECK_FALSE(ui.shows("Ingen perioder passer ennå."));
    CHECK(ui.shows("Helse Bergen – Medisinsk avdeling: 01.02.2027–31.07.2027  (Rangering 1, 01.02.2027–31.07.2027)"));
    sync_round(ui, app, platform);
    const auto& wishes = portal.server.state().wishes;
    REQUIRE(wishes.size() == 1);
    const Wish& made = wishes.begin()->second;
    CHECK(made.doctor_id == "d-kari");
    CHECK(made.hospital_id == "helse-bergen");
    CHECK(made.department_id == "hb-med");
    CHECK(made.rank == 1);
}

namespace {
// Kari, free 01.01–30.04.2027, wishing Helse Bergen's medical department, and its period
// 01.02–31.07.2027 published 23.11.2026 (the six months need free time to 31.07.2027).
void seed_kari_short_of_time(TestPortal& portal) {
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-04-30"}});
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"department_id", "hb-med"}});
    portal.apply("publish_period", nlohmann::json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 1},
                                                {"published_on", "2026-11-23"}});
}
}  // namespace

TEST_CASE_FIXTURE(PortalFixture, "a GP whose free time ends too soon adds the suggested free time with one button, and the period fits") {
    seed_kari_short_of_time(portal);
    log_in_as("kari");
    ui.click(app, "Perioder");
    CHECK(ui.shows("Ingen perioder passer ennå."));
    CHECK(ui.shows_part("Hvis den ledige tiden din varer til 31.07.2027, passer perioden."));
    ui.click(app, "Legg til ledig tid 01.02.2027–31.07.2027");
    CHECK(ui.shows("Helse Bergen – Medisinsk avdeling: 01.02.2027–31.07.2027  (Rangering 1, 01.02.2027–31.07.2027)"));
    sync_round(ui, app, platform);
    CHECK(portal.server.state().available_times.size() == 2);
    ui.click(app, "Ledig tid");
    CHECK(ui.shows("Sammenhengende ledig tid, slik tildelingen leser den: 01.01.2027–31.07.2027."));
}

TEST_CASE_FIXTURE(PortalFixture, "a GP with touching free time sees one stretch, and the period that needs it fits") {
    seed_kari_short_of_time(portal);
    portal.apply("put_available_time", nlohmann::json{{"id", "a2"}, {"doctor_id", "d-kari"}, {"start", "2027-05-01"}, {"end", "2027-12-31"}});
    log_in_as("kari");
    ui.click(app, "Ledig tid");
    CHECK(ui.shows("Sammenhengende ledig tid, slik tildelingen leser den: 01.01.2027–31.12.2027."));
    ui.click(app, "Perioder");
    CHECK_FALSE(ui.shows("Ingen perioder passer ennå."));
    CHECK(ui.shows("Helse Bergen – Medisinsk avdeling: 01.02.2027–31.07.2027  (Rangering 1, 01.02.2027–31.07.2027)"));
}

namespace {
// A phone's screen, 320 CSS px wide (WCAG 1.4.10: reflow without sideways scrolling).
struct PhonePortal : PortalFixture {
    PhonePortal() : PortalFixture(640, 320) {}
};

}  // namespace

TEST_CASE_FIXTURE(PhonePortal, "on a 320 px screen the button for a suggested wish wraps its name inside the screen, and works") {
    seed_kari_without_wishes(portal);
    log_in_as("kari");
    ui.click(app, "Skjerm");
    ui.click(app, "Perioder");
    const std::string name = "Legg til ønske om Medisinsk avdeling, Helse Bergen";
    const probe::Item* button = probe::find(name);
    REQUIRE(button != nullptr);
    CHECK(button->x + button->w <= 320);
    CHECK(button->h >= ImGui::GetFrameHeight() + ImGui::GetFontSize() - 1);  // its name takes two lines
    CHECK(past_right_edge(320) == "");
    ui.click(app, name);
    CHECK(ui.shows("Helse Bergen – Medisinsk avdeling: 01.02.2027–31.07.2027  (Rangering 1, 01.02.2027–31.07.2027)"));
}

TEST_CASE_FIXTURE(PhonePortal, "on a 320 px screen the GP's fitting period, wish and offer wrap inside the screen") {
    seed_kari_without_wishes(portal);
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"},
                                            {"department_id", "hb-med"}});
    portal.apply("make_offer", nlohmann::json{{"id", "o1"}, {"period_id", "p1"}, {"hospital_id", "helse-bergen"},
                                              {"doctor_id", "d-kari"}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    log_in_as("kari");
    for (const std::string page : {"Perioder", "Tilbud", "Ønsker"}) {
        CAPTURE(page);
        ui.click(app, "Skjerm");
        ui.click(app, page);
        CHECK(past_right_edge(320) == "");
    }
    // The wish's buttons stay inside the screen, on its row or the row below.
    const probe::Item* remove = probe::find("Slett");
    REQUIRE(remove != nullptr);
    CHECK(remove->x + remove->w <= 320);
}

TEST_CASE_FIXTURE(PhonePortal, "on a 320 px screen the GP's profile is one column inside the screen, and its calendar picks a day") {
    log_in_as("kari");
    CHECK(past_right_edge(320) == "");
    // One column: the fields of the wide screen's second column start where the first column's do.
    const probe::Item* name = probe::find("Fullt navn");
    const probe::Item* cv = probe::find("CV");
    REQUIRE(name != nullptr);
    REQUIRE(cv != nullptr);
    CHECK(cv->x == doctest::Approx(name->x));
    CHECK(cv->y > name->y);
    const probe::Item* choose = probe::find("Velg dato: Start i allmennpraksis");
    REQUIRE(choose != nullptr);
    CHECK(choose->x + choose->w <= 320);

    // The calendar opens on January 2027 (nothing typed yet); a day is named by its whole date.
    ui.click(app, "Velg dato: Start i allmennpraksis");
    ui.frame(app);  // a popup is measured in its first frame and drawn from the next
    CHECK(ui.shows("januar 2027"));
    ui.click(app, "Neste måned");
    CHECK(ui.shows("februar 2027"));
    ui.click(app, "14. februar 2027");
    const probe::Item* field = probe::find("Start i allmennpraksis");
    REQUIRE(field != nullptr);
    CHECK(field->value == "14.02.2027");
}

TEST_CASE_FIXTURE(PhonePortal, "on a 320 px touch screen the calendar's days are touch targets within the screen") {
    theme::apply_style(ImGui::GetStyle(), 1.0f, true);
    log_in_as("kari");
    ui.click(app, "Velg dato: Start i allmennpraksis");
    ui.frame(app);
    const probe::Item* day = probe::find("14. januar 2027");
    const probe::Item* previous = probe::find("Forrige måned");
    REQUIRE(day != nullptr);
    REQUIRE(previous != nullptr);
    // 44 CSS px where a seventh of the screen has room; at 320 px a seventh of what the popup's
    // padding and the gaps leave is a little less.
    CHECK(day->h >= 42);
    CHECK(day->w >= 42);
    CHECK(past_right_edge(320) == "");
    theme::apply_style(ImGui::GetStyle(), 1.0f, false);
}

namespace {
// A laptop's window of 1280x900 at 200 % zoom: 640x450 CSS px (WCAG 1.4.4).
struct ZoomedPortal : PortalFixture {
    ZoomedPortal() : PortalFixture(450, 640) {}
};
}  // namespace

TEST_CASE_FIXTURE(ZoomedPortal, "at 200 % zoom the office's pages are chosen from a list rather than tabs with cut names") {
    log_in_as("kontor");
    // Seven tabs would each be cut ("Organi…") on 640 px: the combo names every page whole.
    const probe::Item* screen = probe::find("Skjerm");
    REQUIRE(screen != nullptr);
    CHECK(screen->role == probe::Role::combobox);
    ui.click(app, "Skjerm");
    for (const char* page : {"Organisasjoner", "Regional liste", "Matching", "Tidslinje", "Oversikt", "Evaluering", "Brukere"}) {
        const probe::Item* option = probe::find(page);
        REQUIRE_MESSAGE(option != nullptr, page);
        CHECK(option->role == probe::Role::option);
    }
    ui.click(app, "Brukere");
    CHECK(app.route() == "#/home/brukere");
}

TEST_CASE_FIXTURE(ZoomedPortal, "at 200 % zoom a hospital's four tabs fit with their whole names and stay tabs") {
    log_in_as("hb");
    const probe::Item* tab = probe::find("Tidslinje");
    REQUIRE(tab != nullptr);
    CHECK(tab->role == probe::Role::tab);
    CHECK(tab->w >= ImGui::CalcTextSize("Tidslinje").x);
    CHECK(probe::find("Skjerm") == nullptr);
}

TEST_CASE_FIXTURE(PhonePortal, "on a phone each page chosen from the list keeps its own scroll, not where the page before was scrolled") {
    seed_kari_without_wishes(portal);
    log_in_as("kari");
    // Two pages longer than the phone's screen: the profile and the alerts with their form.
    ui.click(app, "Skjerm");
    ui.click(app, "Varsler");
    const float fresh = probe::find("Abonnementer")->y;
    ui.click(app, "Skjerm");
    ui.click(app, "Profil");
    const float top = probe::find("Fullt navn")->y;
    // Scroll the profile down a little with the wheel, as a finger or a mouse would.
    ImGui::GetIO().MousePos = ImVec2(160, 500);
    ImGui::GetIO().MouseWheel = -1;
    ui.frame(app);
    ui.frame(app);
    REQUIRE(probe::find("Fullt navn")->y < top - 40);
    ui.click(app, "Skjerm");
    ui.click(app, "Varsler");
    const probe::Item* heading = probe::find("Abonnementer");
    REQUIRE(heading != nullptr);
    CHECK(heading->y == doctest::Approx(fresh));
}

TEST_CASE_FIXTURE(PhonePortal, "a control below the fold that keyboard focus reaches is scrolled into view, and back up") {
    seed_kari_without_wishes(portal);
    log_in_as("kari");
    // The profile is longer than the phone's 640 px: its save button is drawn below the screen.
    const probe::Item* save = probe::find("Lagre");
    REQUIRE(save != nullptr);
    REQUIRE(save->y > 640);
    const std::uint32_t key = save->key;
    CHECK(reveal(*save));
    ui.frame(app);
    save = probe::find("Lagre");
    REQUIRE(save != nullptr);
    CHECK(save->key == key);
    CHECK(save->y >= 0);
    CHECK(save->y + save->h <= 640);
    // Shift+Tab back to the first field: the page scrolls back so it is seen.
    const probe::Item* name = probe::find("Fullt navn");
    REQUIRE(name != nullptr);
    REQUIRE(name->y < 0);
    CHECK(reveal(*name));
    ui.frame(app);
    name = probe::find("Fullt navn");
    CHECK(name->y >= 0);
    // An item already in view moves nothing.
    CHECK_FALSE(reveal(*name));
}
