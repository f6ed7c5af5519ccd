// The evaluation figures (alis/sync/evaluation.hpp) on a seeded history whose answers were worked out
// by hand, small-cell suppression, and figures that do not change when the personal data is deleted.
#include <nlohmann/json.hpp>

#include "alis/sync/evaluation.hpp"
#include "alis/sync/evaluation_report.hpp"
#include "alis/sync/facts.hpp"
#include "alis/sync/retention.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

PeriodFact fact(const std::string& id, Date published, const std::string& hospital, const std::string& department,
                const std::string& outcome, std::optional<long> days = {}, const std::string& municipality = "", int places = 1) {
    PeriodFact f;
    f.period_id = id;
    f.published_on = published;
    f.hospital_id = hospital;
    f.department_id = department;
    f.outcome = outcome;
    f.days_to_match = days;
    if (days) f.matched_on = add_days(published, *days);
    f.municipality_id = municipality;
    f.places = places;
    return f;
}

// Nine periods published in the first quarter of 2027, one before it and one after.
std::vector<PeriodFact> history() {
    return {fact("p1", {2027, 1, 10}, "h1", "d1", "matched", 10, "m1"),
            fact("p2", {2027, 1, 20}, "h1", "d1", "matched", 20, "m1", 2),
            fact("p3", {2027, 2, 5}, "h1", "d2", "released"),
            fact("p4", {2027, 2, 15}, "h2", "d3", "matched", 40, "m2"),
            fact("p5", {2027, 3, 1}, "h2", "d3", "matched", 70, "m1"),
            fact("p6", {2027, 3, 2}, "h2", "d3", "matched", 30, "m1"),
            fact("p7", {2027, 3, 3}, "h2", "d3", "matched", 14, "m1"),
            fact("p8", {2027, 3, 4}, "h2", "d3", "matched", 15, "m1"),
            fact("p9", {2027, 3, 31}, "h2", "d3", "withdrawn"),
            fact("p10", {2027, 4, 1}, "h1", "d1", "open"),
            fact("p11", {2026, 12, 31}, "h1", "d1", "matched", 5, "m1")};
}

}  // namespace

TEST_CASE("the first quarter of 2027, worked out by hand") {
    const Evaluation e = evaluate(history(), {{2027, 1, 1}, {2027, 3, 31}});
    CHECK(e.total.periods == 9);  // p1..p9: both window days included, p10 and p11 outside
    CHECK(e.total.places == 10);
    CHECK(e.total.matched == 7);
    CHECK(e.total.released == 1);
    CHECK(e.total.withdrawn == 1);
    CHECK(e.total.open == 0);

    // Days to a match: 10 14 15 20 30 40 70.
    CHECK(e.days_to_match.count == 7);
    CHECK(*e.days_to_match.median == 20.0);
    CHECK(*e.days_to_match.lower_quartile == 14.5);
    CHECK(*e.days_to_match.upper_quartile == 35.0);
    CHECK(e.days_to_match.within_14 == 2);
    CHECK(e.days_to_match.within_30 == 3);
    CHECK(e.days_to_match.within_60 == 1);
    CHECK(e.days_to_match.later == 1);

    CHECK(e.by_hospital.at("h1").periods == 3);
    CHECK(e.by_hospital.at("h1").matched == 2);
    CHECK(e.by_hospital.at("h1").released == 1);
    CHECK(e.by_hospital.at("h2").periods == 6);
    CHECK(e.by_hospital.at("h2").matched == 5);
    CHECK(e.by_hospital.at("h2").withdrawn == 1);
    CHECK(e.by_month.at("2027-01").periods == 2);
    CHECK(e.by_month.at("2027-02").periods == 2);
    CHECK(e.by_month.at("2027-03").periods == 5);
    CHECK(e.by_month.size() == 3);
}

