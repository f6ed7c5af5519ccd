// A seeded random schedule against the pure server: many clients of every role make mutations from
// what they see, go offline for spells, and talk to the server over a network that drops, duplicates
// and delays requests and answers; the server restarts from its own export now and then. At the end
// every replica must equal the server's view for its user, and every acknowledged mutation must be
// in the server's state.
#include <algorithm>
#include <deque>
#include <random>
#include <set>

#include "alis/rules.hpp"
#include "alis/sync/authorization.hpp"
#include "alis/sync/replica.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

struct Client {
    Replica replica;
    bool online = true;
    int counter = 0;  // for record ids unique to this client
};

// What the server applied, in its order, so the final state can be rebuilt from it.
struct Event {
    bool release = false;
    Actor actor;
    Mutation mutation;
    Date today;
};

class Schedule {
public:
    explicit Schedule(unsigned seed) : rng_(seed) {}

    std::mt19937& rng() { return rng_; }
    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }

private:
    std::mt19937 rng_;
};

std::string new_id(Client& c, const char* what) {
    return c.replica.client_id() + "-" + what + std::to_string(++c.counter);
}

template <typename Map, typename Pred>
std::vector<std::string> ids_where(const Map& m, Pred pred) {
    std::vector<std::string> ids;
    for (const auto& [id, r] : m) {
        if (pred(r)) ids.push_back(id);
    }
    return ids;
}

json subscription(Client& c, Schedule& rnd) {
    static const std::vector<std::string> topics{"new_periods", "offers", "released_periods"};
    // A handful of ids per client, so subscriptions are replaced as often as added.
    return {{"id", c.replica.client_id() + "-s" + std::to_string(rnd.below(5))}, {"user_id", c.replica.actor().user_id},
            {"topic", rnd.pick(topics)}};
}

