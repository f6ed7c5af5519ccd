// A subscription's filters (department, date range), frequency and pause: parsed with named
// problems, kept through JSON, and checked against the region by put_subscription.
#include "fixture.hpp"

using namespace fixture;

namespace {
json sub(const std::string& user_id) { return {{"id", "s-x"}, {"user_id", user_id}, {"topic", "new_periods"}}; }
}  // namespace

TEST_CASE("a subscription without the newer fields reads as immediate, unpaused, unfiltered") {
    Problems ps;
    const auto s = parse_subscription(sub("u-gp1"), ps, "subscription");
    REQUIRE(s);
    CHECK(s->frequency == Frequency::immediate);
    CHECK_FALSE(s->paused);
    CHECK(s->department_id.empty());
    CHECK_FALSE(s->from);
    CHECK_FALSE(s->to);
}

TEST_CASE("a subscription's department, range, frequency and pause survive a JSON round trip") {
    json j = sub("u-gp1");
    j["hospital_id"] = "hf1", j["department_id"] = "dep1", j["from"] = "2027-01-01", j["to"] = "2027-06-30";
    j["frequency"] = "weekly", j["paused"] = true;
    Problems ps;
    const auto s = parse_subscription(j, ps, "subscription");
    REQUIRE(s);
    CHECK(s->department_id == "dep1");
    CHECK(s->from == Date{2027, 1, 1});
    CHECK(s->to == Date{2027, 6, 30});
    CHECK(s->frequency == Frequency::weekly);
    CHECK(s->paused);
    const json back = *s;
    const auto again = parse_subscription(back, ps, "subscription");
    REQUIRE(again);
    CHECK(*again == *s);
}

TEST_CASE("a subscription's bad fields are named with their rule") {
    json j = sub("u-gp1");
    j["from"] = "2027-06-30", j["to"] = "2027-06-29";  // one day before: refused
    Problems ps;
    CHECK_FALSE(parse_subscription(j, ps, "subscription"));
    CHECK(alis::testing::has_problem(ps, "subscription.to", "to_before_from"));
    j["to"] = "2027-06-30";  // the same day: a one-day range
    ps.clear();
    CHECK(parse_subscription(j, ps, "subscription"));
    j["frequency"] = "hourly", j["paused"] = "yes", j["department_id"] = std::string(65, 'x');
    ps.clear();
    CHECK_FALSE(parse_subscription(j, ps, "subscription"));
    CHECK(alis::testing::has_problem(ps, "subscription.frequency", "unknown_value"));
    CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) { return p.field == "subscription.paused"; }));
    CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) { return p.field == "subscription.department_id"; }));
}

TEST_CASE("put_subscription: the department must exist and belong to the hospital named, or the coordinator's own") {
    PortalState s = region();
    json j = sub("u-gp1");
    j["department_id"] = "hf1";  // a hospital trust, not a department
    CHECK(has_problem(run(s, gp(1), "put_subscription", j), "subscription.department_id", "unknown_department"));
    j["department_id"] = "dep2", j["hospital_id"] = "hf1";
    CHECK(has_problem(run(s, gp(1), "put_subscription", j), "subscription.department_id", "department_not_in_hospital"));
    j["department_id"] = "dep1";
    CHECK(run(s, gp(1), "put_subscription", j).accepted);
    j.erase("hospital_id"), j["department_id"] = "dep2";  // any hospital: a GP may name any department
    CHECK(run(s, gp(1), "put_subscription", j).accepted);

    json h = sub("u-hf1");
    h["id"] = "s-h", h["topic"] = "new_candidates", h["department_id"] = "dep2";
    CHECK(has_problem(run(s, hospital(1), "put_subscription", h), "subscription.department_id", "department_not_in_hospital"));
    h["department_id"] = "dep1", h["frequency"] = "daily", h["paused"] = true;
    CHECK(run(s, hospital(1), "put_subscription", h).accepted);
    CHECK(s.subscriptions.at("s-h").paused);
    CHECK(s.subscriptions.at("s-h").frequency == Frequency::daily);
    // Only one's own: another user's record stays out of reach for the new fields as for the old.
    CHECK_FALSE(run(s, hospital(2), "put_subscription", h).accepted);
}
