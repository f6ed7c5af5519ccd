// Notifications on the real server and SQLite: the two-month rule told to both sides, each event
// once (the job run again, and after a restart), read and unread, and bad input named.
#include <doctest/doctest.h>

#include <algorithm>

#include "alis/date.hpp"
#include "notifications.hpp"
#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {

const char* kDemo = alis::server::kDemoPassword;

std::int64_t noon(const alis::Date& d) { return alis::days_from_civil(d) * 86400 + 12 * 3600; }

std::size_t count(const json& answer, const std::string& kind) {
    return static_cast<std::size_t>(std::count_if(answer["notifications"].begin(), answer["notifications"].end(),
                                                  [&](const json& n) { return n["kind"] == kind; }));
}

}  // namespace

TEST_CASE("the two-month rule told: the hospital warned 14 days ahead, then both sides on release; each once") {
    TestServer s;  // demo: Helse Bergen published two periods on 2027-01-04 (released 2027-03-04)
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    // Kari wishes for Helse Bergen (any department).
    json push = {{"client_id", "laptop"},
                 {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen", "Kari Nordmann")),
                                mutation(2, "put_available_time", available_time_body("a1", "d-demo-lege")),
                                mutation(3, "put_wish", wish_body("w1", "d-demo-lege"))}}};
    REQUIRE(gp.post("/api/push", push).json()["applied"].size() == 3);
    auto hospital = s.client();
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);

    s.app().run_jobs_now();
    CHECK(count(hospital.post("/api/notifications", json::object()).json(), "release_warning") == 0);

    s.clock().set(noon({2027, 2, 17}));  // the day before the warning
    s.app().run_jobs_now();
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);  // sessions end after 12 hours
    CHECK(count(hospital.post("/api/notifications", json::object()).json(), "release_warning") == 0);

    s.clock().set(noon({2027, 2, 18}));
    s.app().run_jobs_now();
    s.app().run_jobs_now();  // again: nothing twice
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
    json h = hospital.post("/api/notifications", json::object()).json();
    CHECK(count(h, "release_warning") == 2);
    CHECK(h["unread"].get<int>() >= 2);
    for (const auto& n : h["notifications"]) {
        if (n["kind"] == "release_warning") CHECK(n["on"] == "2027-02-18");
    }

    s.clock().set(noon({2027, 3, 4}));
    s.app().run_jobs_now();
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
    h = hospital.post("/api/notifications", json::object()).json();
    CHECK(count(h, "period_released") == 2);
    CHECK(count(h, "release_warning") == 2);
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    const json g = gp.post("/api/notifications", json::object()).json();
    CHECK(count(g, "period_released") == 2);  // Kari wished for Helse Bergen: told they are gone

    // A restart on the same data, the jobs again: still each once.
    const std::string dir = s.data_dir();
    const std::size_t before = h["notifications"].size();
    s.stop();
    TestServerOptions o;
    o.demo = false;
    o.today = "2027-03-04";
    TestServer s2(o, dir);
    s2.app().run_jobs_now();
    auto hospital2 = s2.client();
    REQUIRE(hospital2.login("demo-sykehus", kDemo).status == 200);
    h = hospital2.post("/api/notifications", json::object()).json();
    CHECK(h["notifications"].size() == before);
    CHECK(count(h, "period_released") == 2);

    // Read: the unread count falls; another user's ids change nothing of theirs.
    const std::int64_t unread = h["unread"].get<std::int64_t>();
    REQUIRE(unread >= 4);
    json ids = json::array();
    for (const auto& n : h["notifications"]) {
        if (n["kind"] == "period_released") ids.push_back(n["id"]);
    }
    auto gp2 = s2.client();
    REQUIRE(gp2.login("demo-lege", kDemo).status == 200);
    gp2.post("/api/notifications/read", {{"ids", ids}});
    CHECK(hospital2.post("/api/notifications", json::object()).json()["unread"] == unread);
    const json after = hospital2.post("/api/notifications/read", {{"ids", ids}}).json();
    CHECK(after["unread"] == unread - 2);
    for (const auto& n : after["notifications"]) {
        if (n["kind"] == "period_released") CHECK(n["read"] == true);
    }

    // A year and a day after the release: the notifications go, and the job does not make them again
    // although the released periods are still kept.
    s2.clock().set(noon({2028, 3, 5}));
    const auto dry = alis::server::expire_notifications(s2.app().storage(), s2.app().clock(), 365, true);
    CHECK(dry.notifications >= 6);  // the hospital's four and Kari's two, at least
    const auto report = s2.app().expire_daily();
    REQUIRE(report);
    REQUIRE(report->deleted.count("notification"));
    CHECK(report->deleted.at("notification") == dry.notifications);
    s2.app().run_jobs_now();
    REQUIRE(hospital2.login("demo-sykehus", kDemo).status == 200);
    h = hospital2.post("/api/notifications", json::object()).json();
    CHECK(count(h, "period_released") == 0);
    CHECK(count(h, "release_warning") == 0);
}

TEST_CASE("notifications: a session is needed, and a bad list of ids is named") {
    TestServer s;
    auto anonymous = s.client();
    CHECK(anonymous.post("/api/notifications", json::object()).status == 401);
    auto hospital = s.client();
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
    auto r = hospital.post("/api/notifications/read", {{"ids", "all"}});
    CHECK(r.status == 400);
    CHECK(has_problem(r.json(), "ids", "integer_list"));
    json many = json::array();
    for (int i = 0; i < 31; ++i) many.push_back(i);
    r = hospital.post("/api/notifications/read", {{"ids", many}});
    CHECK(r.status == 400);
    CHECK(has_problem(r.json(), "ids", "integer_list"));
}
