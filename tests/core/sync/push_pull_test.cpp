// The protocol functions: idempotent push, gap refusal, pull with cookie and tombstones, rejections,
// and server order deciding conflicts between replicas that were offline.
#include <random>

#include "alis/sync/replica.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

Mutation wish(std::int64_t id, const std::string& wish_id, int rank) {
    return {id, "put_wish", {{"id", wish_id}, {"doctor_id", "d1"}, {"rank", rank}, {"specialty", "psykiatri"}}};
}

void sync_once(Replica& r, SyncServer& server) {
    server.push(r.actor(), r.make_push(), kToday);
    REQUIRE(r.apply_pull(server.pull(r.actor(), r.make_pull()), kToday));
}

}  // namespace

TEST_CASE("a duplicated push is skipped and leaves the same state as one delivery") {
    SyncServer once = region_server(), twice = region_server();
    const PushRequest push{"c1", {wish(1, "w7", 2), wish(2, "w8", 3)}};
    once.push(gp(1), push, kToday);
    const PushResult first = twice.push(gp(1), push, kToday);
    const PushResult again = twice.push(gp(1), push, kToday);
    CHECK(first.applied == std::vector<std::int64_t>{1, 2});
    CHECK(again.applied.empty());
    CHECK(again.changes.empty());
    CHECK(again.status == PushStatus::ok);
    CHECK(again.last_mutation_id == 2);
    CHECK(twice.state() == once.state());
    CHECK(twice.version() == once.version());
}

TEST_CASE("a push that skips an id is refused at the gap, and the earlier ids stand") {
    SyncServer server = region_server();
    const PushResult r = server.push(gp(1), {"c1", {wish(1, "w7", 2), wish(3, "w8", 3)}}, kToday);
    CHECK(r.status == PushStatus::gap);
    CHECK(r.expected_id == 2);
    CHECK(r.applied == std::vector<std::int64_t>{1});
    CHECK(r.problems.at(0).field == "mutations[1].id");
    CHECK(server.state().wishes.count("w7"));
    CHECK_FALSE(server.state().wishes.count("w8"));
}

TEST_CASE("reordered pushes converge to the in-order state once every push has arrived") {
    SyncServer in_order = region_server(), reordered = region_server();
    const PushRequest a{"c1", {wish(1, "w7", 2), wish(2, "w8", 3)}};
    const PushRequest b{"c1", {wish(2, "w8", 3), wish(3, "w9", 4), {4, "delete_wish", {{"id", "w7"}}}}};
    in_order.push(gp(1), a, kToday);
    in_order.push(gp(1), b, kToday);
    CHECK(reordered.push(gp(1), b, kToday).status == PushStatus::gap);
    reordered.push(gp(1), a, kToday);
    reordered.push(gp(1), b, kToday);
    reordered.push(gp(1), a, kToday);  // a late duplicate changes nothing
    CHECK(reordered.state() == in_order.state());
    CHECK(reordered.last_mutation_id("c1") == 4);
}

TEST_CASE("a client id belongs to the user who first pushed with it") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {wish(1, "w7", 2)}}, kToday);
    const PushResult r = server.push(gp(2), {"c1", {{2, "delete_wish", {{"id", "w2"}}}}}, kToday);
    CHECK(r.status == PushStatus::refused);
    CHECK(r.problems.at(0).rule == "client_of_other_user");
    CHECK(server.state().wishes.count("w2"));
    CHECK(server.pull(gp(2), {"c1", 0}).last_mutation_id == 0);  // nor learns its progress
}