// One plausible mutation for this client from what it sees; {name, args}, or an empty name when
// nothing fitting is in view.
std::pair<std::string, json> next_mutation(Client& c, Schedule& rnd, const Date& today) {
    const PortalState& v = c.replica.view();
    const Actor& a = c.replica.actor();
    const int r = rnd.below(100);
    auto start_after = [&](int max_days) { return add_days(today, 1 + rnd.below(max_days)); };
    switch (a.role) {
        case Role::gp: {
            const auto own = [&](const auto& x) { return x.doctor_id == a.doctor_id; };
            const auto times = ids_where(v.available_times, own);
            const auto wishes = ids_where(v.wishes, own);
            const auto pending = ids_where(v.offers, [&](const Offer& o) { return own(o) && o.status == OfferStatus::pending; });
            if (r < 12) {
                const Date s = start_after(300);
                return {"put_available_time", {{"id", new_id(c, "at")}, {"doctor_id", a.doctor_id}, {"start", to_iso(s)},
                                               {"end", to_iso(add_days(s, 30 + rnd.below(250)))}}};
            }
            if (r < 20 && !times.empty()) return {"delete_available_time", {{"id", rnd.pick(times)}}};
            if (r < 38) {
                json w{{"id", wishes.empty() || rnd.chance(60) ? new_id(c, "w") : rnd.pick(wishes)},
                       {"doctor_id", a.doctor_id}, {"rank", 1 + rnd.below(5)}};
                const int target = rnd.below(3);
                if (target == 0) w["department_id"] = rnd.chance(50) ? "dep1" : "dep2";
                if (target == 1) w["hospital_id"] = rnd.chance(50) ? "hf1" : "hf2";
                if (target == 2) w["specialty"] = rnd.chance(50) ? "indremedisin" : "psykiatri";
                return {"put_wish", w};
            }
            if (r < 46 && !wishes.empty()) return {"delete_wish", {{"id", rnd.pick(wishes)}}};
            if (r < 50 && !wishes.empty()) {
                auto order = wishes;
                std::shuffle(order.begin(), order.end(), rnd.rng());
                return {"rank_wishes", {{"doctor_id", a.doctor_id}, {"wish_ids", order}}};
            }
            if (r < 55 && v.doctors.count(a.doctor_id)) {
                json d = v.doctors.at(a.doctor_id);
                d["phone"] = std::to_string(rnd.below(100000000));
                return {"update_doctor", d};
            }
            if (r < 80 && !pending.empty()) return {"accept_offer", {{"offer_id", rnd.pick(pending)}}};
            if (r < 90 && !pending.empty()) return {"decline_offer", {{"offer_id", rnd.pick(pending)}}};
            return {"put_subscription", subscription(c, rnd)};
        }
        case Role::hospital: {
            const std::string dep = a.organisation_id == "hf1" ? "dep1" : "dep2";
            const auto open = ids_where(v.periods, [&](const Period& p) {
                return p.hospital_id == a.organisation_id && p.status == PeriodStatus::published;
            });
            const auto pending = ids_where(v.offers, [&](const Offer& o) { return o.status == OfferStatus::pending; });
            const auto doctors = ids_where(v.doctors, [](const DoctorProfile&) { return true; });
            if (r < 25 || open.empty()) {
                const Date s = start_after(200);
                return {"publish_period", period_json(new_id(c, "p"), a.organisation_id == "hf1" ? 1 : 2, to_iso(s),
                                                      to_iso(add_days(add_months(s, 6 + rnd.below(4)), -1)), 1 + rnd.below(2))};
            }
            if (r < 35) {
                json p = v.periods.at(rnd.pick(open));
                p["supervisor"] = "Overlege " + std::to_string(rnd.below(100));
                p["places"] = 1 + rnd.below(3);
                return {"edit_period", p};
            }
            if (r < 40) return {"withdraw_period", {{"period_id", rnd.pick(open)}}};
            if (r < 80 && !doctors.empty()) {
                const Period& p = v.periods.at(rnd.pick(open));
                return {"make_offer", offer_json(new_id(c, "o"), p.id, rnd.pick(doctors), to_iso(p.range.start), to_iso(p.range.end))};
            }
            if (r < 92 && !pending.empty()) return {"withdraw_offer", {{"offer_id", rnd.pick(pending)}}};
            return {"put_subscription", subscription(c, rnd)};
        }
        case Role::municipality: {
            const auto mine = ids_where(v.candidates, [&](const Candidate& x) { return x.municipality_id == a.organisation_id; });
            const auto doctors = ids_where(v.doctors, [&](const DoctorProfile& d) { return d.municipality_id == a.organisation_id; });
            const auto unstruck = ids_where(v.candidates, [&](const Candidate& x) { return !x.struck; });
            if (r < 35 && !doctors.empty()) {
                const std::string doctor = rnd.pick(doctors);
                std::string id = new_id(c, "c");
                for (const auto& [cid, cand] : v.candidates) {
                    if (cand.doctor_id == doctor) id = cid;  // update the entry the doctor already has
                }
                return {"put_candidate", {{"id", id}, {"municipality_id", a.organisation_id}, {"doctor_id", doctor},
                                          {"education_plan", "Plan " + std::to_string(rnd.below(1000))}}};
            }
            if (r < 55 && !mine.empty()) {
                auto order = mine;
                std::shuffle(order.begin(), order.end(), rnd.rng());
                return {"set_candidate_order", {{"municipality_id", a.organisation_id}, {"candidate_ids", order}}};
            }
            if (r < 70 && !unstruck.empty()) return {"strike_candidate", {{"candidate_id", rnd.pick(unstruck)}, {"reason", "Fikk tjeneste"}}};
            if (r < 80 && !mine.empty()) return {"delete_candidate", {{"candidate_id", rnd.pick(mine)}}};
            return {"put_subscription", subscription(c, rnd)};
        }
        case Role::alis_office: {
            auto doctors = ids_where(v.doctors, [](const DoctorProfile&) { return true; });
            if (r < 50) {
                std::shuffle(doctors.begin(), doctors.end(), rnd.rng());
                doctors.resize(static_cast<size_t>(rnd.below(static_cast<int>(doctors.size()) + 1)));
                return {"set_regional_list", {{"doctor_ids", doctors}}};
            }
            if (r < 53) {  // renaming an organisation makes every older cookie pull the whole view
                const int k = 1 + rnd.below(2);
                return {"put_organisation", {{"id", side_id("hf", k)}, {"kind", "hospital_trust"},
                                             {"name", "Helse " + std::to_string(rnd.below(1000))}}};
            }
            return {"put_subscription", subscription(c, rnd)};
        }
    }
    return {"", json::object()};
}

}  // namespace

