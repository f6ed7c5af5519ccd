#pragma once
// The client's copy: the last server snapshot (as this user may see it) plus the mutations not yet
// confirmed. The view the user sees is the snapshot with the pending mutations replayed on it. The
// whole replica serialises to one JSON document (one file in IndexedDB).
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
    // client_id: random, chosen once per browser profile by the shell (core has no RNG).
    Replica(std::string client_id, Actor actor);

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

}  // namespace alis::sync
