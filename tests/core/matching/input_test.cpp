// The JSON form of the matching input: records through core's parsers, cross-record rules here.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/input.hpp"
#include "../has_problem.hpp"

using namespace alis;
using namespace alis::matching;
using nlohmann::json;

namespace {
using alis::testing::has_problem;

json valid() {
    return json::parse(R"({"today":"2026-11-22",
      "organisations":[{"id":"hb","kind":"hospital_trust","name":"Helse Bergen"},
                       {"id":"hb-med","kind":"department","name":"Medisinsk avdeling","parent_id":"hb"},
                       {"id":"fonna","kind":"hospital_trust","name":"Helse Fonna"},
                       {"id":"askoy","kind":"municipality","name":"Askøy kommune","party_to_agreement":true}],
      "doctors":[{"id":"d1","name":"Åse Ødegård","hpr_number":"123456","municipality_id":"askoy","general_practice_start":"2020-01-01"}],
      "available_times":[{"id":"a1","doctor_id":"d1","start":"2027-01-01","end":"2027-12-31"}],
      "wishes":[{"id":"w1","doctor_id":"d1","rank":1,"department_id":"hb-med"}],
      "periods":[{"id":"p1","hospital_id":"hb","department_id":"hb-med","start":"2027-02-01","end":"2027-07-31","published_on":"2026-11-01"}],
      "priority_list":["d1"], "struck":[], "placed":[]})");
}
}  // namespace

TEST_CASE("a valid input is read whole") {
    Problems problems;
    const auto in = parse_matching_input(valid(), problems);
    REQUIRE(in.has_value());
    CHECK(problems.empty());
    CHECK(in->today == Date{2026, 11, 22});
    CHECK(in->doctors[0].name == "Åse Ødegård");
    CHECK(in->periods.size() == 1);
    CHECK(in->priority_list == std::vector<std::string>{"d1"});
}

TEST_CASE("record problems carry the list and index of the record") {
    auto j = valid();
    j["doctors"][0]["hpr_number"] = "12a";
    j["periods"][0]["end"] = "2027-01-01";
    Problems problems;
    CHECK_FALSE(parse_matching_input(j, problems).has_value());
    CHECK(has_problem(problems, "doctors[0].hpr_number", "hpr_format"));
    CHECK(has_problem(problems, "periods[0].end", "end_before_start"));
}

TEST_CASE("references to unknown or wrong records are reported by field") {
    auto j = valid();
    j["periods"][0]["hospital_id"] = "fonna";
    j["wishes"][0]["doctor_id"] = "d9";
    j["available_times"].push_back(j["available_times"][0]);
    j["struck"] = {"d1", "d1"};
    j["doctors"][0]["municipality_id"] = "hb";
    Problems problems;
    CHECK_FALSE(parse_matching_input(j, problems).has_value());
    CHECK(has_problem(problems, "periods[0].department_id", "department_of_other_hospital"));
    CHECK(has_problem(problems, "wishes[0].doctor_id", "unknown_doctor"));
    CHECK(has_problem(problems, "available_times[1].id", "duplicate_id"));
    CHECK(has_problem(problems, "struck[1]", "listed_twice"));
    CHECK(has_problem(problems, "doctors[0].municipality_id", "unknown_municipality"));
}

TEST_CASE("wrong shapes are problems, not exceptions") {
    Problems problems;
    CHECK_FALSE(parse_matching_input(json::array(), problems).has_value());
    CHECK(has_problem(problems, "(root)", "not_an_object"));
    problems.clear();
    CHECK_FALSE(parse_matching_input(json::parse(R"({"today":"i dag","doctors":{},"priority_list":[3]})"), problems));
    CHECK(has_problem(problems, "today", "not_a_date"));
    CHECK(has_problem(problems, "doctors", "not_a_list"));
    CHECK(has_problem(problems, "priority_list[0]", "not_an_id"));
}
