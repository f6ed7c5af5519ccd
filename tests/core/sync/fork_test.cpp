// Forked clients: two replicas numbering from one client id (a copied profile, two tabs that loaded
// one stored replica). The server refuses the second content under a processed id instead of
// skipping it, and the replica recovers under a new client id with nothing lost or sent twice.
// Also the view several clients of one user on one machine share (browser tabs).
#include "alis/sync/replica.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

json span(const std::string& id, const std::string& start, const std::string& end) {
    return {{"id", id}, {"doctor_id", "d1"}, {"start", start}, {"end", end}};
}

bool sync_once(Replica& r, SyncServer& server) {
    const PushResult p = server.push(r.actor(), r.make_push(), kToday);
    if (p.status == PushStatus::forked) return false;
    REQUIRE(r.apply_pull(server.pull(r.actor(), r.make_pull()), kToday));
    return true;
}

}  // namespace

TEST_CASE("a processed id resent with other content is refused as forked; the same content is skipped") {
    SyncServer server = region_server();
    const Mutation a{1, "put_available_time", span("t1", "2027-01-01", "2027-06-30")};
    const Mutation b{1, "put_available_time", span("t2", "2027-09-01", "2027-12-31")};
    REQUIRE(server.push(gp(1), {"c1", {a}}, kToday).status == PushStatus::ok);

    const PushResult replay = server.push(gp(1), {"c1", {a}}, kToday);
    CHECK(replay.status == PushStatus::ok);
    CHECK(replay.changes.empty());

    const std::int64_t version = server.version();
    const PushResult fork = server.push(gp(1), {"c1", {b, {2, "delete_available_time", {{"id", "t1"}}}}}, kToday);
    CHECK(fork.status == PushStatus::forked);
    CHECK(fork.forked_id == 1);
    CHECK(fork.applied.empty());
    REQUIRE(fork.problems.size() == 1);
    CHECK(fork.problems[0].field == "mutations[0].id");
    CHECK(fork.problems[0].rule == "forked_client");
    CHECK_FALSE(fork.problems[0].message.nn.empty());
    CHECK(server.version() == version);  // nothing after the reused id was processed
    CHECK(server.state().available_times.count("t1"));
    CHECK_FALSE(server.state().available_times.count("t2"));
    CHECK(push_response_json(fork)["status"] == "forked");
    CHECK(push_response_json(fork)["forked_id"] == 1);
}

TEST_CASE("the mutations before the reused id in a forked push stay processed") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {{1, "put_available_time", span("t1", "2027-01-01", "2027-06-30")}}}, kToday);
    // Mutation 1 resent as it was (a replay), then 2, new: applied.
    const PushResult ok = server.push(gp(1),
        {"c1", {{1, "put_available_time", span("t1", "2027-01-01", "2027-06-30")},
                {2, "put_available_time", span("t2", "2027-09-01", "2027-12-31")}}}, kToday);
    CHECK(ok.status == PushStatus::ok);
    CHECK(ok.applied == std::vector<std::int64_t>{2});
    const PushResult fork = server.push(gp(1),
        {"c1", {{2, "put_available_time", span("t2", "2027-09-01", "2027-12-31")},
                {3, "put_available_time", span("t3", "2028-01-01", "2028-06-30")}}}, kToday);
    CHECK(fork.status == PushStatus::ok);  // same content under 2: a replay; 3 is new and applied
    const PushResult refused = server.push(gp(1),
        {"c1", {{3, "put_available_time", span("t9", "2028-09-01", "2028-12-31")}}}, kToday);
    CHECK(refused.status == PushStatus::forked);
    CHECK(refused.forked_id == 3);
}

