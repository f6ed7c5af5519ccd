// Explanations: the period given, or why none, without naming other candidates.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "alis/matching/explain.hpp"
#include "domain_fixture.hpp"

using namespace alis;
using namespace alis::matching;
using namespace alis::matching::testing;

namespace {
const DateRange kYear2027{{2027, 1, 1}, {2027, 12, 31}};

// Four GPs want the medical department's two places; d4 is not yet eligible.
MatchingInput contested() {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2016, 1, 1}), doctor("d2", {2017, 1, 1}), doctor("d3", {2022, 1, 1}), doctor("d4", {2025, 1, 1}),
                  doctor("d5", {2016, 1, 1})};
    in.periods = {period("p-med", "hb-med", {{2027, 2, 1}, {2027, 7, 31}}, 2), period("p-psy", "hb-psy", {{2027, 2, 1}, {2027, 7, 31}})};
    for (const auto& d : in.doctors) {
        in.wishes.push_back(wish("w-" + d.id, d.id, 1, "hb-med"));
        in.available_times.push_back(available(d.id, kYear2027));
    }
    in.struck = {"d5"};
    return in;
}
}  // namespace

TEST_CASE("each GP gets the period or one reason why not") {
    const auto m = match(contested());
    REQUIRE(m.explanations.size() == 5);
    CHECK(m.explanations[0].rule == "matched");
    CHECK(m.explanations[0].period_id == "p-med");
    CHECK(m.explanations[0].service == DateRange{{2027, 2, 1}, {2027, 7, 31}});
    CHECK(m.explanations[0].summary.nb == "Du er foreslått til Helse Bergen, Medisinsk avdeling, 01.02.2027–31.07.2027.");
    CHECK(m.explanations[0].summary_staff.nb == "Lege d1 er foreslått til Helse Bergen, Medisinsk avdeling, 01.02.2027–31.07.2027.");
    CHECK(m.explanations[1].rule == "matched");
    CHECK(m.explanations[2].rule == "filled_by_higher_ranked");
    CHECK(m.explanations[3].rule == "no_feasible_period");
    CHECK(m.explanations[4].rule == "cannot_be_placed");
}

TEST_CASE("a GP beaten to every period hears how far down each list the places went") {
    const auto e = match(contested()).explanations[2];
    REQUIRE(e.details.size() == 1);
    CHECK(e.details[0].period_id == "p-med");
    CHECK(e.details[0].reason.en ==
          "Helse Bergen, Medisinsk avdeling (01.02.2027–31.07.2027): all 2 places are filled; the last candidate admitted is number 2 on "
          "the period's list, you are number 3.");
    CHECK(e.details[0].reason.nn.find("plassane er fylte") != std::string::npos);
}

TEST_CASE("a GP with no feasible period hears the reason for each period a wish covers") {
    const auto e = match(contested()).explanations[3];
    CHECK(e.summary.en == "None of the 2 published periods is feasible for you.");
    REQUIRE(e.details.size() == 1);
    CHECK(e.details[0].period_id == "p-med");
    CHECK(e.details[0].rule == "general_practice_3_years");
}

TEST_CASE("a GP whose wishes cover no published period is told so") {
    auto in = contested();
    in.wishes[3].department_id = "hb-akutt";
    const auto e = match(in).explanations[3];
    REQUIRE(e.details.size() == 1);
    CHECK(e.details[0].rule == "not_wished");
    CHECK(e.details[0].reason.nb == "Ingen utlyst periode er blant ønskene dine.");
}

TEST_CASE("the JSON answer names periods and ranks but no other candidate") {
    const nlohmann::json j = match(contested());
    CHECK(j["matching"] == nlohmann::json{{"d1", "p-med"}, {"d2", "p-med"}});
    CHECK(j["unmatched"] == nlohmann::json{"d3", "d4", "d5"});
    const std::string d3 = j["explanations"][2].dump();
    CHECK(d3.find("d1") == std::string::npos);
    CHECK(d3.find("d2") == std::string::npos);
    CHECK(d3.find("Lege") == std::string::npos);
    // The derived lists re-solve to the same matching with the explicit solver.
    CHECK(j["rank_lists"]["hospitals"][0]["ranks"] == nlohmann::json{"d1", "d2", "d3"});
}

TEST_CASE("a GP who loses only on the order among equal scores is told it was a tie, not lower priority") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2016, 1, 1}), doctor("d2", {2016, 1, 1})};  // the same score
    in.periods = {period("p-med", "hb-med", {{2027, 2, 1}, {2027, 7, 31}})};
    for (const auto& d : in.doctors) {
        in.wishes.push_back(wish("w-" + d.id, d.id, 1, "hb-med"));
        in.available_times.push_back(available(d.id, kYear2027));
    }
    const auto m = match(in);
    const auto& loser = m.explanations[m.matched[0] == kUnmatched ? 0 : 1];
    REQUIRE(loser.details.size() == 1);
    CHECK(loser.details[0].rule == "tie");
    CHECK(loser.details[0].reason.nb.find("den ene plassen er fylt; den sist tatt inn har lik poengsum med deg") != std::string::npos);
    CHECK(loser.details[0].reason.nb.find("loddtrekningen for denne tildelingen") != std::string::npos);
    CHECK(loser.summary.nb.find("høyere prioritet") == std::string::npos);
    CHECK(loser.summary.nb.find("lik poengsum") != std::string::npos);
    // A higher score is no tie.
    in.doctors[1].general_practice_start = {2023, 1, 1};
    const auto n = match(in);
    CHECK(n.explanations[1].details[0].rule == "filled_by_higher_ranked");
    CHECK(n.explanations[1].summary.nb.find("høyere prioritet") != std::string::npos);
}

TEST_CASE("counts of published periods agree in number for 0, 1 and 2") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2025, 1, 1})};  // not yet eligible: nothing is feasible
    in.wishes = {wish("w1", "d1", 1, "hb-med")};
    in.available_times = {available("d1", kYear2027)};
    CHECK(match(in).explanations[0].summary.nb == "Ingen perioder er utlyst nå.");
    in.periods = {period("p1", "hb-med", {{2027, 2, 1}, {2027, 7, 31}})};
    CHECK(match(in).explanations[0].summary.nb == "Den ene utlyste perioden passer ikke for deg.");
    CHECK(match(in).explanations[0].summary_staff.en == "The one published period is not feasible for Lege d1.");
    in.periods.push_back(period("p2", "hb-psy", {{2027, 2, 1}, {2027, 7, 31}}));
    CHECK(match(in).explanations[0].summary.nn == "Ingen av dei 2 utlyste periodane passar for deg.");
}
