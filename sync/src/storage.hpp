#pragma once
// Everything the server keeps, behind one interface: SQLite today (sqlite_storage.cpp); a PostgreSQL
// backend for a national rollout would implement the same calls. Every method is one transaction.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace alis::server {

struct UserRecord {
    std::string id;
    std::string username;       // stored lower case; unique
    std::string password_hash;  // libsodium's Argon2id string, with its own salt and parameters
    std::string role;           // gp | hospital | municipality | alis_office
    std::string organisation_id;
    std::string doctor_id;      // for a GP: the doctor profile this account owns
    std::string display_name;
    std::string email;
    std::string language = "nb";
    bool must_change_password = false;
    bool disabled = false;
    std::int64_t created_at = 0;
    // Inactivity (sync/src/inactivity.hpp): the day of the last successful log-in and of the last
    // inactivity warning, YYYY-MM-DD; "" when never (the rule then counts from the creation day).
    std::string last_login_on;
    std::string warned_on;
};

struct SessionRecord {
    std::string token_hash;  // hex BLAKE2b of the cookie's token; the token itself is never stored
    std::string user_id;
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string user_id;
    std::string role;
    std::string action;     // read | write | login | login_failed | logout | register | admin
    std::string kind;       // record kind, when about a record
    std::string record_id;
    std::string doctor_id;  // whose data, when it is a doctor's
    std::string detail;
};

// Audit entries past the policy's years, folded into counts without who or what (no user, record or
// doctor id, no detail): one row per month (YYYY-MM), role, action and record kind.
struct AuditCount {
    std::string month;
    std::string role;
    std::string action;
    std::string kind;
    std::int64_t count = 0;
};

struct AuditQuery {
    std::string user_id;
    std::string doctor_id;
    std::int64_t since = 0;
    int limit = 200;
};

// One stored sync record: what the sync core's state is rebuilt from.
struct StoredRecord {
    std::string kind;
    std::string id;
    std::int64_t version = 0;
    bool deleted = false;
    nlohmann::json body;
};

struct StoredRejection {
    std::string client_id;
    std::int64_t mutation_id = 0;
    std::int64_t version = 0;
    nlohmann::json body;  // mutation name, rule, message
};

struct StoredClient {
    std::string client_id;
    std::string user_id;
    std::int64_t last_mutation_id = 0;
    std::int64_t version = 0;
    nlohmann::json digests = nlohmann::json::object();  // mutation id -> digest (fork detection)
};

// What one push changed, written in one transaction; the push is acknowledged only after commit.
struct SyncWrite {
    std::vector<StoredRecord> records;
    std::vector<StoredClient> clients;
    std::vector<StoredRejection> rejections;
    std::vector<StoredRecord> purged;  // rows to delete (tombstones the core forgot)
    std::vector<StoredRejection> forgotten_rejections;  // rows to delete (the client has pulled them)
    std::vector<AuditEntry> audit;
    std::int64_t version = 0;  // the server's version after this write
    std::int64_t reset_version = 0;
};

// One notification: an event (alis/events.hpp) told to one user, stored once by its key.
struct NotificationRow {
    std::int64_t id = 0;
    std::string key;  // UNIQUE: the same event never makes two
    std::string user_id;
    std::string kind;
    std::string on;  // the event's date, YYYY-MM-DD
    std::int64_t created_at = 0;
    std::int64_t read_at = 0;  // 0: unread
    bool email = false;        // the user's e-mail subscription asks for it
    nlohmann::json body = nlohmann::json::object();  // the event's record ids
};

// One mail in the outbox: made once per notification (UNIQUE key), sent until the relay takes it.
struct OutboxRow {
    std::int64_t id = 0;
    std::string key;  // the notification's key
    std::string to;
    std::string subject;
    std::string body;
    std::string message_id;
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::int64_t sent_at = 0;  // 0: not yet
    std::string last_error;
    std::string unsubscribe_url;
};

struct SyncSnapshot {
    std::vector<StoredRecord> records;
    std::vector<StoredClient> clients;
    std::vector<StoredRejection> rejections;
    std::int64_t version = 0;
    std::int64_t reset_version = 0;
};

class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
class DuplicateError : public StorageError {
public:
    using StorageError::StorageError;
};

class Storage {
public:
    virtual ~Storage() = default;

    virtual std::string location() const = 0;
    virtual int schema_version() = 0;
    virtual std::string integrity_check() = 0;  // "ok" or the problems found
    virtual void backup_to(const std::string& path) = 0;

    virtual std::size_t count_users() = 0;
    virtual std::optional<UserRecord> user_by_username(const std::string& username) = 0;
    virtual std::optional<UserRecord> user_by_id(const std::string& id) = 0;
    virtual void insert_user(const UserRecord& user) = 0;  // DuplicateError when the username is taken
    virtual void set_password(const std::string& user_id, const std::string& hash, bool must_change) = 0;
    virtual void set_disabled(const std::string& user_id, bool disabled) = 0;
    virtual std::vector<UserRecord> users() = 0;  // every account, by username
    // A successful log-in on `day` (YYYY-MM-DD): the inactivity rule counts from it.
    virtual void record_login(const std::string& user_id, const std::string& day) = 0;
    // An inactivity warning on `day`, in one transaction with its notification (INSERT OR IGNORE by
    // its key, which names the deletion day), so a restart neither loses nor repeats the mail.
    virtual void record_inactivity_warning(const std::string& user_id, const std::string& day, const NotificationRow& n) = 0;