TEST_CASE("pull sends what changed since the cookie that the user may see, and tombstones") {
    SyncServer server = region_server();
    const PullResponse first = server.pull(gp(1), {"c1", 0});
    CHECK(first.reset);
    CHECK(first.changes.size() == record_count(server.view_for(gp(1))));
    server.push(gp(2), {"c2", {{1, "delete_wish", {{"id", "w2"}}}}}, kToday);
    server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "w1"}}}}}, kToday);
    const PullResponse next = server.pull(gp(1), {"c1", first.cookie});
    CHECK_FALSE(next.reset);
    CHECK(next.last_mutation_id == 1);
    // d1 (touched: hospitals see doctors through wishes) and a tombstone for w1 without content; w2
    // and d2 are gp(2)'s, ids gp(1) could never hold: not at all, not even as tombstones.
    for (const RecordChange& c : next.changes) {
        CHECK(c.key.id != "d2");
        CHECK(c.key.id != "w2");
        if (c.key.id == "w1") {
            CHECK(c.deleted);
            CHECK(c.body.is_null());
        }
    }
    CHECK(std::any_of(next.changes.begin(), next.changes.end(), [](const RecordChange& c) { return c.key.id == "w1" && c.deleted; }));
    CHECK(std::any_of(next.changes.begin(), next.changes.end(), [](const RecordChange& c) { return c.key.id == "d1" && !c.deleted; }));
    const PullResponse none = server.pull(gp(1), {"c1", next.cookie});
    CHECK(none.changes.empty());
}

namespace {
bool has_change(const PullResponse& r, const std::string& id, bool deleted) {
    return std::any_of(r.changes.begin(), r.changes.end(), [&](const RecordChange& c) { return c.key.id == id && c.deleted == deleted; });
}
}  // namespace

TEST_CASE("a tombstone goes only to users who could have seen the record") {
    SyncServer server = region_server();
    const std::int64_t start = server.version();
    // Another GP's record changes and is deleted; another hospital's offer is withdrawn and its doctor
    // deleted: the other side's users never hear of the ids.
    server.push(gp(2), {"c2", {{1, "put_wish", {{"id", "w-new"}, {"doctor_id", "d2"}, {"rank", 2}, {"department_id", "dep2"}}},
                               {2, "delete_wish", {{"id", "w-new"}}},
                               {3, "put_subscription", {{"id", "s-new"}, {"user_id", "u-gp2"}, {"topic", "offers"}}},
                               {4, "delete_subscription", {{"subscription_id", "s-new"}}},
                               {5, "delete_doctor", {{"doctor_id", "d2"}}}}}, kToday);
    for (const Actor& other : {gp(1), hospital(1), municipality(1)}) {
        const PullResponse r = server.pull(other, {"x", start});
        CHECK_FALSE(r.reset);
        for (const RecordChange& c : r.changes) {
            INFO(to_string(other.role) << " got " << to_string(c.key));
            CHECK(c.key.id != "w-new");
            CHECK(c.key.id != "s-new");
            CHECK(c.key.id != "d2");
            CHECK(c.key.id != "w2");
            CHECK(c.key.id != "at2");
            CHECK(c.key.id != "o2");
            CHECK(c.key.id != "c2");
        }
    }
    // Those who could see them get the tombstones.
    const PullResponse own = server.pull(gp(2), {"c2", start});
    CHECK(has_change(own, "w-new", true));
    CHECK(has_change(own, "s-new", true));
    CHECK(has_change(own, "d2", true));
    const PullResponse hf2 = server.pull(hospital(2), {"x", start});
    CHECK(has_change(hf2, "w-new", true));  // it named hf2's department while it lived
    CHECK(has_change(hf2, "d2", true));
    CHECK(has_change(hf2, "at2", true));
    CHECK(has_change(hf2, "o2", true));
    const PullResponse mun2 = server.pull(municipality(2), {"x", start});
    CHECK(has_change(mun2, "c2", true));
    CHECK(has_change(mun2, "d2", true));
    const PullResponse office_view = server.pull(office(), {"x", start});
    CHECK(has_change(office_view, "w-new", true));
}

