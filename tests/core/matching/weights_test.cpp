// The score's weights as data (weights.hpp) and the municipality's own order as a tie-break.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/derive.hpp"
#include "alis/matching/explain.hpp"
#include "domain_fixture.hpp"

using namespace alis;
using namespace alis::matching;
using namespace alis::matching::testing;
using nlohmann::json;

namespace {
const DateRange kYear2027{{2027, 1, 1}, {2027, 12, 31}};

bool has(const Problems& p, const std::string& field, const std::string& rule) {
    return std::any_of(p.begin(), p.end(), [&](const Problem& x) { return x.field == field && x.rule == rule; });
}

std::vector<std::string> period_list(const MatchingInput& in, const DerivedLists& lists, size_t p) {
    std::vector<std::string> ids;
    for (size_t d : lists.candidates[p]) ids.push_back(in.doctors[d].id);
    return ids;
}

// Every doctor wishes the one period p1 and is free all of 2027.
void all_wish_p1(MatchingInput& in, int places = 1) {
    in.periods = {period("p1", "hb-med", {{2027, 1, 1}, {2027, 6, 30}}, places)};
    for (const auto& d : in.doctors) {
        in.wishes.push_back(wish("w-" + d.id, d.id, 1, "hb-med"));
        in.available_times.push_back(available(d.id, kYear2027));
    }
}
}  // namespace

TEST_CASE("parse_score_weights: defaults when empty, each weight a whole number 0..1000, unknown fields refused by name") {
    Problems p;
    const auto defaults = parse_score_weights(json::object(), p);
    REQUIRE(defaults);
    CHECK(*defaults == ScoreWeights{});
    CHECK(defaults->version == 0);

    const auto set = parse_score_weights({{"municipal_sector", 0}, {"general_practice_per_year", 30}, {"version", 3}, {"set_on", "2026-12-02"}}, p);
    REQUIRE(set);
    CHECK(set->municipal_sector == 0);
    CHECK(set->general_practice_per_year == 30);
    CHECK(weights_note(*set).nb == "Vekter versjon 3, satt 02.12.2026");
    CHECK(weights_note(*set).en == "Weights version 3, set 02.12.2026");
    CHECK(p.empty());

    CHECK_FALSE(parse_score_weights({{"municipal_sector", 1001}, {"guidance_group", -1}, {"courses_max", 2.5}, {"sectr", 5}}, p));
    CHECK(has(p, "weights.municipal_sector", "out_of_range"));
    CHECK(has(p, "weights.guidance_group", "out_of_range"));
    CHECK(has(p, "weights.courses_max", "not_an_integer"));
    CHECK(has(p, "weights.sectr", "unknown_field"));
    const auto it = std::find_if(p.begin(), p.end(), [](const Problem& x) { return x.field == "weights.municipal_sector"; });
    CHECK(it->message.nb == "Må være mellom 0 og 1000.");
    CHECK(it->message.nn == "Må vera mellom 0 og 1000.");
    CHECK(it->message.en == "Must be between 0 and 1000.");

    p.clear();
    CHECK_FALSE(parse_score_weights(json::array(), p));
    CHECK_FALSE(p.empty());
    p.clear();
    CHECK_FALSE(parse_score_weights({{"version", -1}}, p));
    CHECK(has(p, "weights.version", "out_of_range"));
    // A name echoed back is cut at a character boundary, so the problem stays valid UTF-8.
    p.clear();
    CHECK_FALSE(parse_score_weights({{std::string(63, 'x') + "ø", 1}}, p));
    REQUIRE(p.size() == 1);
    CHECK(p[0].field == "weights." + std::string(63, 'x'));
    // Bounded: a huge object is refused without a problem per field.
    json many = json::object();
    for (int i = 0; i < 10000; ++i) many["f" + std::to_string(i)] = 1;
    p.clear();
    CHECK_FALSE(parse_score_weights(many, p));
    CHECK(p.size() < 20);
}

TEST_CASE("weights round-trip through the matching input's JSON; absent weights are the defaults") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    in.weights.municipal_sector = 7;
    in.weights.version = 4;
    in.weights.set_on = Date{2026, 12, 2};
    in.weights.set_by = "u-office";
    json j = in;
    Problems p;
    const auto back = parse_matching_input(j, p);
    REQUIRE(back);
    CHECK(back->weights == in.weights);
    j.erase("weights");
    const auto plain = parse_matching_input(j, p);
    REQUIRE(plain);
    CHECK(plain->weights == ScoreWeights{});
    j["weights"] = {{"sector", 5}};
    CHECK_FALSE(parse_matching_input(j, p));
    CHECK(has(p, "weights.sector", "unknown_field"));
}

