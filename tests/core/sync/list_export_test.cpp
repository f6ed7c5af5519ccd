// The lists as CSV, byte for byte: BOM, header, order, Norwegian dates, quoting.
#include <doctest/doctest.h>

#include "alis/sync/list_export.hpp"
#include "fixture.hpp"

using namespace fixture;

TEST_CASE("a municipality's list: its own candidates in its order, a struck one marked with why and when") {
    PortalState s = region();
    must(s, system_actor(), "put_user", {{"id", "u-gp3"}, {"role", "gp"}, {"doctor_id", "d3"}, {"name", "Lege"}});
    must(s, gp(3), "register_doctor", {{"id", "d3"}, {"name", "=Kari Ås"}, {"hpr_number", "1234563"}, {"municipality_id", "mun1"},
                                       {"general_practice_start", "2019-03-01"}});
    must(s, municipality(1), "put_candidate",
         {{"id", "c3"}, {"municipality_id", "mun1"}, {"doctor_id", "d3"}, {"wished_service", "Indremedisin; helst høst"}});
    must(s, municipality(1), "strike_candidate", {{"candidate_id", "c1"}, {"reason", "Fikk \"tjeneste\" i Oslo"}});
    const std::string csv = candidate_list_csv(s, "mun1");
    CHECK(csv ==
          "\xEF\xBB\xBF"
          "Prioritet;Navn;HPR-nummer;Ønsket tjeneste;Utdanningsplan;Søknad;Strøket;Grunn;Strøket dato\r\n"
          "1;Åse Ødegård;1234561;;;;Ja;\"Fikk \"\"tjeneste\"\" i Oslo\";22.11.2026\r\n"
          "2;'=Kari Ås;1234563;\"Indremedisin; helst høst\";;;Nei;;\r\n");
    CHECK(candidate_list_csv(s, "mun2").find("Åse") == std::string::npos);
}

TEST_CASE("the regional list in the office's order, with each doctor's municipality and scheme") {
    PortalState s = region();
    must(s, office(), "set_regional_list", {{"doctor_ids", {"d2", "d1"}}});
    CHECK(regional_list_csv(s) ==
          "\xEF\xBB\xBF"
          "Prioritet;Navn;HPR-nummer;Kommune;Allmennpraksis fra;Ordning\r\n"
          "1;Per Ås;1234562;Stavanger;01.01.2018;Ny (6 måneder)\r\n"
          "2;Åse Ødegård;1234561;Bergen;01.01.2018;Ny (6 måneder)\r\n");
    CHECK(regional_list_csv(PortalState{}) == "\xEF\xBB\xBF" "Prioritet;Navn;HPR-nummer;Kommune;Allmennpraksis fra;Ordning\r\n");
}