TEST_CASE("a record that becomes hidden is tombstoned for those who saw it, whatever came after") {
    SyncServer server = region_server();
    const std::int64_t start = server.version();
    // hf1 sees d2 while d2 has a wish naming it; the wish is then redirected to hf2 and deleted.
    server.push(gp(2), {"c2", {{1, "put_wish", {{"id", "w-x"}, {"doctor_id", "d2"}, {"rank", 2}, {"department_id", "dep1"}}}}}, kToday);
    const PullResponse seen = server.pull(hospital(1), {"h1", start});
    CHECK(has_change(seen, "d2", false));
    CHECK(has_change(seen, "w-x", false));
    server.push(gp(2), {"c2", {{2, "put_wish", {{"id", "w-x"}, {"doctor_id", "d2"}, {"rank", 2}, {"department_id", "dep2"}}},
                               {3, "delete_wish", {{"id", "w-x"}}}}}, kToday);
    const PullResponse after = server.pull(hospital(1), {"h1", seen.cookie});
    CHECK(has_change(after, "w-x", true));
    CHECK(has_change(after, "d2", true));
    CHECK(has_change(after, "at2", true));
}

TEST_CASE("a new user record (a registration) does not make every client pull its whole view") {
    SyncServer server = region_server();
    const std::int64_t cookie = server.version();
    server.apply_direct(system_actor(), "put_user", {{"id", "u-new"}, {"role", "gp"}, {"doctor_id", "d-new"}, {"name", "Ny"}}, kToday);
    CHECK_FALSE(server.pull(gp(1), {"c1", cookie}).reset);
    CHECK_FALSE(server.pull(hospital(1), {"h1", cookie}).reset);
    const Actor newcomer{"u-new", Role::gp, "", "d-new"};
    CHECK(has_change(server.pull(newcomer, {"n1", cookie}), "u-new", false));
    CHECK(server.pull(gp(1), {"c1", cookie}).changes.empty());  // nor learns the new user's id
    // A changed existing user, or a changed organisation, still resets: they decide what others see.
    const std::int64_t later = server.version();
    server.apply_direct(system_actor(), "put_user", {{"id", "u-new"}, {"role", "gp"}, {"doctor_id", "d-new"}, {"name", "Ny Navn"}}, kToday);
    CHECK(server.pull(gp(1), {"c1", later}).reset);
    const std::int64_t latest = server.version();
    server.apply_direct(system_actor(), "put_organisation", {{"id", "mun3"}, {"kind", "municipality"}, {"name", "Voss"}}, kToday);
    CHECK(server.pull(gp(1), {"c1", latest}).reset);
}

TEST_CASE("after a restart every client pulls its whole view once, then changes again") {
    SyncServer server = region_server();
    const std::int64_t cookie = server.version();
    server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "w1"}}}}}, kToday);
    SyncServer restarted;
    Problems problems;
    REQUIRE(restarted.load(server.export_snapshot(), problems));
    CHECK(restarted.pull(gp(1), {"c1", cookie}).reset);
    CHECK_FALSE(restarted.pull(gp(1), {"c1", restarted.version()}).reset);  // up to date: nothing missed
    const std::int64_t after = restarted.version();
    restarted.push(gp(2), {"c2", {{1, "delete_wish", {{"id", "w2"}}}}}, kToday);
    CHECK_FALSE(restarted.pull(gp(1), {"c1", after}).reset);
    CHECK(restarted.pull(gp(1), {"c1", after}).changes.empty());
    CHECK(has_change(restarted.pull(hospital(2), {"h2", after}), "w2", true));
}