TEST_CASE("digests are remembered for the last kForkWindow ids, survive export and load, and read back bounded") {
    SyncServer server = region_server();
    std::vector<Mutation> ms;
    for (std::int64_t i = 1; i <= static_cast<std::int64_t>(kForkWindow) + 10; ++i) {
        ms.push_back({i, "put_available_time", span("t" + std::to_string(i), "2027-01-01", "2027-06-30")});
    }
    const PushResult r = server.push(gp(1), {"c1", ms}, kToday);
    CHECK(r.client.digests.size() == kForkWindow);
    CHECK(r.client.digests.begin()->first == 11);

    SyncServer reloaded;
    Problems problems;
    ServerSnapshot snapshot = server.export_snapshot();
    for (ClientRow& c : snapshot.clients) c.digests = digests_from_json(digests_to_json(c.digests));
    REQUIRE(reloaded.load(snapshot, problems));
    const Mutation other{20, "put_available_time", span("x", "2029-01-01", "2029-06-30")};
    CHECK(reloaded.push(gp(1), {"c1", {other}}, kToday).status == PushStatus::forked);
    // Below the window the server cannot tell: it skips the id as before.
    const Mutation old{3, "put_available_time", span("y", "2029-01-01", "2029-06-30")};
    CHECK(reloaded.push(gp(1), {"c1", {old}}, kToday).status == PushStatus::ok);

    json many = json::object();
    for (int i = 0; i < 1000; ++i) many[std::to_string(i)] = "abc";
    many["not an id"] = "x";
    many["5"] = 7;
    CHECK(digests_from_json(many).size() == kForkWindow);
    CHECK(digests_from_json(json::array()).empty());
    CHECK(mutation_digest(other) != mutation_digest(old));
    CHECK(mutation_digest(other) == mutation_digest(Mutation{99, other.name, other.args}));
}

TEST_CASE("a forked replica takes a new client id for its pending changes and loses none") {
    SyncServer server = region_server();
    Replica a("shared", gp(1));
    sync_once(a, server);
    Problems problems;
    Replica b = *Replica::from_json(a.to_json(), problems);  // the copied profile
    REQUIRE(a.mutate("put_available_time", span("ta", "2027-01-01", "2027-06-30"), kToday).accepted);
    REQUIRE(b.mutate("put_available_time", span("tb", "2027-09-01", "2027-12-31"), kToday).accepted);
    REQUIRE(b.mutate("put_available_time", span("tc", "2028-01-01", "2028-06-30"), kToday).accepted);
    REQUIRE(sync_once(a, server));

    const PushResult p = server.push(b.actor(), b.make_push(), kToday);
    REQUIRE(p.status == PushStatus::forked);
    b.fork("fresh", p.forked_id);
    CHECK(b.client_id() == "fresh");
    REQUIRE(b.pending().size() == 2);
    CHECK(b.pending()[0].id == 1);
    CHECK(b.pending()[1].id == 2);
    CHECK(b.next_mutation_id() == 3);
    CHECK(b.view().available_times.count("tb"));
    REQUIRE(sync_once(b, server));
    CHECK(b.pending().empty());
    for (const char* id : {"ta", "tb", "tc"}) CHECK(server.state().available_times.count(id));
    REQUIRE(sync_once(a, server));
    CHECK(a.view() == b.view());
}

TEST_CASE("a fork after some of the copy's mutations were processed keeps only the unprocessed ones") {
    SyncServer server = region_server();
    Replica r("c", gp(1));
    sync_once(r, server);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(r.mutate("put_available_time", span("t" + std::to_string(i), "2027-01-01", "2027-06-30"), kToday).accepted);
    }
    r.fork("c2", 3);
    REQUIRE(r.pending().size() == 2);
    CHECK(r.pending()[0].args["id"] == "t2");
    CHECK(r.pending()[0].id == 1);
    CHECK(r.pending()[1].args["id"] == "t3");
}

TEST_CASE("tabs of one user share a view: the newest snapshot with every tab's pending changes") {
    SyncServer server = region_server();
    Replica a("tab-a", gp(1));
    sync_once(a, server);
    Replica b = a.fresh_client("tab-b");
    CHECK(b.client_id() == "tab-b");
    CHECK(b.cookie() == a.cookie());
    CHECK(b.pending().empty());
    CHECK(b.next_mutation_id() == 1);
    REQUIRE(a.mutate("put_available_time", span("ta", "2027-01-01", "2027-06-30"), kToday).accepted);
    REQUIRE(b.mutate("put_available_time", span("tb", "2027-09-01", "2027-12-31"), kToday).accepted);
    PortalState both = shared_view({&a, &b}, kToday);
    CHECK(both.available_times.count("ta"));
    CHECK(both.available_times.count("tb"));

    // a sends and confirms: its change moves from its pending into its newer snapshot, and the
    // shared view still shows both (b's older snapshot is not the one used).
    REQUIRE(sync_once(a, server));
    CHECK(a.pending().empty());
    both = shared_view({&b, &a}, kToday);
    CHECK(both.available_times.count("ta"));
    CHECK(both.available_times.count("tb"));
    CHECK(shared_view({}, kToday) == PortalState());
    CHECK(new_view_revision() != new_view_revision());
}