TEST_CASE("placements of 1 to 4 doctors are not shown by department or municipality") {
    const Evaluation e = evaluate(history(), {{2027, 1, 1}, {2027, 3, 31}});
    CHECK_FALSE(e.placed_by_department.at("d1").shown);  // 2 doctors
    CHECK(e.placed_by_department.at("d2").shown);        // none: no one to recognise
    CHECK(e.placed_by_department.at("d2").value == 0);
    CHECK(e.placed_by_department.at("d3").shown);        // 5
    CHECK(e.placed_by_department.at("d3").value == 5);
    CHECK(e.placed_by_municipality.at("m1").shown);      // 6
    CHECK(e.placed_by_municipality.at("m1").value == 6);
    CHECK_FALSE(e.placed_by_municipality.at("m2").shown);  // 1
    // The window's edge moves a doctor out of m1's count: 5 is still shown, 4 is not.
    CHECK(evaluate(history(), {{2027, 1, 11}, {2027, 3, 31}}).placed_by_municipality.at("m1").value == 5);
    CHECK_FALSE(evaluate(history(), {{2027, 1, 21}, {2027, 3, 31}}).placed_by_municipality.at("m1").shown);
}

TEST_CASE("an empty window has no quartiles and no rows") {
    const Evaluation e = evaluate(history(), {{2030, 1, 1}, {2030, 12, 31}});
    CHECK(e.total.periods == 0);
    CHECK_FALSE(e.days_to_match.median);
    CHECK(e.by_hospital.empty());
    CHECK(e.placed_by_municipality.empty());
}

TEST_CASE("a past window's figures are the same after the periods and doctors are deleted") {
    PortalState s = region();
    REQUIRE(apply_mutation(s, gp(1), Mutation{1, "accept_offer", {{"offer_id", "o1"}}}, {2026, 12, 2}).accepted);
    release_unmatched_periods(s, {2027, 1, 22});
    // What the server keeps, as it keeps it (JSON rows), taken before the deletion.
    std::vector<PeriodFact> kept;
    for (const PeriodFact& f : period_facts(s)) kept.push_back(*period_fact_from_json(nlohmann::json(f)));
    const EvaluationWindow window{{2026, 1, 1}, {2026, 12, 31}};
    const Evaluation before = evaluate(merge_facts(kept, period_facts(s)), window);
    REQUIRE(before.total.periods == 2);
    CHECK(before.total.matched == 1);
    CHECK(before.total.released == 1);

    expire_outdated(s, {2030, 1, 1});
    REQUIRE(s.periods.empty());
    const Evaluation after = evaluate(merge_facts(kept, period_facts(s)), window);
    CHECK(after.total.periods == before.total.periods);
    CHECK(after.total.matched == before.total.matched);
    CHECK(after.total.released == before.total.released);
    CHECK(after.days_to_match.median == before.days_to_match.median);
    CHECK(after.placed_by_municipality.at("mun1").value == 1);
}

TEST_CASE("a kept row that is not a fact is not read as one") {
    CHECK_FALSE(period_fact_from_json(nlohmann::json::array()));
    CHECK_FALSE(period_fact_from_json({{"period_id", "p"}, {"published_on", "2027-13-01"}, {"outcome", "open"}, {"places", 1}}));
    CHECK_FALSE(period_fact_from_json({{"period_id", "p"}, {"published_on", "2027-01-01"}, {"outcome", "open"}}));
    const auto f = period_fact_from_json({{"period_id", "p"}, {"published_on", "2027-01-01"}, {"outcome", "open"}, {"places", 2}});
    REQUIRE(f);
    CHECK(f->places == 2);
    CHECK_FALSE(f->days_to_match);
}

