// An accepted placement as the hospital's recruitment system takes it: JSON and CSV, byte for byte.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "alis/sync/placement_export.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {
PortalState accepted_region() {
    PortalState s = region();
    must(s, system_actor(), "put_organisation", {{"id", "dep1"}, {"kind", "department"}, {"name", "Medisinsk; klinikk"},
                                                 {"parent_id", "hf1"}, {"specialty", "indremedisin"}});
    json d1 = doctor_json(1);
    d1["email"] = "ase@example.no";
    d1["phone"] = "+47 55 00 00 00";
    must(s, gp(1), "update_doctor", d1);
    must(s, hospital(1), "publish_period", period_json("p-late", 1, "2027-08-01", "2028-01-31"));
    must(s, hospital(1), "make_offer", offer_json("o-late", "p-late", "d1", "2027-08-01", "2028-01-31"));  // pending: not placed
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    must(s, gp(2), "accept_offer", {{"offer_id", "o2"}});  // another trust's placement
    return s;
}
}  // namespace

TEST_CASE("a hospital's accepted placements as CSV: its own only, Norwegian dates, quoted where Excel needs it") {
    const PortalState s = accepted_region();
    CHECK(placements_csv(placement_records(s, "hf1")) ==
          "\xEF\xBB\xBF"
          "Tilbud-ID;Periode-ID;Helseforetak;Avdeling;Fagområde;Fra;Til;Godtatt;Navn;HPR-nummer;E-post;Telefon;Hjemkommune;Ordning\r\n"
          "o1;p1;Helse Bergen;\"Medisinsk; klinikk\";indremedisin;01.02.2027;31.07.2027;22.11.2026;Åse Ødegård;1234561;"
          "ase@example.no;'+47 55 00 00 00;Bergen;Ny (6 måneder)\r\n");
    CHECK(placements_csv(placement_records(s, "hf2")).find("Per Ås;1234562") != std::string::npos);
    CHECK(placements_csv({}) ==
          "\xEF\xBB\xBF"
          "Tilbud-ID;Periode-ID;Helseforetak;Avdeling;Fagområde;Fra;Til;Godtatt;Navn;HPR-nummer;E-post;Telefon;Hjemkommune;Ordning\r\n");
}

TEST_CASE("a hospital's accepted placements as JSON, with ISO dates; a GP deleted meanwhile leaves the placement, without a name") {
    PortalState s = accepted_region();
    auto j = nlohmann::json::parse(placements_json(placement_records(s, "hf1"), "hf1"));
    CHECK(j["format"] == "alis-placements");
    CHECK(j["version"] == 1);
    CHECK(j["hospital_id"] == "hf1");
    REQUIRE(j["placements"].size() == 1);
    const auto& p = j["placements"][0];
    CHECK(p["offer_id"] == "o1");
    CHECK(p["department"] == "Medisinsk; klinikk");
    CHECK(p["start"] == "2027-02-01");
    CHECK(p["end"] == "2027-07-31");
    CHECK(p["accepted_on"] == "2026-11-22");
    CHECK(p["doctor"]["name"] == "Åse Ødegård");
    CHECK(p["doctor"]["hpr_number"] == "1234561");
    CHECK(p["doctor"]["phone"] == "+47 55 00 00 00");  // JSON is not a spreadsheet: no apostrophe
    CHECK(p["doctor"]["scheme"] == "new");

    s.doctors.erase("d1");
    const auto records = placement_records(s, "hf1");
    REQUIRE(records.size() == 1);
    CHECK(records[0].doctor_name.empty());
    CHECK(records[0].offer_id == "o1");
}
