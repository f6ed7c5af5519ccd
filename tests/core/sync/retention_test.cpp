// Expired information is deleted by the expiry job, and the deletions reach replicas as tombstones.
#include "alis/sync/replica.hpp"
#include "alis/sync/retention.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

TEST_CASE("ended available time, passed wishes and long-struck entries expire; nothing else does") {
    PortalState s = region();
    must(s, gp(1), "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}, {"rank", 2}, {"specialty", "psykiatri"}, {"latest_end", "2027-03-31"}});
    must(s, municipality(2), "strike_candidate", {{"candidate_id", "c2"}, {"reason", "Tjeneste i Helse Førde"}});
    CHECK(expire_outdated(s, kToday).empty());
    const auto changed = expire_outdated(s, {2028, 1, 1});  // at1/at2 end 2027-12-31; w9 ended; c2 struck > 1 year
    CHECK(changed == std::vector<RecordKey>{{RecordKind::doctor, "d1"}, {RecordKind::doctor, "d2"}, {RecordKind::available_time, "at1"},
                                            {RecordKind::available_time, "at2"}, {RecordKind::wish, "w9"}, {RecordKind::candidate, "c2"}});
    CHECK_FALSE(s.wishes.count("w9"));
    CHECK(s.wishes.count("w1"));  // no latest end: kept
    CHECK(s.candidates.count("c1"));
    CHECK(s.periods.size() == 2);
    CHECK(s.offers.size() == 2);
}

TEST_CASE("the expiry job's deletions reach the replica") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1));
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), kToday));
    REQUIRE(r.view().available_times.count("at1"));
    const ServerChanges c = server.expire_outdated({2028, 1, 1});
    CHECK(std::any_of(c.changes.begin(), c.changes.end(), [](const RecordChange& x) { return x.key.id == "at1" && x.deleted; }));
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), {2028, 1, 1}));
    CHECK_FALSE(r.view().available_times.count("at1"));
    CHECK(r.view() == server.view_for(gp(1)));
}
