#pragma once
// The client's copy: the last server snapshot (as this user may see it) plus the mutations not yet
// confirmed. The view the user sees is the snapshot with the pending mutations replayed on it. The
// whole replica serialises to one JSON document (one file in IndexedDB, written only by the browser
// tab that holds this client: see docs/sync-protocol.md section 4).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/protocol.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

class Replica {
public:
    Replica() = default;
    // client_id: random, chosen by the shell for each browser tab (core has no RNG).
    Replica(std::string client_id, Actor actor);

    // A new client (another tab of the same user) starting from this one's snapshot and cookie:
    // no pending mutations, no rejections (those stay with their own client), numbering from 1.
    Replica fresh_client(std::string client_id) const;

    // The server refused a push as forked at `forked_id`: another client numbers from this id. The
    // pending mutations before forked_id were processed with this content; the others are renumbered
    // 1, 2, ... under `new_client_id`, so none is lost and none is sent twice under one id.
    void fork(std::string new_client_id, std::int64_t forked_id);

    // Applies the mutation to the view at once. When it is accepted locally it is queued for the next
    // push with the next id; when rejected locally it is not queued (the server, running the same
    // code on at least as much data, would refuse it too) and the outcome says why.
    Outcome mutate(const std::string& name, const nlohmann::json& args, const Date& today);

    // The push to send now: every pending mutation, oldest first (empty mutations: nothing to send).
    PushRequest make_push() const;
    PullRequest make_pull() const;

    // Merges a pull: replaces (reset) or patches the snapshot, drops pending mutations the server has
    // processed, keeps its rejections, and replays the rest on top. A response older than what the
    // replica already has (cookie below ours, not a reset) is ignored and false is returned.
    bool apply_pull(const PullResponse& response, const Date& today);

    const PortalState& view() const { return view_; }
    // Changes whenever view() may have changed, and is never the same for two different views, even
    // across replicas (a stamp from one process-wide counter): screens cache work derived from the
    // view (the matching engine's lists) under it.
    std::uint64_t revision() const { return revision_; }
    const PortalState& snapshot() const { return snapshot_; }
    const std::vector<Mutation>& pending() const { return pending_; }
    const std::vector<Rejection>& rejections() const { return rejections_; }
    // The interface dismisses a rejection once the user has read it.
    void dismiss_rejection(std::int64_t mutation_id);

    const std::string& client_id() const { return client_id_; }
    const Actor& actor() const { return actor_; }
    std::int64_t cookie() const { return cookie_; }
    std::int64_t last_mutation_id() const { return last_mutation_id_; }
    std::int64_t next_mutation_id() const { return next_mutation_id_; }

    nlohmann::json to_json() const;
    static std::optional<Replica> from_json(const nlohmann::json& j, Problems& out);

    // The last day the view was replayed with.
    const Date& today() const { return last_today_; }

private:
    void rebuild_view(const Date& today);

    std::string client_id_;
    Actor actor_;
    PortalState snapshot_;
    PortalState view_;
    std::vector<Mutation> pending_;
    std::vector<Rejection> rejections_;
    std::int64_t cookie_ = 0;
    std::int64_t last_mutation_id_ = 0;  // the server's last processed id for this client
    std::int64_t next_mutation_id_ = 1;
    Date last_today_;                    // the day the view was last replayed with
    std::uint64_t revision_ = 0;
};

// A fresh stamp from the counter Replica::revision uses, for views composed outside a replica.
std::uint64_t new_view_revision();

// What a user's clients on one machine (browser tabs) all show: the snapshot with the highest cookie
// among them, with every client's pending mutations replayed on it, clients in the order given. A
// mutation that another client's newer snapshot already holds is replayed once more, harmlessly (it
// is the same change) or not at all (it no longer applies locally); the server decides either way.
PortalState shared_view(const std::vector<const Replica*>& clients, const Date& today);

}  // namespace alis::sync
