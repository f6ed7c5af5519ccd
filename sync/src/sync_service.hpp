#pragma once
// The HTTP adapter over the pure sync core (alis/sync/server.hpp): parse, call push/pull, persist
// exactly what push returned in one SQLite transaction, and only then answer. The in-memory state
// is rebuilt from storage at start.
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "alis/sync/actor.hpp"
#include "alis/sync/document_record.hpp"
#include "alis/sync/evaluation.hpp"
#include "alis/sync/personal_data.hpp"
#include "alis/sync/protocol.hpp"
#include "alis/sync/inactive_profiles.hpp"
#include "alis/sync/retention.hpp"
#include "alis/events.hpp"
#include "clock.hpp"
#include "http_types.hpp"
#include "sessions.hpp"
#include "storage.hpp"

namespace alis::server {

class DocumentFiles;

// The signed-in user as the sync core's Actor needs it.
struct Principal {
    std::string user_id;
    std::string role;
    std::string organisation_id;
    std::string doctor_id;
};
Principal principal_of(const UserRecord& user);

// How fast one user may push: a token bucket of mutations per user (all the user's clients share it).
// Beyond it a push is answered 429 with Retry-After; nothing of it is processed.
struct PushPolicy {
    double mutations_per_second = 50;  // refill
    double burst = 2000;               // bucket size: a GP's week offline sends at once
};

class SyncService {
public:
    SyncService(Storage& storage, const Clock& clock, AuditLog& audit, PushPolicy policy = {});
    ~SyncService();

    void load();  // throws StorageError naming the bad rows
    // Takes the body by value: its parsed JSON is freed as soon as the request has been read from it.
    Response push(const Principal& who, nlohmann::json body);
    Response pull(const Principal& who, const nlohmann::json& body);

    // A change by the server itself (accounts, organisations, demo data) as the ALIS office, persisted
    // before returning. Returns the problems (an empty array when it was applied).
    nlohmann::json apply_direct(const std::string& name, const nlohmann::json& args);
    // The two-month release job; returns how many records it changed.
    std::size_t release_unmatched();

    // The expiry job and the yearly sweep: records the periods' anonymous facts, then deletes what
    // the policy says has expired today (alis/sync/retention.hpp) as tombstones, audited as deletions
    // without their data. With dry_run it changes nothing and reports what it would delete. The policy
    // is the office's stored one (setting `retention`); `unset` (the flags) only when it never set one.
    struct SweepReport {
        std::map<std::string, std::size_t> deleted;  // by record kind
        std::size_t facts = 0;                       // period facts recorded
        sync::RetentionPolicy policy;                // the policy applied (version 0: the flags)
    };
    SweepReport expire_outdated(const sync::RetentionPolicy& unset, bool dry_run = false);

    // A person's own records (alis/sync/personal_data.hpp), read from the in-memory state.
    nlohmann::json personal_data(const sync::DataSubject& who) const;
    // Deletes them at the person's request as tombstones (after recording the periods' anonymous
    // facts, as the expiry does), audited as deletions without their data; durable on return.
    // Returns how many records of each kind were deleted.
    // `by` and `why` go into the audit entries (the job that deletes an inactive account: "system").
    std::map<std::string, std::size_t> erase_personal_data(const sync::DataSubject& who, const std::string& by_role = "gp",
                                                           const std::string& why = "deleted at the owner's request",
                                                           const std::string& by = "");
    // The inactivity rule for a GP profile on today's state (alis/sync/inactive_profiles.hpp).
    sync::InactiveStep inactive_step(const std::string& doctor_id, const Date& last_login, const std::optional<Date>& warned_on,
                                     int months) const;

    // Every event that concerns some user today (alis/events.hpp, on the whole state).
    std::vector<events::Event> events() const;
    // The ids of the user's e-mail subscriptions (for one-click unsubscribe).
    std::vector<std::string> email_subscriptions(const std::string& user_id) const;

    // The evaluation figures for a window (alis/sync/evaluation.hpp) for the scope's part: the facts
    // the server keeps (sync/src/kept_facts.hpp) with the state's on top, and the organisations' names by id.
    sync::Evaluation evaluate(const sync::EvaluationWindow& window, const sync::EvaluationScope& scope = {}) const;
    std::map<std::string, std::string> organisation_names() const;

    // Documents (documents_api.cpp). The files whose records become tombstones (replaced, deleted,
    // or gone with the GP's data by any path) are removed once the tombstone is durable; at load,
    // files no record names (an upload cut short by a crash) are removed too. Set before load().
    void set_document_files(DocumentFiles* files);
    std::optional<Problem> may_upload_document(const Principal& who, const std::string& doctor_id, sync::DocumentKind kind) const;
    std::optional<Problem> may_read_documents(const Principal& who, const std::string& doctor_id) const;
    std::optional<sync::DocumentRecord> document(const std::string& id) const;
    // Stores the record when the caller still may (checked again under the exclusive lock), audited
    // and durable on return; a document it replaces is tombstoned and its file removed.
    std::optional<Problem> put_document(const Principal& who, const sync::DocumentRecord& document);
    // Rules "unknown_document" (field "id") and "not_allowed" (check_may_delete_document).
    std::optional<Problem> delete_document(const Principal& who, const std::string& id);

    std::size_t record_count() const;
    std::int64_t version() const;
    nlohmann::json catalogue() const;

    struct Impl;

private:
    void forget_received_rejections(const sync::Actor& actor, const sync::PullRequest& req);

    std::unique_ptr<Impl> impl_;
};

}  // namespace alis::server
