// Rank lists derived from wishes, the regional priority list and the priority score.
#include <doctest/doctest.h>

#include "alis/matching/derive.hpp"
#include "domain_fixture.hpp"

using namespace alis;
using namespace alis::matching;
using namespace alis::matching::testing;

namespace {
const DateRange kYear2027{{2027, 1, 1}, {2027, 12, 31}};

std::vector<std::string> gp_list(const MatchingInput& in, const DerivedLists& lists, size_t d) {
    std::vector<std::string> ids;
    for (const auto& o : lists.options[d]) ids.push_back(in.periods[o.period].id);
    return ids;
}

std::vector<std::string> period_list(const MatchingInput& in, const DerivedLists& lists, size_t p) {
    std::vector<std::string> ids;
    for (size_t d : lists.candidates[p]) ids.push_back(in.doctors[d].id);
    return ids;
}
}  // namespace

TEST_CASE("a GP ranks feasible periods by wish rank, then earlier start, then id") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    in.available_times = {available("d1", kYear2027)};
    in.periods = {period("p-late", "hb-med", {{2027, 3, 1}, {2027, 9, 30}}), period("p-b", "hb-med", {{2027, 1, 1}, {2027, 6, 30}}),
                  period("p-a", "hb-med", {{2027, 1, 1}, {2027, 6, 30}}), period("p-psy", "hb-psy", {{2027, 5, 1}, {2027, 12, 31}})};
    in.wishes = {wish("w2", "d1", 2, "hb-med"), wish("w1", "d1", 1, "hb-psy")};
    const auto lists = derive(in);
    CHECK(gp_list(in, lists, 0) == std::vector<std::string>{"p-psy", "p-a", "p-b", "p-late"});
    CHECK(lists.options[0][0].wish_rank == 1);
}

TEST_CASE("a period ranks by the regional priority list first, then by score, then by id") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d-new", {2023, 1, 1}), doctor("d-senior", {2015, 1, 1}), doctor("d-listed", {2023, 1, 1}),
                  doctor("d-twin-b", {2022, 1, 1}), doctor("d-twin-a", {2022, 1, 1})};
    in.periods = {period("p1", "hb-med", {{2027, 1, 1}, {2027, 6, 30}}, 2)};
    for (const auto& d : in.doctors) {
        in.wishes.push_back(wish("w-" + d.id, d.id, 1, "hb-med"));
        in.available_times.push_back(available(d.id, kYear2027));
    }
    // The twins are equal on every criterion: this run's lottery orders them.
    const auto lists = derive(in);
    const bool a_first = lottery_draw(lists.lottery_seed, "d-twin-a") < lottery_draw(lists.lottery_seed, "d-twin-b");
    const std::string first = a_first ? "d-twin-a" : "d-twin-b", second = a_first ? "d-twin-b" : "d-twin-a";
    // d-listed and d-new are equal too (until the regional list names them).
    const bool listed_first = lottery_draw(lists.lottery_seed, "d-listed") < lottery_draw(lists.lottery_seed, "d-new");
    const std::string third = listed_first ? "d-listed" : "d-new", fourth = listed_first ? "d-new" : "d-listed";
    CHECK(period_list(in, lists, 0) == std::vector<std::string>{"d-senior", first, second, third, fourth});
    in.priority_list = {"d-listed", "d-new"};
    CHECK(period_list(in, derive(in), 0) == std::vector<std::string>{"d-listed", "d-new", "d-senior", first, second});
}

TEST_CASE("ties: months in general practice break equal scores, then a seeded lottery that each twin sometimes wins") {
    MatchingInput in = small_region();
    // The same whole years (so the same score), one month apart.
    in.doctors = {doctor("d-a", {2022, 2, 1}), doctor("d-b", {2022, 1, 1})};
    in.periods = {period("p1", "hb-med", {{2027, 1, 1}, {2027, 6, 30}})};
    for (const auto& d : in.doctors) {
        in.wishes.push_back(wish("w-" + d.id, d.id, 1, "hb-med"));
        in.available_times.push_back(available(d.id, kYear2027));
    }
    auto lists = derive(in);
    REQUIRE(lists.scores[0].total() == lists.scores[1].total());
    CHECK(period_list(in, lists, 0) == std::vector<std::string>{"d-b", "d-a"});
    // Equal in every way: over 200 seeds each wins sometimes, and a seed repeats its order.
    in.doctors[0].general_practice_start = {2022, 1, 1};
    int a_wins = 0;
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        in.lottery_seed = seed;
        lists = derive(in);
        CHECK(lists.lottery_seed == seed);
        const auto order = period_list(in, lists, 0);
        a_wins += order[0] == "d-a" ? 1 : 0;
        CHECK(period_list(in, derive(in), 0) == order);
    }
    CHECK(a_wins > 50);
    CHECK(a_wins < 150);
    // No seed given: one drawn from today, recorded, never 0.
    in.lottery_seed = 0;
    CHECK(derive(in).lottery_seed == lottery_seed_for(in));
    CHECK(lottery_seed_for(in) != 0);
}

