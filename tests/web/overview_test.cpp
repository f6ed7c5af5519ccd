// The ALIS office's overview counts what the replica holds and lists periods close to release.
#include <doctest/doctest.h>

#include "alis/rules.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis::web;
using namespace alis::web::testing;

namespace {

// The number drawn in the row of `what` (the label right of it on the same line).
std::string figure_of(const std::string& what) {
    const probe::Item* name = probe::find(what);
    REQUIRE_MESSAGE(name != nullptr, "no row '" << what << "'");
    for (const auto& item : probe::items()) {
        if (item.y == name->y && item.x > name->x) return item.label;
    }
    return "";
}

}  // namespace

TEST_CASE("the office's overview counts periods and GPs, and names the periods soon released") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("register_doctor", doctor_json("d-ola", "Ola Ås"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"}});
    // Published 50 days before today: 2 calendar months later it is released, so it is "soon".
    const alis::Date today = portal.today;
    const alis::Date old_publication = alis::add_days(today, -50);
    portal.today = old_publication;
    portal.apply("publish_period", nlohmann::json{{"id", "p-old"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 2},
                                                {"published_on", alis::to_iso(old_publication)}});
    portal.today = today;
    portal.apply("publish_period", nlohmann::json{{"id", "p-new"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-03-01"}, {"end", "2027-08-31"}, {"places", 1},
                                                {"published_on", alis::to_iso(portal.today)}});
    portal.apply("make_offer", nlohmann::json{{"id", "o1"}, {"period_id", "p-new"}, {"hospital_id", "helse-bergen"},
                                           {"doctor_id", "d-kari"}, {"start", "2027-03-01"}, {"end", "2027-08-31"}});
    const alis::sync::Actor kari{"u-kari", alis::sync::Role::gp, "", "d-kari"};
    REQUIRE(portal.server.apply_direct(kari, "accept_offer", nlohmann::json{{"offer_id", "o1"}}, portal.today).outcome.accepted);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kontor");
    ui.click(app, "Oversikt");
    CHECK(figure_of("Med profil") == "2");
    CHECK(figure_of("Med ledig tid") == "1");
    CHECK(figure_of("Med ønsker") == "1");
    CHECK(figure_of("Har fått sykehustjeneste") == "1");
    CHECK(figure_of("Utlyst, åpne") == "1");      // p-old; p-new is filled by the accepted offer
    CHECK(figure_of("Plasser i åpne perioder") == "2");
    CHECK(figure_of("Fylt") == "1");
    CHECK(figure_of("Tilbud akseptert") == "1");
    const long days = alis::days_between(portal.today, alis::release_date(old_publication));
    CHECK(ui.shows("Medisinsk avdeling – Helse Bergen, 01.02.2027–31.07.2027: " + std::to_string(days) +
                   " dager til perioden lyses ut som vikariat"));
}
