// Alerts: a GP's subscriptions reach the server and can be removed; a newly published period that
// fits the GP's wishes, an offer, and a period a subscription asks for show up, newest first.
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

void seed_kari_wishing_medicine(TestPortal& portal) {
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"}});
    portal.apply("put_organisation", nlohmann::json{{"id", "hb-kir"}, {"kind", "department"}, {"name", "Kirurgisk avdeling"},
                                                    {"parent_id", "helse-bergen"}, {"specialty", "kirurgi"}});
}

void publish(TestPortal& portal, const std::string& id, const std::string& department) {
    portal.apply("publish_period", nlohmann::json{{"id", id}, {"hospital_id", "helse-bergen"}, {"department_id", department},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 1},
                                                {"published_on", to_iso(portal.today)}});
}

}  // namespace

TEST_CASE_FIXTURE(PortalFixture, "a GP adds an e-mail subscription for one hospital and deletes it; both reach the server") {
    seed_kari_wishing_medicine(portal);
    log_in_as("kari");
    ui.click(app, "Varsler");
    CHECK(ui.shows("Ingen abonnementer ennå."));
    CHECK(ui.shows("Varsler på e-post sendes av serveren til ALIS-kontor Vest når den har en e-posttjener; hver e-post har en lenke for å melde seg av."));

    ui.click(app, "Varsle om");
    ui.click(app, "Perioder lyst ut som vikariat");
    ui.click(app, "Kanal");
    ui.click(app, "E-post");
    ui.click(app, "Sykehus");
    ui.click(app, "Helse Bergen");
    ui.click(app, "Legg til");
    CHECK(ui.shows("Lagret"));
    sync_round(ui, app, platform);
    const auto& subscriptions = portal.server.state().subscriptions;
    REQUIRE(subscriptions.size() == 1);
    const sync::Subscription& s = subscriptions.begin()->second;
    CHECK(s.user_id == "u-kari");
    CHECK(s.topic == sync::SubscriptionTopic::released_periods);
    CHECK(s.channel == sync::Channel::email);
    CHECK(s.hospital_id == "helse-bergen");
    CHECK(ui.shows("Perioder lyst ut som vikariat"));  // listed in the table

    ui.click(app, "Slett");
    sync_round(ui, app, platform);
    CHECK(portal.server.state().subscriptions.empty());
    CHECK(ui.shows("Ingen abonnementer ennå."));
}

