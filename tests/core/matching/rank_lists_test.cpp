// Explicit rank lists by id: parsing with named problems, and the matching by id.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/rank_lists.hpp"
#include "../has_problem.hpp"

using namespace alis;
using namespace alis::matching;
using nlohmann::json;

namespace {
using alis::testing::has_problem;

json example() {
    return json::parse(R"({"residents":[{"id":"r1","ranks":["p3","p1"]},{"id":"r2","ranks":["p1"]}],
                           "hospitals":[{"id":"p1","capacity":1,"ranks":["r2","r1"]},
                                        {"id":"p3","capacity":1,"ranks":[]}]})");
}
}  // namespace

TEST_CASE("the issue's example: r2 takes p1's only place, r1 is unmatched elsewhere too") {
    Problems problems;
    const auto lists = parse_rank_lists(example(), problems);
    REQUIRE(lists.has_value());
    const json out = solve(*lists);
    CHECK(out == json::parse(R"({"matching":{"r2":"p1"},"unmatched":["r1"]})"));
}

TEST_CASE("ids are arbitrary strings, including Norwegian letters and spaces") {
    const json j = json::parse(R"({"residents":[{"id":"Ærlig Øvrebø","ranks":["Haukeland – indremedisin"]}],
                                   "hospitals":[{"id":"Haukeland – indremedisin","capacity":2,"ranks":["Ærlig Øvrebø"]}]})");
    Problems problems;
    const auto lists = parse_rank_lists(j, problems);
    REQUIRE(lists.has_value());
    CHECK(solve(*lists).matching.at("Ærlig Øvrebø") == "Haukeland – indremedisin");
}

TEST_CASE("every resident is either matched or unmatched, never both") {
    Problems problems;
    const auto m = solve(*parse_rank_lists(example(), problems));
    CHECK(m.matching.size() + m.unmatched.size() == 2);
}

TEST_CASE("an unknown id in a rank list names the entry") {
    auto j = example();
    j["residents"][0]["ranks"][1] = "p9";
    Problems problems;
    CHECK_FALSE(parse_rank_lists(j, problems).has_value());
    CHECK(has_problem(problems, "residents[0].ranks[1]", "unknown_id"));
    CHECK(problems[0].message.en.find("p9") != std::string::npos);
}

TEST_CASE("a repeated id, a repeated rank and a bad capacity are each reported") {
    auto j = example();
    j["hospitals"][1]["id"] = "p1";
    j["hospitals"][0]["ranks"] = {"r1", "r1"};
    j["hospitals"][0]["capacity"] = -1;
    Problems problems;
    CHECK_FALSE(parse_rank_lists(j, problems).has_value());
    CHECK(has_problem(problems, "hospitals[0].capacity", "out_of_range"));
    j["hospitals"][0]["capacity"] = 1;
    problems.clear();
    CHECK_FALSE(parse_rank_lists(j, problems).has_value());
    CHECK(has_problem(problems, "hospitals[1].id", "duplicate_id"));
    CHECK(has_problem(problems, "hospitals[0].ranks[1]", "ranked_twice"));
}

TEST_CASE("wrong shapes are reported, not thrown") {
    Problems problems;
    CHECK_FALSE(parse_rank_lists(json::array(), problems).has_value());
    CHECK(has_problem(problems, "(root)", "not_an_object"));
    problems.clear();
    CHECK_FALSE(parse_rank_lists(json::parse(R"({"residents":{},"hospitals":[1,{"id":7,"ranks":"r1"}]})"), problems));
    CHECK(has_problem(problems, "residents", "not_a_list"));
    CHECK(has_problem(problems, "hospitals[0]", "not_an_object"));
    CHECK(has_problem(problems, "hospitals[1].id", "not_text"));
    CHECK(has_problem(problems, "hospitals[1].capacity", "required"));
    CHECK(has_problem(problems, "hospitals[1].ranks", "not_a_list"));
}