TEST_CASE("two GPs accept the same one-place period offline: server order decides, the loser sees why") {
    SyncServer server = region_server();
    server.apply_direct(office(), "make_offer", offer_json("o-second", "p1", "d2"), kToday);
    Replica first("laptop-1", gp(1)), second("laptop-2", gp(2));
    sync_once(first, server);
    sync_once(second, server);
    REQUIRE(second.view().offers.count("o-second"));
    // Both offline: each accepts, and each view shows success.
    CHECK(first.mutate("accept_offer", {{"offer_id", "o1"}}, kToday).accepted);
    CHECK(second.mutate("accept_offer", {{"offer_id", "o-second"}}, kToday).accepted);
    CHECK(second.view().offers.at("o-second").status == OfferStatus::accepted);
    sync_once(first, server);
    sync_once(second, server);
    CHECK(server.state().offers.at("o1").status == OfferStatus::accepted);
    CHECK(server.state().offers.at("o-second").status == OfferStatus::withdrawn);
    CHECK(second.pending().empty());
    REQUIRE(second.rejections().size() == 1);
    CHECK(second.rejections()[0].mutation_id == 1);
    CHECK(second.rejections()[0].problems.at(0).rule == "no_places_left");
    CHECK(second.view().offers.at("o-second").status == OfferStatus::withdrawn);
    CHECK(second.view() == server.view_for(gp(2)));
    CHECK(first.view() == server.view_for(gp(1)));
    second.dismiss_rejection(1);
    CHECK(second.rejections().empty());
}

TEST_CASE("a replica shows pending mutations on top of the snapshot and drops them once confirmed") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1));
    sync_once(r, server);
    CHECK(r.mutate("put_wish", wish(0, "w7", 2).args, kToday).accepted);
    CHECK(r.view().wishes.count("w7"));
    CHECK_FALSE(r.snapshot().wishes.count("w7"));
    CHECK(r.make_push().mutations.size() == 1);
    const Outcome refused = r.mutate("delete_wish", {{"id", "w2"}}, kToday);  // not visible: refused locally
    CHECK_FALSE(refused.accepted);
    CHECK(r.pending().size() == 1);
    sync_once(r, server);
    CHECK(r.pending().empty());
    CHECK(r.snapshot().wishes.count("w7"));
    CHECK(r.next_mutation_id() == 2);
}

TEST_CASE("a replica's revision moves with every change of its view and never repeats across replicas") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1)), other("laptop-2", gp(2));
    sync_once(r, server);
    sync_once(other, server);
    CHECK(r.revision() != other.revision());
    const auto before = r.revision();
    CHECK_FALSE(r.mutate("delete_wish", {{"id", "w2"}}, kToday).accepted);  // refused: the view is as it was
    CHECK(r.revision() == before);
    CHECK(r.mutate("put_wish", wish(0, "w7", 2).args, kToday).accepted);
    const auto after_mutate = r.revision();
    CHECK(after_mutate != before);
    sync_once(r, server);
    CHECK(r.revision() != after_mutate);
    CHECK(r.revision() != other.revision());
    // A pull that brings nothing keeps the view, and so its revision.
    const auto synced = r.revision();
    const PortalState view_before = r.view();
    sync_once(r, server);
    CHECK(r.revision() == synced);
    CHECK(r.view() == view_before);
    // One that brings a change moves it.
    server.push(gp(1), {"laptop-1", {wish(2, "w8", 3)}}, kToday);
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), kToday));
    CHECK(r.revision() != synced);
    CHECK(r.view().wishes.count("w8"));
}

TEST_CASE("a stale incremental pull is ignored") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1));
    sync_once(r, server);
    const PullResponse old = server.pull(gp(1), r.make_pull());
    server.push(gp(1), {"laptop-1", {wish(1, "w7", 2)}}, kToday);
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), kToday));
    server.push(gp(1), {"laptop-1", {{2, "delete_wish", {{"id", "w7"}}}}}, kToday);
    const PullResponse newer = server.pull(gp(1), r.make_pull());
    REQUIRE(r.apply_pull(newer, kToday));
    CHECK_FALSE(r.apply_pull(old, kToday));
    CHECK(r.view() == server.view_for(gp(1)));
}

