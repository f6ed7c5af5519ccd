// A hospital coordinator edits a published period with the publish form; the server's record
// changes, and an edit the server refuses replaces "Lagret" with the refusal, naming field and rule.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

namespace {

void publish(TestPortal& portal, int places) {
    portal.apply("publish_period", nlohmann::json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", places},
                                                {"supervisor", "Overlege Berg"}, {"published_on", "2026-11-23"}});
}

const char* kFewerPlaces = "Plasser: Flere tilbud er allerede akseptert.";

}  // namespace

TEST_CASE("a coordinator edits a period: the form is prefilled, saves only a change, and the server's record changes") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    publish(portal, 2);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "hb");
    REQUIRE(app.session().logged_in());

    ui.click(app, "Endre");
    CHECK(ui.shows("Endre periode"));
    CHECK(ui.shows("Ingen endringer ennå."));
    ui.click(app, "Lagre endringer");  // disabled: nothing changed yet
    CHECK(app.session().status().pending == 0);

    ui.type(app, "Veileder", " og Overlege Ærø");
    ui.type(app, "Plasser", "3");  // the number field selects its value on click, so this replaces it
    CHECK_FALSE(ui.shows("Ingen endringer ennå."));
    ui.click(app, "Lagre endringer");
    CHECK(ui.shows("Lagret"));
    CHECK(ui.shows("Ny periode"));  // the form is back to publishing
    sync_round(ui, app, platform);
    const Period& p = portal.server.state().periods.at("p1");
    CHECK(p.supervisor == "Overlege Berg og Overlege Ærø");
    CHECK(p.places == 3);
    CHECK(p.published_on == Date{2026, 11, 23});
    CHECK(app.session().rejections().empty());

    ui.click(app, "Endre");
    ui.click(app, "Avbryt");
    CHECK(ui.shows("Ny periode"));
    CHECK(app.session().status().pending == 0);
}

TEST_CASE("an edit with fewer places than accepted offers: 'Lagret' gives way to the server's refusal, in words") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    for (const auto& [id, name] : {std::pair{"d-kari", "Kari Nordmann"}, std::pair{"d-ola", "Ola Ås"}}) {
        portal.apply("register_doctor", doctor_json(id, name));
    }
    publish(portal, 3);
    for (const auto* doctor : {"d-kari", "d-ola"}) {
        portal.apply("make_offer", nlohmann::json{{"id", std::string("o-") + doctor}, {"period_id", "p1"}, {"hospital_id", "helse-bergen"},
                                               {"doctor_id", doctor}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    }
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "hb");
    REQUIRE(app.session().logged_in());

    // Both GPs accept on the server after the coordinator's last sync: this replica still sees two
    // pending offers, so cutting the period to one place looks fine here.
    for (const char* gp : {"kari", "ola"}) {
        const auto& user = portal.accounts.at(gp).second;
        const auto answer = portal.server.apply_direct(sync::actor_for(user), "accept_offer",
                                                       {{"offer_id", "o-" + user.doctor_id}}, portal.today);
        REQUIRE(answer.outcome.accepted);
    }
    ui.click(app, "Endre");
    ui.type(app, "Plasser", "1");
    ui.click(app, "Lagre endringer");
    CHECK(ui.shows("Lagret"));
    CHECK(app.session().status().pending == 1);

    sync_round(ui, app, platform);
    CHECK(portal.server.state().periods.at("p1").places == 3);
    REQUIRE(app.session().rejections().size() == 1);
    CHECK(app.session().rejections()[0].problems.at(0).rule == "fewer_places_than_accepted");
    CHECK_FALSE(ui.shows("Lagret"));
    CHECK(ui.shows("Endring avvist av serveren"));
    CHECK(ui.shows(kFewerPlaces));

    // The refusal stays on the form after the status line's copy is dismissed.
    ui.click(app, "Lukk");
    CHECK(app.session().rejections().empty());
    CHECK(ui.shows(kFewerPlaces));

    // Now that the replica knows of the two accepted offers, the same edit is refused at once.
    ui.click(app, "Endre");
    ui.type(app, "Plasser", "1");
    ui.click(app, "Lagre endringer");
    CHECK(app.session().status().pending == 0);
    CHECK(ui.shows(kFewerPlaces));
    CHECK_FALSE(ui.shows("Lagret"));
}