TEST_CASE("CSV as Norwegian Excel opens it: BOM, ';', dd.mm.åååå, decimal comma, '<5' for a withheld cell") {
    const Evaluation e = evaluate(history(), {{2027, 1, 1}, {2027, 3, 31}});
    const std::string csv = evaluation_csv(e, {{"h1", "Helse Bergen"}, {"m1", "Bergen kommune"}, {"m2", "Os; \"Bjørnafjorden\""}});
    REQUIRE(csv.rfind("\xEF\xBB\xBF" "Del;Nøkkel;Mål;Verdi\r\n", 0) == 0);
    CHECK(csv.find("Vindu;;Fra;01.01.2027\r\n") != std::string::npos);
    CHECK(csv.find("Vindu;;Til og med;31.03.2027\r\n") != std::string::npos);
    CHECK(csv.find("Totalt;;Perioder;9\r\n") != std::string::npos);
    CHECK(csv.find("Dager til tildeling;;Median;20\r\n") != std::string::npos);
    CHECK(csv.find("Dager til tildeling;;Nedre kvartil;14,5\r\n") != std::string::npos);
    CHECK(csv.find("Helseforetak;Helse Bergen;Tildelt;2\r\n") != std::string::npos);
    CHECK(csv.find("Helseforetak;h2;Tildelt;5\r\n") != std::string::npos);  // no name: the id
    CHECK(csv.find("Avdeling;d1;Tildelte perioder;<5\r\n") != std::string::npos);
    CHECK(csv.find("Kommune;Bergen kommune;Tildelte perioder;6\r\n") != std::string::npos);
    CHECK(csv.find("Kommune;\"Os; \"\"Bjørnafjorden\"\"\";Tildelte perioder;<5\r\n") != std::string::npos);
    CHECK(csv.find("Måned;2027-03;Perioder;5\r\n") != std::string::npos);
}

TEST_CASE("JSON never carries a withheld count") {
    const Evaluation e = evaluate(history(), {{2027, 1, 1}, {2027, 3, 31}});
    const nlohmann::json j = evaluation_json(e, {});
    CHECK(j["total"]["matched"] == 7);
    CHECK(j["days_to_match"]["upper_quartile"] == 35.0);
    for (const auto& row : j["placed_by_municipality"]) {
        if (row["id"] == "m2") {
            CHECK(row["suppressed"] == true);
            CHECK(row["value"].is_null());
        }
    }
    CHECK(j["window"]["from"] == "2027-01-01");
}

TEST_CASE("the scheme starts with its first publication, wherever the window is") {
    CHECK(evaluate(history(), {{2027, 1, 1}, {2027, 3, 31}}).scheme_start == Date{2026, 12, 31});
    CHECK(evaluate(history(), {{2030, 1, 1}, {2030, 3, 31}}).scheme_start == Date{2026, 12, 31});
    CHECK_FALSE(evaluate(std::vector<PeriodFact>{}, {{2030, 1, 1}, {2030, 3, 31}}).scheme_start);
}

TEST_CASE("the preset windows: the first 6, 12 and 18 months, last year and this year") {
    const Date start{2026, 8, 31}, today{2027, 11, 23};
    auto window = [&](WindowPreset p) { return *preset_window(p, start, today); };
    // Six calendar months from 31 Aug end the day before 28 Feb (31 Aug + 6 months is 28 Feb).
    CHECK(window(WindowPreset::first_6_months).from == start);
    CHECK(window(WindowPreset::first_6_months).to == Date{2027, 2, 27});
    CHECK(window(WindowPreset::first_12_months).to == Date{2027, 8, 30});
    CHECK(window(WindowPreset::first_18_months).to == Date{2028, 2, 28});  // 29 Feb 2028 - 1 day
    CHECK(window(WindowPreset::last_year).from == Date{2026, 1, 1});
    CHECK(window(WindowPreset::last_year).to == Date{2026, 12, 31});
    CHECK(window(WindowPreset::this_year).from == Date{2027, 1, 1});
    CHECK(window(WindowPreset::this_year).to == today);
    // From the 1st of a month: the first six months end on the last day of the sixth.
    CHECK(preset_window(WindowPreset::first_6_months, Date{2027, 1, 1}, today)->to == Date{2027, 6, 30});
    CHECK_FALSE(preset_window(WindowPreset::first_12_months, std::nullopt, today));
    CHECK(preset_window(WindowPreset::this_year, std::nullopt, today));
}