TEST_CASE_FIXTURE(PortalFixture, "a fitting period published, an offer and a subscribed department's period appear as alerts, newest first") {
    seed_kari_wishing_medicine(portal);
    log_in_as("kari");
    ui.click(app, "Varsler");
    CHECK(ui.shows("Ingen varsler ennå."));

    const std::string fitting = "Ny periode som passer ønskene dine: Helse Bergen – Medisinsk avdeling, 01.02.2027–31.07.2027";
    const std::string surgery = "Ny periode: Helse Bergen – Kirurgisk avdeling, 01.02.2027–31.07.2027";
    publish(portal, "p-med", "hb-med");
    publish(portal, "p-kir", "hb-kir");  // not wished for: no alert without a subscription
    sync_round(ui, app, platform);
    CHECK(ui.shows(fitting));
    CHECK(ui.shows("23.11.2026"));
    CHECK_FALSE(ui.shows(surgery));
    CHECK_FALSE(ui.shows("Ingen varsler ennå."));

    // An in-app subscription to new periods in surgery adds that period.
    ui.type(app, "Fagområde", "kirurgi");
    ui.click(app, "Legg til");
    CHECK(ui.shows(surgery));

    // An offer a week later comes first.
    portal.today = Date{2026, 11, 30};
    portal.apply("make_offer", nlohmann::json{{"id", "o1"}, {"period_id", "p-med"}, {"hospital_id", "helse-bergen"},
                                              {"doctor_id", "d-kari"}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    sync_round(ui, app, platform);
    const std::string offer = "Tilbud: Helse Bergen – Medisinsk avdeling, 01.02.2027–31.07.2027";
    REQUIRE(ui.shows(offer));
    CHECK(ui.shows("30.11.2026"));
    CHECK(row_y(offer) < row_y(fitting));
}

TEST_CASE_FIXTURE(PortalFixture, "a hospital coordinator subscribes to new candidates") {
    log_in_as("hb");
    ui.click(app, "Varsler");
    ui.click(app, "Varsle om");
    ui.click(app, "Nye kandidater");
    ui.click(app, "Legg til");
    sync_round(ui, app, platform);
    REQUIRE(portal.server.state().subscriptions.size() == 1);
    const sync::Subscription& s = portal.server.state().subscriptions.begin()->second;
    CHECK(s.user_id == "u-hb");
    CHECK(s.topic == sync::SubscriptionTopic::new_candidates);
    CHECK(s.channel == sync::Channel::in_app);
}

TEST_CASE_FIXTURE(PortalFixture, "the hospital sees the two-month warning 14 days ahead and the release; the GP offered it sees it gone") {
    seed_kari_wishing_medicine(portal);
    publish(portal, "p-med", "hb-med");  // 23.11.2026: released 23.01.2027, warned 09.01.2027
    log_in_as("hb");
    ui.click(app, "Varsler");
    const std::string warning = "Lyses ut som vikariat om 14 dager uten sammenfall: Helse Bergen – Medisinsk avdeling, 01.02.2027–31.07.2027";
    const std::string released = "Ingen sammenfall på to måneder: dere kan nå lyse perioden ut som ordinært vikariat: Helse Bergen – "
                                 "Medisinsk avdeling, 01.02.2027–31.07.2027";
    portal.today = Date{2027, 1, 8};
    sync_round(ui, app, platform);
    CHECK(ui.shows("Ingen varsler ennå."));
    CHECK_FALSE(ui.shows(warning));
    portal.today = Date{2027, 1, 9};
    sync_round(ui, app, platform);
    CHECK(ui.shows(warning));
    CHECK(ui.shows("09.01.2027"));

    // An offer not answered in time (its deadline, 23.01.2027, the release date, holds the period
    // through that day): the day after, it lapses and the period is released. (A GP sees a period
    // that is no longer published only through an offer to them; the server's view decides the rest.)
    portal.apply("make_offer", nlohmann::json{{"id", "o1"}, {"period_id", "p-med"}, {"hospital_id", "helse-bergen"},
                                              {"doctor_id", "d-kari"}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    portal.today = Date{2027, 1, 23};
    CHECK(portal.server.release_unmatched(portal.today).changes.empty());
    portal.today = Date{2027, 1, 24};
    portal.server.release_unmatched(portal.today);
    sync_round(ui, app, platform);
    CHECK(ui.shows(released));
    CHECK(ui.shows(warning));  // the warning stays, below
    CHECK(row_y(released) < row_y(warning));

    TestPlatform kari_platform(portal);
    App kari(kari_platform);
    log_in(ui, kari, kari_platform, "kari");
    ui.click(kari, "Varsler");
    sync_round(ui, kari, kari_platform);
    CHECK(ui.shows("Lyst ut som vikariat: Helse Bergen – Medisinsk avdeling, 01.02.2027–31.07.2027"));
    CHECK(ui.shows("Svarfristen for et tilbud til deg gikk ut: Helse Bergen – Medisinsk avdeling, 01.02.2027–31.07.2027"));
}

TEST_CASE_FIXTURE(PortalFixture, "a GP adds a subscription with department, dates and frequency, pauses, edits and deletes it; each reaches the server") {
    seed_kari_wishing_medicine(portal);
    log_in_as("kari");
    ui.click(app, "Varsler");
    ui.click(app, "Kanal");
    ui.click(app, "E-post");
    ui.click(app, "Hvor ofte");
    ui.click(app, "Samlet hver dag");
    ui.click(app, "Sykehus");
    ui.click(app, "Helse Bergen");
    ui.click(app, "Avdeling");
    ui.click(app, "Kirurgisk avdeling");
    ui.type(app, "Fra", "01.03.2027");
    ui.type(app, "Til og med", "30.06.2027");
    ui.click(app, "Legg til");
    sync_round(ui, app, platform);
    const auto& subscriptions = portal.server.state().subscriptions;
    REQUIRE(subscriptions.size() == 1);
    const std::string id = subscriptions.begin()->first;
    {
        const sync::Subscription& s = subscriptions.begin()->second;
        CHECK(s.topic == sync::SubscriptionTopic::new_periods);
        CHECK(s.channel == sync::Channel::email);
        CHECK(s.frequency == sync::Frequency::daily);
        CHECK(s.hospital_id == "helse-bergen");
        CHECK(s.department_id == "hb-kir");
        CHECK(s.from == Date{2027, 3, 1});
        CHECK(s.to == Date{2027, 6, 30});
        CHECK_FALSE(s.paused);
    }
    // The row names its filters and how often.
    CHECK(ui.shows("Helse Bergen, Kirurgisk avdeling, 01.03.2027–30.06.2027"));
    CHECK(ui.shows("Samlet hver dag"));

    ui.click(app, "Sett på pause");
    sync_round(ui, app, platform);
    REQUIRE(subscriptions.count(id));
    CHECK(subscriptions.at(id).paused);
    CHECK(ui.shows("Samlet hver dag (på pause)"));

    // Edit fills the form with the record; saving keeps its id (and its pause).
    ui.click(app, "Endre");
    CHECK(ui.shows("Endre abonnement"));
    ui.click(app, "Hvor ofte");
    ui.click(app, "Samlet hver uke");
    ui.click(app, "Lagre endringer");
    sync_round(ui, app, platform);
    REQUIRE(subscriptions.size() == 1);
    {
        const sync::Subscription& s = subscriptions.at(id);
        CHECK(s.frequency == sync::Frequency::weekly);
        CHECK(s.department_id == "hb-kir");
        CHECK(s.from == Date{2027, 3, 1});
        CHECK(s.channel == sync::Channel::email);
        CHECK(s.paused);
    }
    CHECK_FALSE(ui.shows("Endre abonnement"));

    ui.click(app, "Start igjen");
    sync_round(ui, app, platform);
    CHECK_FALSE(subscriptions.at(id).paused);

    ui.click(app, "Slett");
    sync_round(ui, app, platform);
    CHECK(portal.server.state().subscriptions.empty());
    CHECK(ui.shows("Ingen abonnementer ennå."));
}

TEST_CASE_FIXTURE(PortalFixture, "a to date before the from date is named under the field and nothing is sent") {
    log_in_as("kari");
    ui.click(app, "Varsler");
    ui.type(app, "Fra", "01.03.2027");
    ui.type(app, "Til og med", "28.02.2027");
    CHECK(ui.shows("Til-datoen kan ikke være før fra-datoen."));
    ui.click(app, "Legg til");
    sync_round(ui, app, platform);
    CHECK(portal.server.state().subscriptions.empty());
}