TEST_CASE("changed weights change the score, the parts' maxima and the order") {
    DoctorProfile senior = doctor("d-senior", {2016, 1, 1});  // 10 years in general practice, private
    senior.sector = Sector::private_practice;
    senior.learning_objectives_fulfilled = 30;
    DoctorProfile junior = doctor("d-junior", {2023, 6, 1});  // 3 whole years, but municipal
    junior.sector = Sector::municipal;
    const Date today{2026, 11, 22};
    const ScoreWeights defaults;
    CHECK(priority_score(senior, true, today, defaults).total() == 100 + 30 + 100);
    CHECK(priority_score(junior, true, today, defaults).total() == 60 + 100 + 50);

    ScoreWeights w;
    w.general_practice_per_year = 10;
    w.general_practice_years = 3;
    w.municipal_sector = 200;
    w.party_municipality = 0;
    CHECK(priority_score(senior, true, today, w).general_practice == 30);
    CHECK(priority_score(senior, true, today, w).total() == 30 + 30);
    CHECK(priority_score(junior, true, today, w).total() == 30 + 200);
    const auto parts = score_parts(priority_score(junior, true, today, w), w);
    CHECK(parts[0].points == 30);
    CHECK(parts[0].max == 30);
    CHECK(parts[0].rule.nb == "10 poeng per hele år, høyst 3 år");
    CHECK(parts[4].points == 200);
    CHECK(parts[4].max == 200);
    CHECK(score_summary(priority_score(junior, true, today, w), w).nb ==
          "Allmennpraksis 30, Spesialisering 0, Kurs og veiledning 0, Avtalekommune 0, Sektor 200");

    MatchingInput in = small_region();
    in.doctors = {senior, junior};
    all_wish_p1(in);
    CHECK(period_list(in, derive(in), 0) == std::vector<std::string>{"d-senior", "d-junior"});
    in.weights = w;
    CHECK(period_list(in, derive(in), 0) == std::vector<std::string>{"d-junior", "d-senior"});
    // Half the specialization weight halves its points.
    DoctorProfile learner = doctor("d-learner", {2020, 1, 1});
    learner.learning_objectives_fulfilled = 80;
    ScoreWeights half;
    half.specialization = 50;
    CHECK(priority_score(learner, false, today, half).specialization == 40);
}

TEST_CASE("the run's output records the weights' version it used") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    all_wish_p1(in);
    in.weights.version = 3;
    in.weights.set_on = Date{2026, 12, 2};
    const DomainMatch m = match(in);
    CHECK(m.lists.weights.version == 3);
    const json j = m;
    CHECK(j.at("weights").at("version") == 3);
    CHECK(j.at("weights").at("set_on") == "2026-12-02");
    CHECK(score_rules(m.lists.weights).nb.find("Vekter versjon 3, satt 02.12.2026") != std::string::npos);
    CHECK(score_rules(ScoreWeights{}).nb.find("Standardvekter (versjon 0)") != std::string::npos);
}

TEST_CASE("municipal order breaks ties after whole months and before the lottery, for every seed") {
    MatchingInput in = small_region();
    for (auto& o : in.organisations) o.party_to_agreement = o.party_to_agreement || o.id == "osteroy";  // equal scores
    // Three equal GPs of Askøy (listed c, a, b) and two equal GPs of Osterøy, unlisted.
    in.doctors = {doctor("d-a", {2022, 1, 1}), doctor("d-b", {2022, 1, 1}), doctor("d-c", {2022, 1, 1}),
                  doctor("o-x", {2022, 1, 1}, "osteroy"), doctor("o-y", {2022, 1, 1}, "osteroy")};
    all_wish_p1(in);
    in.municipal_lists = {{"d-c", "d-a", "d-b"}};
    int x_first = 0, askoy_first = 0;
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        in.lottery_seed = seed;
        const auto order = period_list(in, derive(in), 0);
        std::vector<std::string> askoy;
        for (const auto& id : order)
            if (id[0] == 'd') askoy.push_back(id);
        CHECK(askoy == std::vector<std::string>{"d-c", "d-a", "d-b"});
        const auto pos = [&](const std::string& id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
        x_first += pos("o-x") < pos("o-y");
        askoy_first += pos("d-c") < pos("o-x");
    }
    // GPs not on one list still split by lottery: each wins some of the 200 runs.
    CHECK(x_first > 0);
    CHECK(x_first < 200);
    CHECK(askoy_first > 0);
    CHECK(askoy_first < 200);

    // The list never beats a coarser criterion: more months in general practice still go first.
    in.doctors[1].general_practice_start = {2021, 12, 1};  // d-b: the same 4 whole years, one month more
    in.lottery_seed = 7;
    const auto order = period_list(in, derive(in), 0);
    CHECK(order.front() == "d-b");
}

TEST_CASE("municipal_lists in JSON: optional, known doctors, each GP on one list only") {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1}), doctor("d2", {2020, 1, 1})};
    json j = in;
    j["municipal_lists"] = json::array({json::array({"d2", "d1"})});
    Problems p;
    const auto ok = parse_matching_input(j, p);
    REQUIRE(ok);
    CHECK(ok->municipal_lists == std::vector<std::vector<std::string>>{{"d2", "d1"}});
    j["municipal_lists"] = json::array({json::array({"d2"}), json::array({"d2", "d9"})});
    CHECK_FALSE(parse_matching_input(j, p));
    CHECK(has(p, "municipal_lists[1][0]", "listed_twice"));
    CHECK(has(p, "municipal_lists[1][1]", "unknown_doctor"));
    p.clear();
    j["municipal_lists"] = "d1";
    CHECK_FALSE(parse_matching_input(j, p));
    CHECK(has(p, "municipal_lists", "not_a_list"));
}