    virtual void insert_session(const SessionRecord& s) = 0;
    virtual std::optional<SessionRecord> session(const std::string& token_hash) = 0;
    virtual void touch_session(const std::string& token_hash, std::int64_t at) = 0;
    virtual void delete_session(const std::string& token_hash) = 0;
    virtual void delete_sessions_of(const std::string& user_id) = 0;
    virtual void delete_sessions_before(std::int64_t idle_before, std::int64_t created_before) = 0;

    virtual void append_audit(const std::vector<AuditEntry>& entries) = 0;
    virtual std::vector<AuditEntry> audit(const AuditQuery& q) = 0;
    // Folds the audit entries older than `before` (seconds) into the counts and deletes them, in one
    // transaction; returns how many (with dry_run only counts them).
    virtual std::size_t fold_audit(std::int64_t before, bool dry_run) = 0;
    virtual std::vector<AuditCount> audit_counts() = 0;

    // The durable body of a live sync record (e.g. kind "organisation"); nothing when absent or deleted.
    virtual std::optional<nlohmann::json> record_body(const std::string& kind, const std::string& id) = 0;
    virtual SyncSnapshot load_sync() = 0;
    // Several writes in order, in one transaction (group commit): all or none are stored.
    virtual void commit_sync(const std::vector<SyncWrite>& writes) = 0;

    // The evaluation's anonymous period facts (alis/sync/facts.hpp as JSON), one per period id,
    // replaced by a newer one; kept when the period is deleted.
    virtual void upsert_period_facts(const std::vector<nlohmann::json>& facts) = 0;
    virtual std::vector<nlohmann::json> period_facts() = 0;
    // The day the server first saw each doctor profile (doctor id -> "YYYY-MM-DD"; the first day
    // written stays), kept only while the profile exists (sync/src/kept_facts.hpp).
    virtual void note_registrations(const std::vector<std::string>& doctor_ids, const std::string& on) = 0;
    virtual std::map<std::string, std::string> registrations() = 0;
    // Keeps the anonymous facts of deleted doctors and offers (kind "doctor" | "offer", as
    // alis/sync/doctor_facts.hpp writes them) with no key, and forgets those doctors' registration
    // rows, in one transaction. departed_facts reads the kept ones of a kind.
    virtual void keep_departed_facts(const std::vector<std::pair<std::string, nlohmann::json>>& facts,
                                     const std::vector<std::string>& forget_doctor_ids) = 0;
    virtual std::vector<nlohmann::json> departed_facts(const std::string& kind) = 0;
    // After deletions: leaves no old copy of deleted data in the write-ahead log (and with `vacuum`
    // rewrites the file without free pages).
    virtual void compact(bool vacuum) = 0;

    // Stores the notifications whose key is new (INSERT OR IGNORE); returns how many were new.
    virtual std::size_t add_notifications(const std::vector<NotificationRow>& rows) = 0;
    // The user's newest `limit` notifications, and how many are unread.
    virtual std::vector<NotificationRow> notifications(const std::string& user_id, int limit) = 0;
    virtual std::size_t unread_notifications(const std::string& user_id) = 0;
    // Marks the user's notifications with these ids read (others' ids are ignored).
    virtual void mark_notifications_read(const std::string& user_id, const std::vector<std::int64_t>& ids, std::int64_t at) = 0;

    // Notifications an e-mail subscription asks for that have no mail in the outbox yet.
    virtual std::vector<NotificationRow> notifications_to_mail(int limit) = 0;
    // All of one user's notifications still to mail, oldest first (a digest takes every one of its
    // day's or week's, even past the bounded read above).
    virtual std::vector<NotificationRow> notifications_to_mail_of(const std::string& user_id) = 0;
    // Adds mails whose key is new (INSERT OR IGNORE); returns how many were new.
    virtual std::size_t add_mail(const std::vector<OutboxRow>& rows) = 0;
    virtual std::vector<OutboxRow> mail_due(std::int64_t now, int limit) = 0;
    virtual void mail_sent(std::int64_t id, std::int64_t at) = 0;
    virtual void mail_failed(std::int64_t id, int attempts, std::int64_t next_attempt_at, const std::string& error) = 0;

    // Retention of what the notification and mail jobs keep: notifications dated before `on_before`
    // (YYYY-MM-DD) and outbox rows sent or settled before `sent_before` whose notification goes too.
    // Counts them only when dry_run.
    struct NotificationExpiry {
        std::size_t notifications = 0, mails = 0;
    };
    virtual NotificationExpiry expire_notifications(const std::string& on_before, std::int64_t sent_before, bool dry_run) = 0;

    // A person's own data (GDPR art. 15, personal_data_api.cpp): the newest `limit` mails made for
    // the user's notifications.
    virtual std::vector<OutboxRow> mail_of(const std::string& user_id, int limit) = 0;
    // An account deleted at its owner's request (GDPR art. 17), in one transaction: the mails made
    // for the user's notifications (sent or not), the notifications, sessions, sync clients and their
    // rejections, and the account row; audit entries by the user keep their facts (who, when, what
    // kind, which record) but lose `detail`, which may hold the username or an address. False when
    // there was no such account.
    virtual bool forget_user(const std::string& user_id) = 0;

    // A server secret by name: the stored one, or `fresh` stored now when there is none.
    virtual std::string secret(const std::string& name, const std::string& fresh) = 0;
};

// Opens (creating when missing) the SQLite database `dir`/alis.sqlite3 and migrates its schema.
std::unique_ptr<Storage> open_sqlite_storage(const std::string& dir);

}  // namespace alis::server
