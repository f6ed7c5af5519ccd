// A municipality uploads its list as CSV (Kandidater, "Last opp liste (CSV)"): the file chosen in the
// picker is read by core into a preview, nothing changes until "Erstatt listen", a file with a bad row
// names the row and changes nothing, and a file over the limit is refused before it is read.
#include <doctest/doctest.h>

#include "alis/csv.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis::web;
using namespace alis::web::testing;
using nlohmann::json;

namespace {

const std::string kHeader = std::string(alis::kCsvBom) + "Prioritet;Navn;HPR-nummer;Ønsket tjeneste;Utdanningsplan;Søknad;Strøket;Grunn;Strøket dato\r\n";

json doctor_with_hpr(const std::string& id, const std::string& name, const std::string& hpr) {
    json d = doctor_json(id, name);
    d["hpr_number"] = hpr;
    return d;
}

// Bergen's list: Ola (HPR 1234564) first, Kari (HPR 1234563) second.
void seed_list(TestPortal& portal) {
    portal.apply("register_doctor", doctor_with_hpr("d-kari", "Kari Nordmann", "1234563"));
    portal.apply("register_doctor", doctor_with_hpr("d-ola", "Ola Ås", "1234564"));
    portal.apply("put_candidate", json{{"id", "c1"}, {"municipality_id", "bergen"}, {"doctor_id", "d-ola"}, {"position", 1}});
    portal.apply("put_candidate", json{{"id", "c2"}, {"municipality_id", "bergen"}, {"doctor_id", "d-kari"}, {"position", 2}});
}

int position(TestPortal& portal, const std::string& candidate) { return portal.server.state().candidates.at(candidate).position; }

struct UploadFixture : PortalFixture {
    UploadFixture() {
        seed_list(portal);
        log_in_as("bk");
    }
    // Clicks the upload button and chooses `bytes` in the picker it opened.
    void upload(const std::string& name, const std::string& bytes) {
        ui.click(app, app.language() == alis::Language::english ? "Upload a list (CSV)" : "Last opp liste (CSV)");
        REQUIRE(platform.picker);
        CHECK(platform.picker->accept.find(".csv") != std::string::npos);
        CHECK(platform.picker->max_bytes == 1u << 20);
        REQUIRE(platform.choose(name, bytes));
        ui.frame(app);
        ui.frame(app);
    }
};

}  // namespace

TEST_CASE_FIXTURE(UploadFixture, "an edited list is previewed with core's figures and replaces the list only on 'Erstatt listen'") {
    const std::string csv = kHeader + "1;Kari Nordmann;1234563;Indremedisin;;;Nei;;\r\n2;Ola Ås;1234564;;;;Nei;;\r\n";
    upload("kandidater.csv", csv);
    CHECK(ui.shows("Forhåndsvisning av kandidater.csv"));
    CHECK(ui.shows("0 nye, 2 beholdt, 0 fjernet"));
    CHECK(ui.shows("Erstatt listen"));
    // Nothing changed yet, here or on the server.
    sync_round(ui, app, platform);
    CHECK(position(portal, "c1") == 1);
    CHECK(position(portal, "c2") == 2);

    ui.click(app, "Erstatt listen");
    CHECK_FALSE(ui.shows("Erstatt listen"));
    sync_round(ui, app, platform);
    CHECK(position(portal, "c2") == 1);
    CHECK(position(portal, "c1") == 2);
    CHECK(portal.server.state().candidates.at("c2").wished_service == "Indremedisin");
    CHECK(ui.shows("Lagret"));
}

TEST_CASE_FIXTURE(UploadFixture, "a new GP and one left out: the preview counts them; 'Avbryt' drops the preview") {
    portal.apply("register_doctor", doctor_with_hpr("d-per", "Per Li", "1234565"));
    sync_round(ui, app, platform);
    upload("ny.csv", kHeader + "1;;1234565;;;;Nei;;\r\n2;;1234564;;;;Nei;;\r\n");
    CHECK(ui.shows("1 nye, 1 beholdt, 1 fjernet"));
    ui.click(app, "Avbryt");
    CHECK_FALSE(ui.shows("1 nye, 1 beholdt, 1 fjernet"));
    CHECK(portal.server.state().candidates.count("c2") == 1);
}

TEST_CASE_FIXTURE(UploadFixture, "a file with a bad row names the line and column, offers no replace, and changes nothing") {
    const std::size_t sent = platform.paths_sent.size();
    upload("feil.csv", kHeader + "1;;1234563;;;;Nei;;\r\n2;;9999999;;;;Kanskje;;\r\n");
    CHECK(ui.shows_part("Fila kan ikke leses inn, og ingenting er endret"));
    CHECK(ui.shows_part("Linje 3, HPR-nummer"));
    CHECK(ui.shows_part("Linje 3, Strøket"));
    CHECK_FALSE(ui.shows("Erstatt listen"));
    ui.click(app, "Avbryt");
    CHECK_FALSE(ui.shows_part("Linje 3"));
    sync_round(ui, app, platform);
    for (std::size_t i = sent; i < platform.paths_sent.size(); ++i) CHECK(platform.paths_sent[i] != "/api/push");
    CHECK(position(portal, "c1") == 1);
    CHECK(position(portal, "c2") == 2);
}

TEST_CASE_FIXTURE(UploadFixture, "a file over 1 MiB is refused by its size, naming the limit, and nothing is read") {
    upload("stor.csv", std::string((1u << 20) + 1, 'x'));
    CHECK(ui.shows_part("Fila er for stor: en liste kan være høyst 1 MiB"));
    CHECK(ui.shows_part("1048577 byte"));
    CHECK_FALSE(ui.shows_part("Forhåndsvisning"));
}

TEST_CASE_FIXTURE(UploadFixture, "in English the preview and each bad row are in English") {
    ui.click(app, "English");
    upload("list.csv", kHeader + "1;;1234563;;;;Nei;;\r\n2;;1234563;;;;Nei;;\r\n");
    CHECK(ui.shows_part("The file cannot be imported, and nothing has changed"));
    CHECK(ui.shows_part("Line 3, HPR-nummer"));
    CHECK(ui.shows("Cancel"));
    ui.click(app, "Cancel");
    upload("list.csv", kHeader + "1;;1234564;;;;Nei;;\r\n");
    CHECK(ui.shows("Preview of list.csv"));
    CHECK(ui.shows("0 new, 1 kept, 1 removed"));
    CHECK(ui.shows("Replace the list"));
}