TEST_CASE("a replica survives its one-file round trip") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1));
    sync_once(r, server);
    r.mutate("put_wish", wish(0, "w7", 2).args, kToday);
    server.push(gp(1), {"laptop-1", {{1, "update_doctor", doctor_json(1, "2025-01-01")}}}, kToday);
    const json file = r.to_json();
    Problems problems;
    auto back = Replica::from_json(json::parse(file.dump()), problems);
    REQUIRE(back.has_value());
    CHECK(problems.empty());
    CHECK(back->view() == r.view());
    CHECK(back->pending() == r.pending());
    CHECK(back->cookie() == r.cookie());
    CHECK(back->to_json() == file);
    json bad = file;
    bad["pending"][0]["id"] = "one";
    CHECK_FALSE(Replica::from_json(bad, problems).has_value());
    CHECK(problems.at(0).field == "replica.pending[0].id");
}

TEST_CASE("organisation changes make older cookies pull the whole view") {
    SyncServer server = region_server();
    Replica r("laptop-1", hospital(1));
    sync_once(r, server);
    // dep2 moves to hf1: w2 now targets hf1 although neither w2 nor d2 changed.
    server.apply_direct(office(), "put_organisation",
                        {{"id", "dep2"}, {"kind", "department"}, {"name", "Psykiatri"}, {"parent_id", "hf1"}, {"specialty", "psykiatri"}}, kToday);
    const PullResponse p = server.pull(hospital(1), r.make_pull());
    CHECK(p.reset);
    REQUIRE(r.apply_pull(p, kToday));
    CHECK(r.view().wishes.count("w2"));
    CHECK(r.view() == server.view_for(hospital(1)));
}

TEST_CASE("the server rebuilt from its export answers pulls the same") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {wish(1, "w7", 2), {2, "delete_wish", {{"id", "nope"}}}}}, kToday);
    server.push(gp(1), {"c1", {{3, "delete_wish", {{"id", "w7"}}}}}, kToday);
    SyncServer copy;
    Problems problems;
    REQUIRE(copy.load(server.export_snapshot(), problems));
    CHECK(copy.state() == server.state());
    CHECK(copy.version() == server.version());
    for (std::int64_t cookie : {std::int64_t{0}, server.version()}) {
        CHECK(copy.pull(gp(1), {"c1", cookie}) == server.pull(gp(1), {"c1", cookie}));
    }
    // An older cookie gets the whole view once: the rebuilt server does not know who could see what
    // before, so it cannot choose tombstones for that time.
    for (std::int64_t cookie : {5, 30, 33}) {
        const PullResponse p = copy.pull(gp(1), {"c1", cookie});
        CHECK(p.reset);
        CHECK(p.changes == server.pull(gp(1), {"c1", 0}).changes);
    }
    CHECK(copy.pull(gp(1), {"c1", 0}).rejections.size() == 1);
}

TEST_CASE("tombstones can be purged; older cookies then get a reset") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "w1"}}}}}, kToday);
    const std::int64_t v = server.version();
    CHECK(server.purge_tombstones(v) == std::vector<RecordKey>{{RecordKind::wish, "w1"}});
    CHECK(server.pull(gp(1), {"c1", v - 1}).reset);
    CHECK_FALSE(server.pull(gp(1), {"c1", v}).reset);
}

TEST_CASE("the release job versions what it changed, so pulls carry it") {
    SyncServer server = region_server();
    const std::int64_t cookie = server.version();
    const ServerChanges c = server.release_unmatched({2027, 1, 22});
    CHECK(c.changes.size() == 4);  // p1, p2, o1, o2
    const PullResponse p = server.pull(gp(1), {"c1", cookie});
    CHECK(std::any_of(p.changes.begin(), p.changes.end(),
                      [](const RecordChange& x) { return x.key.id == "p1" && x.body["status"] == "released"; }));
}