TEST_CASE("the score follows the agreement's criteria") {
    DoctorProfile d = doctor("d1", {2020, 1, 1});
    const Date today{2026, 11, 22};
    auto s = priority_score(d, true, today, {});
    CHECK(s.general_practice == 100);  // 6 whole years, capped at 5
    CHECK(s.specialization == 0);
    CHECK(s.courses == 0);
    CHECK(s.agreement == 100);
    CHECK(s.sector == 50);
    d.general_practice_start = {2023, 11, 23};  // one day short of 3 years
    CHECK(priority_score(d, true, today, {}).general_practice == 40);
    d.learning_objectives_fulfilled = 30;
    d.alis_start = Date{2023, 11, 22};  // 36 months of 60
    CHECK(priority_score(d, true, today, {}).specialization == 60);
    d.learning_objectives_fulfilled = 70;
    CHECK(priority_score(d, true, today, {}).specialization == 70);
    d.mandatory_courses = 3;
    d.module_courses = 9;
    d.guidance_group = true;
    CHECK(priority_score(d, true, today, {}).courses == 15 + 25 + 40);
    d.sector = Sector::private_practice;
    s = priority_score(d, false, today, {});
    CHECK(s.agreement == 0);
    CHECK(s.sector == 0);
    CHECK(s.total() == 40 + 70 + 80);
}

TEST_CASE("the score is explained part by part, with labels and rules, adding up to the total") {
    DoctorProfile d = doctor("d1", {2020, 1, 1});
    d.mandatory_courses = 2;
    const auto s = priority_score(d, true, {2026, 11, 22}, {});
    const auto parts = score_parts(s, {});
    REQUIRE(parts.size() == 5);
    int sum = 0;
    for (const auto& p : parts) {
        sum += p.points;
        CHECK(p.points <= p.max);
        CHECK_FALSE(p.label.nb.empty());
        CHECK_FALSE(p.rule.nn.empty());
    }
    CHECK(sum == s.total());
    CHECK(describe(parts[0]).nb == "Allmennpraksis: 100 av 100 poeng (20 poeng per hele år, høyst 5 år)");
    CHECK(describe(parts[2]).en == "Courses and guidance: 10 of 100 points (5 per mandatory course (at most 7), 5 per module "
                                   "course (at most 5), 40 for the 2-year guidance group)");
    CHECK(describe(parts[4]).nb.rfind("Sektor: 50 av 50 poeng", 0) == 0);
    CHECK(score_summary(s, {}).nb == "Allmennpraksis 100, Spesialisering 0, Kurs og veiledning 10, Avtalekommune 100, Sektor 50");
    CHECK(score_rules({}).nb.rfind("Poeng: Allmennpraksis: 20 poeng per hele år, høyst 5 år, høyst 100. Spesialisering:", 0) == 0);
}

TEST_CASE("whole months count calendar months, with month ends clamped") {
    CHECK(whole_months_between({2026, 1, 31}, {2026, 2, 28}) == 1);
    CHECK(whole_months_between({2026, 1, 31}, {2026, 2, 27}) == 0);
    CHECK(whole_months_between({2026, 3, 15}, {2026, 1, 1}) == 0);
    CHECK(whole_months_between({2020, 1, 1}, {2026, 11, 22}) == 82);
}

TEST_CASE("a pair is on both lists or on neither") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1}), doctor("d2", {2025, 1, 1})};
    in.periods = {period("p1", "hb-med", {{2027, 1, 1}, {2027, 6, 30}})};
    in.wishes = {wish("w1", "d1", 1, "hb-med"), wish("w2", "d2", 1, "hb-med")};
    in.available_times = {available("d1", kYear2027), available("d2", kYear2027)};
    const auto lists = derive(in);
    CHECK(lists.instance.resident_ranks == std::vector<std::vector<int>>{{0}, {}});
    CHECK(lists.instance.hospital_ranks == std::vector<std::vector<int>>{{0}});
    REQUIRE(lists.refusals[1].size() == 1);
    CHECK(lists.refusals[1][0].check.outcome == Outcome::general_practice_3_years);
}

TEST_CASE("two wishes with the same rank are taken in id order, whatever the input order") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    in.available_times = {available("d1", kYear2027)};
    in.periods = {period("p1", "hb-med", {{2027, 1, 1}, {2027, 12, 31}})};
    Wish late = wish("w-b", "d1", 1, "hb-med"), early = wish("w-a", "d1", 1, "hb-med");
    late.earliest_start = Date{2027, 6, 1};
    early.earliest_start = Date{2027, 2, 1};
    in.wishes = {late, early};
    CHECK(derive(in).options[0][0].service.start == Date{2027, 2, 1});
    in.wishes = {early, late};
    CHECK(derive(in).options[0][0].service.start == Date{2027, 2, 1});
    std::swap(in.wishes[0].id, in.wishes[1].id);  // now the late wish has the smaller id
    CHECK(derive(in).options[0][0].service.start == Date{2027, 6, 1});
}
