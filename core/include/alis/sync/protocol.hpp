#pragma once
// The push/pull messages (docs/sync-protocol.md), with JSON (de)serialisation. parse_* validate and
// name every bad field, so the HTTP adapter answers 400 with the problems instead of throwing.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alis/problem.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/records.hpp"

namespace alis::sync {

inline constexpr std::size_t kClientIdBytes = 64;
inline constexpr std::size_t kMaxMutationsPerPush = 1000;
// How many of a client's last processed mutations the server remembers a digest of, to tell a
// replayed mutation (same content: skipped) from a forked client reusing its id (refused).
inline constexpr std::size_t kForkWindow = 256;

struct PushRequest {
    std::string client_id;
    std::vector<Mutation> mutations;  // ascending ids

    bool operator==(const PushRequest&) const = default;
};

// A mutation the server processed and refused, kept for the client until it has pulled it.
struct Rejection {
    std::string client_id;
    std::int64_t mutation_id = 0;
    std::string name;
    Problems problems;
    std::int64_t version = 0;  // the global version at which it was recorded

    bool operator==(const Rejection&) const = default;
};

// One record as the server stores it and as a pull carries it. deleted = tombstone (body null).
struct RecordChange {
    RecordKey key;
    std::int64_t version = 0;
    bool deleted = false;
    nlohmann::json body;  // the record's JSON when !deleted

    bool operator==(const RecordChange&) const = default;
};

// What the server remembers per client.
struct ClientRow {
    std::string client_id;
    std::string user_id;              // a client id belongs to the user who first pushed with it
    std::int64_t last_mutation_id = 0;
    // mutation id -> mutation_digest, for the last kForkWindow processed ids (fork detection)
    std::map<std::int64_t, std::string> digests;

    bool operator==(const ClientRow&) const = default;
};

enum class PushStatus {
    ok,            // every mutation was processed (applied, rejected or skipped as a duplicate)
    gap,           // processing stopped at a mutation whose id skipped one; resend from expected_id
    refused,       // the request was not processed at all (malformed, or another user's client id)
    forked,        // a mutation reused a processed id with other content: two clients share this id;
                   // processing stopped there (forked_id), the mutations before it stay processed
};
std::string to_string(PushStatus s);

// The result of SyncServer::push: the answer for the client plus exactly what the host must
// persist in one transaction (changes, client row, new rejections) before it answers.
struct PushResult {
    PushStatus status = PushStatus::ok;
    Problems problems;                    // why refused / where the gap is
    std::int64_t last_mutation_id = 0;    // the client's after this push
    std::int64_t expected_id = 0;         // gap: the id the server needs next (last_mutation_id + 1)
    std::int64_t forked_id = 0;           // forked: the reused id whose content differs
    std::vector<std::int64_t> applied;    // ids accepted by this push
    std::vector<Rejection> new_rejections;
    std::vector<RecordChange> changes;    // records written or tombstoned, with their new versions
    ClientRow client;                     // the client's row after the push
    std::int64_t version = 0;             // the server's global version after the push
    std::int64_t reset_version = 0;       // the server's reset version after the push (see server.hpp)
    bool persist_needed() const { return !changes.empty() || !new_rejections.empty() || client_changed; }
    bool client_changed = false;
};

struct PullRequest {
    std::string client_id;
    std::int64_t cookie = 0;  // the global version the client has seen; 0 = nothing yet

    bool operator==(const PullRequest&) const = default;
};

struct PullResponse {
    std::int64_t cookie = 0;              // the server's global version: send it in the next pull
    bool reset = false;                   // true: `changes` is the whole visible state; drop the old
    std::int64_t last_mutation_id = 0;    // the highest of this client's mutations the server processed
    std::vector<RecordChange> changes;    // visible records changed since the cookie, and tombstones
    std::vector<Rejection> rejections;    // this client's rejections recorded since the cookie

    bool operator==(const PullResponse&) const = default;
};

// Wire forms. to_json of a response never includes server-private data (only records the user
// may see; rejections of the asking client only).
nlohmann::json to_json(const PushRequest& r);
nlohmann::json to_json(const PullRequest& r);
nlohmann::json to_json(const PullResponse& r);
nlohmann::json to_json(const Rejection& r);
nlohmann::json to_json(const RecordChange& c);
// The answer the HTTP adapter sends for a push (status, last_mutation_id, expected_id, applied,
// problems); the server-side persistence fields are not sent.
nlohmann::json push_response_json(const PushResult& r);

// A fingerprint of a mutation's name and args (64-bit FNV-1a of the canonical JSON, hex): equal for
// a resent mutation, different (but for a 2^-64 chance) for another change under the same id.
std::string mutation_digest(const Mutation& m);
// A client's digests as the host stores them ({"12": "9a0c...", ...}); reading keeps at most the
// kForkWindow highest ids and drops entries that are not an id with a text.
nlohmann::json digests_to_json(const std::map<std::int64_t, std::string>& digests);
std::map<std::int64_t, std::string> digests_from_json(const nlohmann::json& j);

std::optional<PushRequest> parse_push_request(const nlohmann::json& j, Problems& out);
std::optional<PullRequest> parse_pull_request(const nlohmann::json& j, Problems& out);
std::optional<PullResponse> parse_pull_response(const nlohmann::json& j, Problems& out);
std::optional<Rejection> parse_rejection(const nlohmann::json& j, Problems& out, const std::string& prefix = "rejection");
std::optional<RecordChange> parse_record_change(const nlohmann::json& j, Problems& out, const std::string& prefix = "change");
std::optional<Problem> parse_problem(const nlohmann::json& j, Problems& out, const std::string& prefix = "problem");

}  // namespace alis::sync