TEST_CASE("a rejection stored as JSON reloads under its own client") {
    SyncServer server = region_server();
    const PushResult r = server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "nope"}}}}}, kToday);
    REQUIRE(r.new_rejections.size() == 1);
    Problems problems;
    const auto back = parse_rejection(json::parse(to_json(r.new_rejections[0]).dump()), problems);
    REQUIRE(back.has_value());
    CHECK(*back == r.new_rejections[0]);
    CHECK(back->problems.at(0).rule == "not_found");
}

TEST_CASE("push and pull messages survive their JSON forms, and bad ones name the field") {
    const PushRequest push{"c1", {wish(1, "w7", 2), {2, "delete_wish", {{"id", "w7"}}}}};
    Problems problems;
    CHECK(parse_push_request(to_json(push), problems) == push);
    SyncServer server = region_server();
    const PullResponse pull = server.pull(gp(1), {"c1", 0});
    CHECK(parse_pull_response(json::parse(to_json(pull).dump()), problems) == pull);
    CHECK(problems.empty());
    json bad = to_json(push);
    bad["mutations"][1]["id"] = 1;
    CHECK_FALSE(parse_push_request(bad, problems).has_value());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "mutations[1].id");
    CHECK(problems[0].rule == "not_ascending");
    problems.clear();
    bad["mutations"][0]["args"] = "x";
    CHECK_FALSE(parse_push_request(bad, problems).has_value());
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].field == "mutations[0].args");
    problems.clear();
    CHECK_FALSE(parse_pull_request({{"client_id", "c1"}, {"cookie", -3}}, problems).has_value());
    CHECK(problems.at(0).field == "cookie");
}

TEST_CASE("property: pushes delivered shuffled, duplicated and replayed leave the state one in-order delivery leaves") {
    std::mt19937 rng(4242);
    for (int round = 0; round < 20; ++round) {
        // One GP's 40 mutations (some will be rejected: deleting what is already gone), in batches.
        std::vector<Mutation> all;
        for (std::int64_t id = 1; id <= 40; ++id) {
            const std::string wid = "w" + std::to_string(rng() % 6);
            if (rng() % 3 == 0) {
                all.push_back({id, "delete_wish", {{"id", wid}}});
            } else {
                all.push_back(wish(id, wid, static_cast<int>(1 + rng() % 5)));
            }
        }
        std::vector<PushRequest> batches;
        for (size_t i = 0; i < all.size();) {
            const size_t n = 1 + rng() % 6;
            PushRequest b{"c1", {}};
            for (size_t k = 0; k < n && i < all.size(); ++k) b.mutations.push_back(all[i++]);
            batches.push_back(b);
        }
        SyncServer once = region_server(), messy = region_server();
        for (const auto& b : batches) once.push(gp(1), b, kToday);
        // The messy network: random batches, repeated, until everything has got through.
        int deliveries = 0;
        while (messy.last_mutation_id("c1") < 40) {
            messy.push(gp(1), batches[rng() % batches.size()], kToday);
            ++deliveries;
        }
        for (const auto& b : batches) messy.push(gp(1), b, kToday);  // and a full replay afterwards
        INFO("round " << round << ", deliveries " << deliveries);
        CHECK(messy.state() == once.state());
        const auto a = once.pull(gp(1), {"c1", 0}), b = messy.pull(gp(1), {"c1", 0});
        CHECK(a.last_mutation_id == b.last_mutation_id);
        REQUIRE(a.rejections.size() == b.rejections.size());
        for (size_t i = 0; i < a.rejections.size(); ++i) CHECK(a.rejections[i].mutation_id == b.rejections[i].mutation_id);
    }
}

