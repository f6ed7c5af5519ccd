// A municipality's list read back from the CSV it downloaded and edited in Excel: the rows become the
// list whole, every bad row is named by line and column, and a bad entry changes nothing.
#include <doctest/doctest.h>

#include "alis/csv.hpp"
#include "alis/sync/list_export.hpp"
#include "alis/sync/list_import.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

const std::string kHeader = std::string(kCsvBom) + "Prioritet;Navn;HPR-nummer;Ønsket tjeneste;Utdanningsplan;Søknad;Strøket;Grunn;Strøket dato\r\n";

// mun1's list with a second GP of Bergen on it: c1 (d1, Åse) first, c3 (d3, Kari) second.
PortalState bergen_with_two() {
    PortalState s = region();
    must(s, system_actor(), "put_user", {{"id", "u-gp3"}, {"role", "gp"}, {"doctor_id", "d3"}, {"name", "Lege"}});
    must(s, gp(3), "register_doctor", {{"id", "d3"}, {"name", "Kari Ås"}, {"hpr_number", "1234563"}, {"municipality_id", "mun1"},
                                       {"general_practice_start", "2019-03-01"}});
    must(s, system_actor(), "put_user", {{"id", "u-gp4"}, {"role", "gp"}, {"doctor_id", "d4"}, {"name", "Lege"}});
    must(s, gp(4), "register_doctor", {{"id", "d4"}, {"name", "Ola Li"}, {"hpr_number", "1234564"}, {"municipality_id", "mun1"},
                                       {"general_practice_start", "2019-03-01"}});
    must(s, municipality(1), "put_candidate", {{"id", "c3"}, {"municipality_id", "mun1"}, {"doctor_id", "d3"}});
    return s;
}

std::function<std::string()> ids() {
    return [n = 0]() mutable { return "c-new" + std::to_string(++n); };
}

}  // namespace

TEST_CASE("the downloaded list read back unchanged changes nothing") {
    PortalState s = bergen_with_two();
    const auto import = read_candidate_list(s, "mun1", candidate_list_csv(s, "mun1"), ids());
    REQUIRE(import.ok());
    CHECK(import.kept == 2);
    CHECK(import.added == 0);
    CHECK(import.removed == 0);
    const PortalState before = s;
    const Outcome o = run(s, municipality(1), "import_candidate_list", import.args);
    REQUIRE(o.accepted);
    CHECK(o.changed.empty());
    CHECK(s == before);
}

TEST_CASE("an edited file becomes the list: new order, a GP added by HPR number, texts, a strike; one left out is removed") {
    PortalState s = bergen_with_two();
    const std::string csv = kHeader +
                            "1;Ola Li;1234564;\"Psykiatri; vår\";Plan;Søknad om tjeneste;Nei;;\r\n"
                            "2;;1234563;'=Indremedisin;;;Ja;Fikk tjeneste i Oslo;\r\n";
    const auto import = read_candidate_list(s, "mun1", csv, ids());
    REQUIRE(import.ok());
    CHECK(import.added == 1);
    CHECK(import.kept == 1);
    CHECK(import.removed == 1);
    REQUIRE(run(s, municipality(1), "import_candidate_list", import.args, Date{2026, 12, 1}).accepted);
    CHECK(s.candidates.count("c1") == 0);  // Åse was left out
    const Candidate& ola = s.candidates.at("c-new1");
    CHECK(ola.doctor_id == "d4");
    CHECK(ola.position == 1);
    CHECK(ola.wished_service == "Psykiatri; vår");
    CHECK(ola.education_plan == "Plan");
    CHECK(ola.application_text == "Søknad om tjeneste");
    const Candidate& kari = s.candidates.at("c3");
    CHECK(kari.position == 2);
    CHECK(kari.wished_service == "=Indremedisin");  // the download's formula guard is taken off again
    CHECK(kari.struck);
    CHECK(kari.struck_reason == "Fikk tjeneste i Oslo");
    CHECK(kari.struck_on == Date{2026, 12, 1});
    // Read back once more, the struck entry keeps the day it was struck.
    const auto again = read_candidate_list(s, "mun1", candidate_list_csv(s, "mun1"), ids());
    REQUIRE(again.ok());
    REQUIRE(run(s, municipality(1), "import_candidate_list", again.args, Date{2026, 12, 9}).accepted);
    CHECK(s.candidates.at("c3").struck_on == Date{2026, 12, 1});
}