TEST_CASE("random schedule: every replica converges to the server's view and no acknowledged mutation is lost") {
    Schedule rnd(20261122);
    Date today = kToday;
    PortalState initial = region();
    must(initial, system_actor(), "put_user", {{"id", "u-gp3"}, {"role", "gp"}, {"doctor_id", "d3"}, {"name", "Tredje"}});
    must(initial, system_actor(), "put_user", {{"id", "u-gp4"}, {"role", "gp"}, {"doctor_id", "d4"}, {"name", "Fjerde"}});
    must(initial, Actor{"u-gp3", Role::gp, "", "d3"}, "register_doctor", [] { auto d = doctor_json(3); d["municipality_id"] = "mun1"; return d; }());
    // d4 is short of three years in general practice: its acceptances are refused.
    must(initial, Actor{"u-gp4", Role::gp, "", "d4"}, "register_doctor", [] { auto d = doctor_json(4, "2025-06-01"); d["municipality_id"] = "mun2"; return d; }());

    SyncServer server;
    {
        ServerSnapshot snap;
        std::int64_t v = 0;
        for (const RecordKey& key : all_keys(initial)) snap.records.push_back({key, ++v, false, *record_body(initial, key)});
        Problems problems;
        REQUIRE(server.load(snap, problems));
    }

    std::vector<Client> clients;
    auto add = [&](const std::string& id, const Actor& a) { clients.push_back({Replica(id, a), true, 0}); };
    add("gp1-laptop", gp(1));
    add("gp1-phone", gp(1));  // one user, two clients: each numbers its own mutations
    add("gp2-laptop", gp(2));
    add("gp3-laptop", Actor{"u-gp3", Role::gp, "", "d3"});
    add("gp4-laptop", Actor{"u-gp4", Role::gp, "", "d4"});
    add("hf1-pc", hospital(1));
    add("hf2-pc", hospital(2));
    add("mun1-pc", municipality(1));
    add("mun2-pc", municipality(2));
    add("office-pc", office());

    std::vector<Event> log;
    std::set<std::pair<std::string, std::int64_t>> acknowledged;
    std::deque<std::pair<size_t, PushRequest>> delayed_pushes;
    std::deque<std::pair<size_t, PullResponse>> delayed_pulls;
    int mutations = 0, rejected_locally = 0, restarts = 0, resets = 0;

    auto deliver_push = [&](size_t i, const PushRequest& req, bool answer_arrives) {
        const Actor& actor = clients[i].replica.actor();
        const PushResult r = server.push(actor, req, today);
        for (std::int64_t id : r.applied) {
            const auto& m = *std::find_if(req.mutations.begin(), req.mutations.end(), [&](const Mutation& x) { return x.id == id; });
            log.push_back({false, actor, m, today});
        }
        if (answer_arrives) {
            for (std::int64_t id : r.applied) acknowledged.insert({req.client_id, id});
        }
    };
    auto deliver_pull = [&](size_t i, const PullResponse& resp) {
        resets += resp.reset ? 1 : 0;
        clients[i].replica.apply_pull(resp, today);
    };

    for (int step = 0; mutations < 6000; ++step) {
        if (step % 250 == 249) {
            today = add_days(today, 3);
            const ServerChanges released = server.release_unmatched(today);
            if (!released.changes.empty()) log.push_back({true, system_actor(), {}, today});
        }
        if (step % 1500 == 1499) {  // the server restarts from what it persisted
            SyncServer restarted;
            Problems problems;
            REQUIRE(restarted.load(server.export_snapshot(), problems));
            server = restarted;
            ++restarts;
        }
        if (!delayed_pushes.empty() && rnd.chance(5)) {
            deliver_push(delayed_pushes.front().first, delayed_pushes.front().second, rnd.chance(50));
            delayed_pushes.pop_front();
        }
        if (!delayed_pulls.empty() && rnd.chance(5)) {
            deliver_pull(delayed_pulls.front().first, delayed_pulls.front().second);
            delayed_pulls.pop_front();
        }
        const size_t i = static_cast<size_t>(rnd.below(static_cast<int>(clients.size())));
        Client& c = clients[i];
        if (c.online && rnd.chance(3)) c.online = false;        // an offline spell begins
        else if (!c.online && rnd.chance(8)) c.online = true;   // and ends
        const int action = rnd.below(100);
        if (!c.online || action < 50) {
            auto [name, args] = next_mutation(c, rnd, today);
            if (name.empty()) continue;
            const bool check_untouched = rnd.chance(20);  // a sample: copying the view each time is slow
            const PortalState before = check_untouched ? c.replica.view() : PortalState();
            if (c.replica.mutate(name, args, today).accepted) {
                ++mutations;
            } else {
                ++rejected_locally;
                if (check_untouched) CHECK(c.replica.view() == before);
            }
        } else if (action < 75) {
            const PushRequest req = c.replica.make_push();
            if (req.mutations.empty()) continue;
            const int fate = rnd.below(100);
            if (fate < 10) continue;                                       // request lost
            if (fate < 15) { delayed_pushes.push_back({i, req}); continue; }  // arrives much later
            deliver_push(i, req, fate >= 25);                               // 15..25: answer lost
            if (fate >= 90) deliver_push(i, req, true);                     // duplicated
        } else {
            const PullResponse resp = server.pull(c.replica.actor(), c.replica.make_pull());
            const int fate = rnd.below(100);
            if (fate < 10) continue;                                           // lost
            if (fate < 20) { delayed_pulls.push_back({i, resp}); continue; }   // arrives late
            deliver_pull(i, resp);
            if (fate >= 90) deliver_pull(i, resp);                             // duplicated
        }
    }

    // Everyone comes online and the network heals: push and pull until nothing is pending.
    for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < clients.size(); ++i) {
            if (!clients[i].replica.pending().empty()) deliver_push(i, clients[i].replica.make_push(), true);
            deliver_pull(i, server.pull(clients[i].replica.actor(), clients[i].replica.make_pull()));
        }
    }
    for (size_t i = 0; i < clients.size(); ++i) deliver_pull(i, server.pull(clients[i].replica.actor(), clients[i].replica.make_pull()));

    MESSAGE("mutations " << mutations << ", refused locally " << rejected_locally << ", applied by the server " << log.size()
                         << ", restarts " << restarts << ", reset pulls " << resets << ", records " << record_count(server.state()));
    CHECK(mutations >= 5000);
    CHECK(restarts >= 3);
    CHECK(resets > clients.size());
    for (const Client& c : clients) {
        INFO(c.replica.client_id());
        CHECK(c.replica.pending().empty());
        CHECK(c.replica.view() == server.view_for(c.replica.actor()));
        CHECK(c.replica.last_mutation_id() == server.last_mutation_id(c.replica.client_id()));
    }
    // Conflicts happened, and each client holds exactly the rejections the server recorded for it.
    const auto server_rejections = server.export_snapshot().rejections;
    CHECK(server_rejections.size() > 10);
    for (const Client& c : clients) {
        std::set<std::int64_t> expected, held;
        for (const Rejection& r : server_rejections) {
            if (r.client_id == c.replica.client_id()) expected.insert(r.mutation_id);
        }
        for (const Rejection& r : c.replica.rejections()) held.insert(r.mutation_id);
        CHECK(held == expected);
    }
    // Every acknowledged mutation was applied, and the state is exactly what the applied log makes.
    for (const auto& [client, id] : acknowledged) CHECK(id <= server.last_mutation_id(client));
    PortalState replay = initial;
    size_t replayed = 0;
    for (const Event& e : log) {
        if (e.release) {
            release_unmatched_periods(replay, e.today);
            continue;
        }
        replayed += apply_mutation(replay, e.actor, e.mutation, e.today).accepted ? 1 : 0;
    }
    CHECK(replayed == log.size() - static_cast<size_t>(std::count_if(log.begin(), log.end(), [](const Event& e) { return e.release; })));
    CHECK(replay == server.state());
    CHECK(acknowledged.size() > 1000);
}
