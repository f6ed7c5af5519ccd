// Files handed to the browser's downloads from the screens: what was handed is core's file of the
// replica the user sees (the GP's calendar, the municipality's list), under the right name and type.
#include <doctest/doctest.h>

#include "alis/sync/calendar.hpp"
#include "alis/sync/list_export.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis::web;
using namespace alis::web::testing;
using nlohmann::json;

namespace {

void seed_offer(TestPortal& portal) {  // on top of seed_region
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("register_doctor", doctor_json("d-ola", "Ola Ås"));
    portal.apply("publish_period", json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                        {"start", "2027-03-01"}, {"end", "2027-08-31"}, {"places", 1},
                                        {"published_on", alis::to_iso(portal.today)}});
    portal.apply("make_offer", json{{"id", "o1"}, {"period_id", "p1"}, {"hospital_id", "helse-bergen"}, {"doctor_id", "d-kari"},
                                    {"start", "2027-03-01"}, {"end", "2027-08-31"}});
    portal.apply("put_candidate", json{{"id", "c1"}, {"municipality_id", "bergen"}, {"doctor_id", "d-ola"}, {"wished_service", "Høst; indremedisin"}});
    portal.apply("put_candidate", json{{"id", "c2"}, {"municipality_id", "bergen"}, {"doctor_id", "d-kari"}});
}

}  // namespace

TEST_CASE_FIXTURE(PortalFixture, "a GP with an offer adds it to a calendar; without one there is no button") {
    seed_offer(portal);
    log_in_as("kari");
    ui.click(app, "Tilbud");
    REQUIRE(ui.shows("Legg i kalenderen (.ics)"));
    ui.click(app, "Legg i kalenderen (.ics)");
    REQUIRE(platform.downloads.size() == 1);
    const auto& file = platform.downloads[0];
    CHECK(file.file_name == "alis-sykehustjeneste.ics");
    CHECK(file.mime_type.rfind("text/calendar", 0) == 0);
    CHECK(file.bytes.find("UID:offer-o1@alis-vest\r\n") != std::string::npos);
    CHECK(file.bytes.find("STATUS:TENTATIVE\r\n") != std::string::npos);  // not answered yet
    CHECK(file.bytes.find("DTEND;VALUE=DATE:20270901\r\n") != std::string::npos);

    TestPlatform other(portal);
    App ola(other);
    log_in(ui, ola, other, "ola");
    ui.click(ola, "Tilbud");
    CHECK_FALSE(ui.shows("Legg i kalenderen (.ics)"));
}

TEST_CASE_FIXTURE(PortalFixture, "a municipality downloads its list: the CSV of the list it sees, in its order") {
    seed_offer(portal);
    log_in_as("bk");
    REQUIRE(ui.shows("Last ned listen som CSV (Excel)"));
    ui.click(app, "Last ned listen som CSV (Excel)");
    REQUIRE(platform.downloads.size() == 1);
    CHECK(platform.downloads[0].file_name == "alis-kandidater-bergen.csv");
    const std::string& csv = platform.downloads[0].bytes;
    CHECK(csv == alis::sync::candidate_list_csv(portal.server.state(), "bergen"));
    CHECK(csv.find("\r\n1;Ola Ås;1234567;\"Høst; indremedisin\";;;Nei;;\r\n2;Kari Nordmann;") != std::string::npos);
}

TEST_CASE_FIXTURE(PortalFixture, "a hospital downloads its accepted placements for WebCruiter as CSV and JSON; none accepted, no buttons") {
    seed_offer(portal);
    {
        TestPlatform before(portal);
        App hospital(before);
        log_in(ui, hospital, before, "hb");
        CHECK_FALSE(ui.shows("Godtatte plasseringer til WebCruiter (CSV)"));  // the offer is still pending
    }
    const alis::sync::Actor kari{"u-kari", alis::sync::Role::gp, "", "d-kari"};
    REQUIRE(portal.server.apply_direct(kari, "accept_offer", json{{"offer_id", "o1"}}, portal.today).outcome.accepted);
    log_in_as("hb");
    ui.click(app, "Godtatte plasseringer til WebCruiter (CSV)");
    ui.click(app, "Godtatte plasseringer til WebCruiter (JSON)");
    REQUIRE(platform.downloads.size() == 2);
    const auto& csv = platform.downloads[0];
    CHECK(csv.file_name == "alis-plasseringer-2026-11-23.csv");
    CHECK(csv.mime_type.rfind("text/csv", 0) == 0);
    CHECK(csv.bytes.find("\r\no1;p1;Helse Bergen;Medisinsk avdeling;") != std::string::npos);
    CHECK(csv.bytes.find(";Kari Nordmann;") != std::string::npos);
    const auto& file = platform.downloads[1];
    CHECK(file.file_name == "alis-plasseringer-2026-11-23.json");
    const json doc = json::parse(file.bytes);
    REQUIRE(doc["placements"].size() == 1);
    CHECK(doc["placements"][0]["doctor"]["name"] == "Kari Nordmann");
    CHECK(doc["placements"][0]["start"] == "2027-03-01");
}