TEST_CASE("every bad row is named by its line and column, and nothing is read from a file with one") {
    PortalState s = bergen_with_two();
    const std::string csv = kHeader +
                            "1;;1234564;;;;Nei;;\r\n"
                            "x;;1234561;;;;Nei;;\r\n"        // line 3: not a number
                            "1;;1234562;;;;Nei;;\r\n"        // line 4: same priority as line 2; Per works in Stavanger
                            "4;;99;;;;Kanskje;;\r\n"         // line 5: HPR format, yes or no
                            "5;;1234563;;;;Ja;;\r\n"         // line 6: struck without a reason
                            "6;;7777777;;;;Nei;;\r\n";       // line 7: nobody has it
    const auto import = read_candidate_list(s, "mun1", csv, ids());
    CHECK_FALSE(import.ok());
    CHECK(import.args.empty());
    CHECK(alis::testing::has_problem(import.problems, "line 3.Prioritet", "priority_number"));
    CHECK(alis::testing::has_problem(import.problems, "line 4.Prioritet", "duplicate_priority"));
    CHECK(alis::testing::has_problem(import.problems, "line 4.HPR-nummer", "not_own_doctor"));
    CHECK(alis::testing::has_problem(import.problems, "line 5.HPR-nummer", "hpr_format"));
    CHECK(alis::testing::has_problem(import.problems, "line 5.Strøket", "yes_or_no"));
    CHECK(alis::testing::has_problem(import.problems, "line 6.Grunn", "reason_required"));
    CHECK(alis::testing::has_problem(import.problems, "line 7.HPR-nummer", "unknown_doctor"));
    CHECK(import.problems.size() == 7);
    CHECK(import.problems[0].message.nb == "Linje 3, Prioritet: må være et helt tall fra 1.");
    CHECK(import.problems[0].message.en == "Line 3, Prioritet: must be a whole number from 1.");
}

TEST_CASE("the header: a required column missing, an unknown or doubled one, and an empty file are refused") {
    PortalState s = bergen_with_two();
    auto import = read_candidate_list(s, "mun1", "Navn;Kommentar;Grunn;Grunn\r\n", ids());
    CHECK(alis::testing::has_problem(import.problems, "line 1.Kommentar", "unknown_column"));
    CHECK(alis::testing::has_problem(import.problems, "line 1.Grunn", "duplicate_column"));
    CHECK(alis::testing::has_problem(import.problems, "line 1.Prioritet", "missing_column"));
    CHECK(alis::testing::has_problem(import.problems, "line 1.HPR-nummer", "missing_column"));
    import = read_candidate_list(s, "mun1", kCsvBom, ids());
    CHECK(alis::testing::has_problem(import.problems, "file", "empty_file"));
    import = read_candidate_list(s, "mun1", "Prioritet;HPR-nummer\r\n1;1234563;x\r\n", ids());
    CHECK(alis::testing::has_problem(import.problems, "line 2", "too_many_fields"));
    // The header alone is an empty list: every entry goes.
    import = read_candidate_list(s, "mun1", "Prioritet;HPR-nummer\r\n", ids());
    REQUIRE(import.ok());
    CHECK(import.removed == 2);
}

TEST_CASE("the server checks the imported list again and applies it whole or not at all") {
    PortalState s = bergen_with_two();
    const PortalState before = s;
    const json good = {{"id", "c3"}, {"doctor_id", "d3"}};
    // Another municipality's GP among good entries: nothing changes.
    Outcome o = run(s, municipality(1), "import_candidate_list",
                    {{"municipality_id", "mun1"}, {"candidates", {good, {{"id", "c9"}, {"doctor_id", "d2"}}}}});
    CHECK_FALSE(o.accepted);
    CHECK(s == before);
    // Not its own list; the same GP twice; an id that is another entry's; a struck one put back.
    o = run(s, municipality(2), "import_candidate_list", {{"municipality_id", "mun1"}, {"candidates", {good}}});
    CHECK(has_problem(o, "args.municipality_id", "not_allowed"));
    o = run(s, municipality(1), "import_candidate_list", {{"municipality_id", "mun1"}, {"candidates", {good, good}}});
    CHECK(has_problem(o, "args.candidates[1]", "duplicate_entry"));
    o = run(s, municipality(1), "import_candidate_list",
            {{"municipality_id", "mun1"}, {"candidates", {{{"id", "c1"}, {"doctor_id", "d3"}}}}});
    CHECK(has_problem(o, "args.candidates[0].id", "immutable"));
    must(s, municipality(1), "strike_candidate", {{"candidate_id", "c3"}, {"reason", "Flyttet"}});
    o = run(s, municipality(1), "import_candidate_list", {{"municipality_id", "mun1"}, {"candidates", {good}}});
    CHECK(has_problem(o, "args.candidates[0].struck", "cannot_unstrike"));
    CHECK(s.candidates.at("c3").struck);
    o = run(s, municipality(1), "import_candidate_list", {{"municipality_id", "mun1"}, {"candidates", "x"}});
    CHECK(has_problem(o, "args.candidates", "required"));
}
