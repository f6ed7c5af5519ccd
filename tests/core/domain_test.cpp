#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/domain.hpp"
#include "has_problem.hpp"

using namespace alis;
using nlohmann::json;

namespace {
using alis::testing::has_problem;

json valid_period() {
    return {{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"}, {"specialty", "indremedisin"},
            {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 2}, {"published_on", "2026-11-22"},
            {"on_call", true}, {"supervisor", "Overlege Ærlig Øvrebø"}, {"reason", "Foreldrepermisjon"}};
}
}  // namespace

TEST_CASE("a period survives a JSON round trip") {
    Problems problems;
    const auto p = parse_period(valid_period(), problems);
    REQUIRE(p.has_value());
    CHECK(problems.empty());
    CHECK(p->range == DateRange{{2027, 2, 1}, {2027, 7, 31}});
    CHECK(p->supervisor == "Overlege Ærlig Øvrebø");
    const auto again = parse_period(json(*p), problems);
    REQUIRE(again.has_value());
    CHECK(*again == *p);
}

TEST_CASE("a period with its dates in the wrong order names the end field") {
    auto j = valid_period();
    j["start"] = "2027-07-31";
    j["end"] = "2027-02-01";
    Problems problems;
    CHECK_FALSE(parse_period(j, problems).has_value());
    CHECK(has_problem(problems, "period.end", "end_before_start"));
    CHECK(problems[0].message.nb == "Sluttdato kan ikke være før startdato.");
}

TEST_CASE("every bad field of a period is reported at once") {
    auto j = valid_period();
    j.erase("hospital_id");
    j["start"] = "2027-02-30";
    j["places"] = 0;
    j["on_call"] = "ja";
    j["status"] = "lost";
    Problems problems;
    CHECK_FALSE(parse_period(j, problems).has_value());
    CHECK(has_problem(problems, "period.hospital_id", "required"));
    CHECK(has_problem(problems, "period.start", "not_a_date"));
    CHECK(has_problem(problems, "period.places", "out_of_range"));
    CHECK(has_problem(problems, "period.on_call", "not_a_boolean"));
    CHECK(has_problem(problems, "period.status", "unknown_value"));
}

TEST_CASE("input that is not an object is refused, not thrown") {
    Problems problems;
    CHECK_FALSE(parse_period(json::array({1, 2}), problems).has_value());
    CHECK(has_problem(problems, "period", "not_an_object"));
    problems.clear();
    auto j = valid_period();
    j["id"] = 17;
    CHECK_FALSE(parse_period(j, problems).has_value());
    CHECK(has_problem(problems, "period.id", "not_text"));
}

TEST_CASE("a doctor profile validates HPR number and e-mail, and round-trips") {
    json j = {{"id", "gp-1"}, {"name", "Åse Ødegård"}, {"hpr_number", "1234567"}, {"municipality_id", "bergen"},
              {"general_practice_start", "2022-08-15"}, {"alis_start", "2023-01-01"}, {"scheme", "old"},
              {"learning_objectives_fulfilled", 40}, {"mandatory_courses", 3}, {"module_courses", 2},
              {"guidance_group", true}, {"sector", "private"}, {"email", "ase@example.no"}};
    Problems problems;
    const auto d = parse_doctor_profile(j, problems);
    REQUIRE(d.has_value());
    CHECK(d->scheme == Scheme::old_scheme);
    CHECK(d->alis_start == Date{2023, 1, 1});
    CHECK(*parse_doctor_profile(json(*d), problems) == *d);

    j["hpr_number"] = "12a4";
    j["email"] = "not an address";
    CHECK_FALSE(parse_doctor_profile(j, problems).has_value());
    CHECK(has_problem(problems, "profile.hpr_number", "hpr_format"));
    CHECK(has_problem(problems, "profile.email", "email_format"));
}

TEST_CASE("organisations: a department must name its hospital trust") {
    Problems problems;
    json j = {{"id", "hb-med"}, {"kind", "department"}, {"name", "Medisinsk avdeling"}};
    CHECK_FALSE(parse_organisation(j, problems).has_value());
    CHECK(has_problem(problems, "organisation.parent_id", "department_needs_hospital"));
    problems.clear();
    j["parent_id"] = "helse-bergen";
    const auto o = parse_organisation(j, problems);
    REQUIRE(o.has_value());
    CHECK(o->kind == OrganisationKind::department);
    CHECK(*parse_organisation(json(*o), problems) == *o);
}

TEST_CASE("wishes and available time round-trip and are validated") {
    Problems problems;
    json w = {{"id", "w1"}, {"doctor_id", "gp-1"}, {"rank", 1}, {"hospital_id", "helse-bergen"},
              {"specialty", "psykiatri"}, {"earliest_start", "2027-01-01"}, {"latest_end", "2027-12-31"}};
    const auto wish = parse_wish(w, problems);
    REQUIRE(wish.has_value());
    CHECK(*parse_wish(json(*wish), problems) == *wish);
    w["latest_end"] = "2026-12-31";
    w["rank"] = 0;
    CHECK_FALSE(parse_wish(w, problems).has_value());
    CHECK(has_problem(problems, "wish.latest_end", "end_before_start"));
    CHECK(has_problem(problems, "wish.rank", "out_of_range"));

    problems.clear();
    json a = {{"id", "a1"}, {"doctor_id", "gp-1"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}};
    const auto at = parse_available_time(a, problems);
    REQUIRE(at.has_value());
    CHECK(*parse_available_time(json(*at), problems) == *at);
    a.erase("end");
    CHECK_FALSE(parse_available_time(a, problems).has_value());
    CHECK(has_problem(problems, "available_time.end", "required"));
}
