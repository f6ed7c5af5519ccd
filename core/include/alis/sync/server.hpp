#pragma once
// The server side of sync, pure and in memory: the HTTP adapter (sync/) authenticates the user,
// builds the Actor, calls push or pull here, persists what push returned in one transaction, and
// only then answers. At start it rebuilds the server from storage with load().
//
// Versions: one global counter. Every record write, tombstone and rejection takes the next version.
// A pull cookie is the version the client has seen. Pulls whose cookie is below reset_version (or
// above the current version, e.g. after restoring a backup) get the whole visible state with
// reset = true: that is how changes of organisations and of existing users (which can change what
// many records a user may see), purged tombstones, and a restart (which forgets who could see which
// record, see pull) reach clients correctly.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/personal_data.hpp"
#include "alis/sync/protocol.hpp"
#include "alis/sync/retention.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// A user whose clients hold this many rejections not yet pulled is refused further pushes
// (rule too_many_rejections) until a pull hands them over. An honest client pulls after every push,
// so it holds at most one push's worth (kMaxMutationsPerPush).
inline constexpr std::size_t kMaxRejectionsPerUser = 2 * kMaxMutationsPerPush;

// Everything the server persists, as loaded at start (and as exported, for tests and backups).
struct ServerSnapshot {
    std::vector<RecordChange> records;  // live records and tombstones, each with its version
    std::vector<ClientRow> clients;
    std::vector<Rejection> rejections;
    std::int64_t version = 0;           // at least the highest version among records and rejections
    std::int64_t reset_version = 0;
};

// What a server-side change outside push (a job or the admin CLI) wrote: persist in one transaction.
struct ServerChanges {
    Outcome outcome;                     // for apply_direct; accepted for jobs
    std::vector<RecordChange> changes;
    std::int64_t version = 0;
    std::int64_t reset_version = 0;
};

class SyncServer {
public:
    SyncServer() = default;

    // Rebuilds the server from storage. Returns false and names each bad row when a record body
    // does not parse; the server is then left empty.
    bool load(const ServerSnapshot& snapshot, Problems& out);
    ServerSnapshot export_snapshot() const;

    // Processes the client's mutations in order (docs/sync-protocol.md): skips ids already
    // processed, stops at a gap, applies the rest for `actor`, records rejections. Never throws.
    PushResult push(const Actor& actor, const PushRequest& request, const Date& today);

    // Rejections the client has received: those of its own client with a version at or below the
    // cookie it now pulls with (a pull answered with that cookie carried them). True when any exist,
    // so the host takes the write lock only when there is something to forget.
    bool has_received_rejections(const Actor& actor, const PullRequest& request) const;
    // Forgets them and returns them, so the host deletes their rows. Rejections are kept only until
    // the client has them; what is left per user is bounded by kMaxRejectionsPerUser.
    std::vector<Rejection> forget_received_rejections(const Actor& actor, const PullRequest& request);
    std::size_t rejections_held(const std::string& user_id) const;

    // The changes since the cookie that the actor may see, record by record, with tombstones for
    // records deleted or no longer visible; the client's last processed mutation id; its rejections
    // recorded since the cookie. Read-only.
    PullResponse pull(const Actor& actor, const PullRequest& request) const;

    // A change made by the server itself or the admin CLI (e.g. put_user, put_organisation),
    // checked and applied like a pushed mutation but without a client.
    ServerChanges apply_direct(const Actor& actor, const std::string& name, const nlohmann::json& args,
                               const Date& today);

    // The two-month rule job (release_unmatched_periods), versioned for persistence.
    ServerChanges release_unmatched(const Date& today);

    // The expiry job (expire_outdated in retention.hpp), versioned for persistence.
    ServerChanges expire_outdated(const Date& today, const RetentionPolicy& policy = {});

    // A person's deletion of their own data (erase_personal_data in personal_data.hpp), versioned
    // for persistence: every replica that saw a record gets its tombstone at the next pull.
    ServerChanges erase_personal_data(const DataSubject& who, const Date& today);

    // A stored document's record (documents.hpp), made only here, never by a mutation: it takes the
    // slot (doctor, kind, municipality), and an older document in that slot is deleted (its key is in
    // the changes as a tombstone; the host removes its file). The caller has checked who may upload.
    ServerChanges put_document(const DocumentRecord& document);
    // Deletes a document's record (tombstone); nothing changes when there is none. `id` is a copy:
    // a caller may pass the record's own id, which the erase destroys before the tombstone is made.
    ServerChanges delete_document(std::string id);

    // Forgets tombstones with version <= through; clients with an older cookie then get a reset.
    // Returns the keys forgotten (delete their rows).
    std::vector<RecordKey> purge_tombstones(std::int64_t through);

    const PortalState& state() const { return state_; }
    std::int64_t version() const { return version_; }
    std::int64_t reset_version() const { return reset_version_; }
    std::int64_t last_mutation_id(const std::string& client_id) const;
    // The state as this actor may see it (what its replica must converge to).
    PortalState view_for(const Actor& actor) const;

private:
    struct RecordMeta {
        std::int64_t version = 0;
        bool deleted = false;
        std::set<std::string> audience;  // who could see the record since the start (authorization.hpp)
    };

    // Gives each changed key the next version and returns the rows to persist.
    std::vector<RecordChange> stamp(const std::vector<RecordKey>& changed);
    RecordChange change_row(const RecordKey& key, const RecordMeta& meta) const;
    // Versions the records a system job (not a client's mutation) changed; the jobs share it.
    ServerChanges system_changes(std::vector<RecordKey> changed);
    // Adds who may see each live record now to its audience.
    void refresh_audiences();

    PortalState state_;
    std::int64_t version_ = 0;
    std::int64_t reset_version_ = 0;
    std::map<RecordKey, RecordMeta> meta_;
    std::map<std::int64_t, RecordKey> by_version_;  // version -> record, for pulls since a cookie
    std::map<std::string, ClientRow> clients_;
    std::map<std::string, std::vector<Rejection>> rejections_;  // per client, ascending version
    std::map<std::string, std::size_t> rejections_by_user_;      // how many each user's clients hold
};

}  // namespace alis::sync
