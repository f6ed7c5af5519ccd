// The expiry job and the sweep on the real server and SQLite: the dry run changes nothing, the run
// deletes what the policy says with tombstones that reach a pulling client, the audit keeps the fact
// of each deletion without the data, and the anonymous period facts survive the deletion and a restart.
#include <doctest/doctest.h>

#include <algorithm>

#include "alis/date.hpp"
#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {

std::size_t live(alis::server::Storage& storage, const std::string& kind) {
    const auto snap = storage.load_sync();
    return static_cast<std::size_t>(std::count_if(snap.records.begin(), snap.records.end(), [&](const auto& r) {
        return r.kind == kind && !r.deleted;
    }));
}

std::int64_t noon(const alis::Date& d) { return alis::days_from_civil(d) * 86400 + 12 * 3600; }

}  // namespace

TEST_CASE("expiry: dry run, deletion by the policy, tombstones to a client, audited facts, facts kept after a restart") {
    TestServer s;  // demo: three periods published 2027-01-04 that end within 2027, two GPs' free time
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    const json first = office.post("/api/pull", {{"client_id", "office-pc"}, {"cookie", 0}}).json();
    const std::int64_t cookie = first["cookie"].get<std::int64_t>();
    auto& storage = s.app().storage();
    REQUIRE(live(storage, "period") == 3);
    REQUIRE(live(storage, "available_time") == 2);

    // Today nothing has expired.
    CHECK(s.app().sync().expire_outdated({}, true).deleted.empty());
    CHECK(s.app().expire_daily()->deleted.empty());
    CHECK_FALSE(s.app().expire_daily());  // once a day

    // Two months on, the release; years on, everything of 2027 has expired.
    s.clock().set(noon({2027, 3, 4}));
    CHECK(s.app().sync().release_unmatched() > 0);
    s.clock().set(noon({2030, 1, 1}));
    const auto dry = s.app().sync().expire_outdated({}, true);
    CHECK(dry.deleted == std::map<std::string, std::size_t>{{"available_time", 2}, {"period", 3}});
    CHECK(live(storage, "period") == 3);  // the dry run changed nothing
    CHECK(storage.period_facts().size() == 3);  // from this morning's run, as "open"

    const auto report = s.app().expire_daily();
    REQUIRE(report);
    CHECK(report->deleted == dry.deleted);
    CHECK(report->facts == 3);
    CHECK(live(storage, "period") == 0);
    CHECK(live(storage, "available_time") == 0);

    // The office's browser (logged in again: years passed) hears of it as tombstones.
    REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    const json next = office.post("/api/pull", {{"client_id", "office-pc"}, {"cookie", cookie}}).json();
    std::size_t tombstones = 0;
    for (const auto& c : next["changes"]) tombstones += c["kind"] == "period" && c["deleted"] == true;
    CHECK(tombstones == 3);

    // The audit keeps that each was deleted, not what it held.
    s.app().audit().flush();
    std::size_t deletions = 0;
    alis::server::AuditQuery q;
    q.limit = 1000;
    for (const auto& e : storage.audit(q)) {
        if (e.action != "delete") continue;
        ++deletions;
        CHECK(e.detail == "expired");
        CHECK(e.user_id == "system");
    }
    CHECK(deletions == 5);

    // The facts: released, by hospital and department, without a person; still there after a restart.
    const std::string dir = s.data_dir();
    s.stop();
    TestServerOptions o;
    o.demo = false;
    TestServer s2(o, dir);
    const auto facts = s2.app().storage().period_facts();
    REQUIRE(facts.size() == 3);
    for (const auto& f : facts) {
        CHECK(f["outcome"] == "released");
        CHECK(f["published_on"] == "2027-01-04");
        CHECK_FALSE(f["hospital_id"].get<std::string>().empty());
        CHECK(f["matched_on"].is_null());
        CHECK(f.dump().find("d-demo") == std::string::npos);
    }
    CHECK(live(s2.app().storage(), "period") == 0);
    CHECK(s2.app().sync().expire_outdated({}, true).deleted.empty());
}

TEST_CASE("the daily job and the sweep apply the office's stored retention policy; the flags only until it sets one") {
    TestServer s;  // demo: three periods that end by 2027-10-31; the flags' default keeps them 24 months
    s.clock().set(noon({2028, 11, 1}));  // 12 months and a day after the last one ended
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    const auto by_flags = s.app().sync().expire_outdated({}, true);
    CHECK(by_flags.policy.version == 0);
    CHECK(by_flags.deleted.count("period") == 0);
    alis::sync::RetentionPolicy short_flags;
    short_flags.ended_period_months = 1;
    CHECK(s.app().sync().expire_outdated(short_flags, true).deleted.at("period") == 3);  // no setting: the flags rule

    const json pushed = office.post("/api/push", {{"client_id", "office-pc"},
                                                  {"mutations", {mutation(1, "set_retention", {{"retention", {{"ended_period_months", 12}}}})}}})
                            .json();
    REQUIRE(pushed["applied"] == json::array({1}));
    const auto dry = s.app().sync().expire_outdated({}, true);  // the flags say 24: the office's 12 wins
    CHECK(dry.policy.version == 1);
    CHECK(dry.policy.ended_period_months == 12);
    CHECK(dry.deleted.at("period") == 3);
    alis::sync::RetentionPolicy long_flags;
    long_flags.ended_period_months = 1200;
    CHECK(s.app().sync().expire_outdated(long_flags, true).deleted.at("period") == 3);

    const auto report = s.app().expire_daily();  // the server's job, with its options' flags
    REQUIRE(report);
    CHECK(report->policy.version == 1);
    CHECK(report->deleted.at("period") == 3);
    CHECK(live(s.app().storage(), "period") == 0);
}

TEST_CASE("on the boundary day end + N months of the office's policy a period stays; the day after it goes") {
    TestServer s;
    s.clock().set(noon({2028, 10, 31}));  // exactly 12 months after the last period ended: it stays
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    REQUIRE(office.post("/api/push", {{"client_id", "office-pc"},
                                      {"mutations", {mutation(1, "set_retention", {{"retention", {{"ended_period_months", 12}}}})}}})
                .json()["applied"] == json::array({1}));
    const auto dry = s.app().sync().expire_outdated({}, true);
    CHECK(dry.deleted.at("period") == 2);  // the two that ended 2027-09-30 go; the one of 2027-10-31 stays
}