TEST_CASE("a hospital's replica gains a GP when the GP wishes one of its departments, and loses them after") {
    SyncServer server = region_server();
    Replica hf("hf1-pc", hospital(1));
    sync_once(hf, server);
    CHECK_FALSE(hf.view().doctors.count("d2"));
    server.push(gp(2), {"gp2", {{1, "put_wish", {{"id", "w9"}, {"doctor_id", "d2"}, {"rank", 2}, {"department_id", "dep1"}}}}}, kToday);
    sync_once(hf, server);
    CHECK(hf.view().doctors.count("d2"));
    CHECK(hf.view().wishes.count("w9"));
    CHECK_FALSE(hf.view().wishes.count("w2"));  // the wish for the other hospital stays hidden
    server.push(gp(2), {"gp2", {{2, "delete_wish", {{"id", "w9"}}}}}, kToday);
    sync_once(hf, server);
    CHECK_FALSE(hf.view().doctors.count("d2"));
    CHECK_FALSE(hf.view().wishes.count("w9"));
    CHECK(hf.view() == server.view_for(hospital(1)));
}

TEST_CASE("a rejection is kept until the client pulls with a cookie past it, then forgotten") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "nope"}}}}}, kToday);
    const PullResponse first = server.pull(gp(1), {"c1", 0});
    REQUIRE(first.rejections.size() == 1);
    CHECK(server.rejections_held("u-gp1") == 1);
    // The pull that carried it proves nothing yet: the client may not have stored the answer.
    CHECK_FALSE(server.has_received_rejections(gp(1), {"c1", 0}));
    CHECK(server.forget_received_rejections(gp(1), {"c1", 0}).empty());
    // Another user's pull with the same client id forgets nothing.
    CHECK(server.forget_received_rejections(gp(2), {"c1", first.cookie}).empty());
    // The next pull, with the cookie that answer gave, does.
    CHECK(server.has_received_rejections(gp(1), {"c1", first.cookie}));
    const auto gone = server.forget_received_rejections(gp(1), {"c1", first.cookie});
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].mutation_id == 1);
    CHECK(server.rejections_held("u-gp1") == 0);
    CHECK(server.pull(gp(1), {"c1", 0}).rejections.empty());
    CHECK(server.export_snapshot().rejections.empty());
}

TEST_CASE("a user holding too many unpulled rejections is refused until a pull takes them") {
    SyncServer server = region_server();
    std::int64_t id = 0;
    while (server.rejections_held("u-gp1") < kMaxRejectionsPerUser) {
        PushRequest req{"c1", {}};
        for (std::size_t i = 0; i < kMaxMutationsPerPush; ++i) req.mutations.push_back({++id, "delete_wish", {{"id", "nope"}}});
        REQUIRE(server.push(gp(1), req, kToday).status == PushStatus::ok);
    }
    const PushResult refused = server.push(gp(1), {"c1", {{id + 1, "delete_wish", {{"id", "nope"}}}}}, kToday);
    CHECK(refused.status == PushStatus::refused);
    CHECK(alis::testing::has_problem(refused.problems, "mutations", "too_many_rejections"));
    CHECK(server.last_mutation_id("c1") == id);  // nothing of the refused push was processed
    // Another GP is not affected.
    CHECK(server.push(gp(2), {"c2", {{1, "delete_wish", {{"id", "nope"}}}}}, kToday).status == PushStatus::ok);
    const std::int64_t cookie = server.pull(gp(1), {"c1", 0}).cookie;
    server.forget_received_rejections(gp(1), {"c1", cookie});
    CHECK(server.push(gp(1), {"c1", {{id + 1, "delete_wish", {{"id", "nope"}}}}}, kToday).status == PushStatus::ok);
}

TEST_CASE("the count of held rejections survives a reload") {
    SyncServer server = region_server();
    server.push(gp(1), {"c1", {{1, "delete_wish", {{"id", "nope"}}}, {2, "delete_wish", {{"id", "nope2"}}}}}, kToday);
    SyncServer copy;
    Problems problems;
    REQUIRE(copy.load(server.export_snapshot(), problems));
    CHECK(copy.rejections_held("u-gp1") == 2);
}
