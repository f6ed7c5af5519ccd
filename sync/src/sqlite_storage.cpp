// SQLite behind the Storage interface. One connection guarded by a mutex: SQLite serialises writers
// anyway, and the hot read path (pull) is served from memory, not from here.
#include <sqlite3.h>

#include <filesystem>
#include <mutex>

#include "storage.hpp"

// A digest mail's key is digest/daily/YYYY-MM-DD/USER or digest/weekly/YYYY-Www/USER (outbox.cpp);
// no notification has it, so a person's mails are found by the user id at its fixed offset.
#define DIGEST_OF_USER \
    "((key LIKE 'digest/daily/%' AND substr(key, 25) = ?1) OR (key LIKE 'digest/weekly/%' AND substr(key, 24) = ?1))"

namespace alis::server {
namespace {

#define kSelectUser                                                                                       \
    "SELECT id, username, password_hash, role, organisation_id, doctor_id, display_name, email, language, " \
    "must_change_password, disabled, created_at, last_login_on, warned_on FROM users"

// Migrations by PRAGMA user_version: entry i moves the schema from version i to i + 1. Append only.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation_id TEXT NOT NULL DEFAULT '',
        doctor_id TEXT NOT NULL DEFAULT '',
        display_name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'nb',
        must_change_password INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        record_id TEXT NOT NULL DEFAULT '',
        doctor_id TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_doctor ON audit_log(doctor_id, at);
    CREATE INDEX audit_user ON audit_log(user_id, at);
    CREATE TABLE records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    );
    CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        last_mutation_id INTEGER NOT NULL,
        version INTEGER NOT NULL
    );
    CREATE TABLE rejections (
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
    );
    CREATE TABLE server_state (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    INSERT INTO server_state(key, value) VALUES ('version', 0), ('reset_version', 0);
    )sql",
    // Digests of each client's last processed mutations, so a forked client is refused (docs/sync-protocol.md).
    R"sql(
    ALTER TABLE clients ADD COLUMN digests TEXT NOT NULL DEFAULT '{}';
    )sql",
    // Anonymous facts for the scheme's evaluation, one row per period, kept after the period and the
    // doctors are deleted (alis/sync/facts.hpp): no column names a person.
    R"sql(
    CREATE TABLE period_facts (
        period_id TEXT PRIMARY KEY,
        hospital_id TEXT NOT NULL,
        department_id TEXT NOT NULL,
        specialty TEXT NOT NULL DEFAULT '',
        places INTEGER NOT NULL,
        published_on TEXT NOT NULL,
        outcome TEXT NOT NULL,
        matched_on TEXT,
        days_to_match INTEGER,
        municipality_id TEXT NOT NULL DEFAULT ''
    );
    )sql",
    // Notifications: one row per event and user, keyed by the event, so a job that runs again (after
    // a restart or a crash) never makes a second one (sync/src/notifications.hpp).
    R"sql(
    CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        on_date TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        read_at INTEGER NOT NULL DEFAULT 0,
        email INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX notifications_user ON notifications(user_id, id);
    )sql",
    // The mail outbox (sync/src/outbox.hpp): one mail per notification key, retried with backoff.
    R"sql(
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        to_addr TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        message_id TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        sent_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        unsubscribe_url TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);
    )sql",
    // Server secrets, e.g. the key that signs the mails' unsubscribe tokens (sync/src/unsubscribe.hpp).
    R"sql(
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    )sql",
    // Inactivity (sync/src/inactivity.hpp): each user's last log-in day and last warning day; an
    // existing file takes the last log-in its audit log shows. Audit entries past the policy's years
    // become counts with no column that names a person, a record or a doctor.
    R"sql(
    ALTER TABLE users ADD COLUMN last_login_on TEXT NOT NULL DEFAULT '';
    ALTER TABLE users ADD COLUMN warned_on TEXT NOT NULL DEFAULT '';
    UPDATE users SET last_login_on = coalesce((SELECT date(max(at), 'unixepoch') FROM audit_log a
                                              WHERE a.user_id = users.id AND a.action = 'login'), '');
    CREATE TABLE audit_counts (
        month TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (month, role, action, kind)
    );
    )sql",
    // The evaluation's facts about GPs and offers (alis/sync/doctor_facts.hpp, sync/src/kept_facts.hpp):
    // the periods' reason and length; the day each doctor profile was first seen, a row that goes
    // when the profile goes; and the facts of deleted doctors and offers, kept with no key at all.
    R"sql(
    ALTER TABLE period_facts ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE period_facts ADD COLUMN days INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE doctor_registrations (
        doctor_id TEXT PRIMARY KEY,
        registered_on TEXT NOT NULL
    );
    CREATE TABLE departed_facts (
        kind TEXT NOT NULL,
        body TEXT NOT NULL
    );
    )sql",
};

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            throw StorageError(std::string("prepare failed: ") + sqlite3_errmsg(db) + " in " + sql);
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    Statement& bind_null(int i) {
        sqlite3_bind_null(stmt_, i);
        return *this;
    }
    // True while there is a row.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        if (rc == SQLITE_CONSTRAINT) throw DuplicateError(sqlite3_errmsg(db_));
        throw StorageError(std::string("step failed: ") + sqlite3_errmsg(db_));
    }
    void run() {
        step();
        sqlite3_reset(stmt_);
    }
    std::string text(int col) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStorage final : public Storage {
public:
    explicit SqliteStorage(const std::string& dir) {
        std::filesystem::create_directories(dir);
        path_ = (std::filesystem::path(dir) / "alis.sqlite3").string();
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw StorageError("cannot open " + path_ + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 5000);
        // WAL lets readers (backup, check) run beside the writer; synchronous=FULL makes each commit
        // durable before we acknowledge a push.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        // Deleted personal data must not stay readable in the file: SQLite overwrites freed content.
        exec("PRAGMA secure_delete=ON");
        migrate();
    }
    ~SqliteStorage() override { sqlite3_close(db_); }

    std::string location() const override { return path_; }

    int schema_version() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "PRAGMA user_version");
        s.step();
        return static_cast<int>(s.integer(0));
    }

    std::string integrity_check() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "PRAGMA integrity_check");
        std::string out;
        while (s.step()) {
            if (!out.empty()) out += "; ";
            out += s.text(0);
        }
        return out;
    }

    void backup_to(const std::string& path) override {
        std::lock_guard lock(mutex_);
        sqlite3* dest = nullptr;
        if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
            std::string msg = dest ? sqlite3_errmsg(dest) : "out of memory";
            sqlite3_close(dest);
            throw StorageError("cannot open backup file " + path + ": " + msg);
        }
        sqlite3_backup* b = sqlite3_backup_init(dest, "main", db_, "main");
        if (!b) {
            std::string msg = sqlite3_errmsg(dest);
            sqlite3_close(dest);
            throw StorageError("backup failed: " + msg);
        }
        int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        std::string msg = sqlite3_errmsg(dest);
        sqlite3_close(dest);
        if (rc != SQLITE_DONE) throw StorageError("backup failed: " + msg);
    }

    std::size_t count_users() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT count(*) FROM users");
        s.step();
        return static_cast<std::size_t>(s.integer(0));
    }

    std::optional<UserRecord> user_by_username(const std::string& username) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, kSelectUser " WHERE username = ?1");
        s.bind(1, username);
        if (!s.step()) return std::nullopt;
        return read_user(s);
    }

    std::optional<UserRecord> user_by_id(const std::string& id) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, kSelectUser " WHERE id = ?1");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_user(s);
    }

    void insert_user(const UserRecord& u) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "INSERT INTO users(id, username, password_hash, role, organisation_id, doctor_id, display_name, "
                    "email, language, must_change_password, disabled, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        s.bind(1, u.id).bind(2, u.username).bind(3, u.password_hash).bind(4, u.role).bind(5, u.organisation_id);
        s.bind(6, u.doctor_id).bind(7, u.display_name).bind(8, u.email).bind(9, u.language);
        s.bind(10, std::int64_t{u.must_change_password}).bind(11, std::int64_t{u.disabled}).bind(12, u.created_at);
        s.run();
    }

    void set_password(const std::string& user_id, const std::string& hash, bool must_change) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1");
        s.bind(1, user_id).bind(2, hash).bind(3, std::int64_t{must_change});
        s.run();
        if (sqlite3_changes(db_) == 0) throw StorageError("no user with id " + user_id);
    }

    void set_disabled(const std::string& user_id, bool disabled) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE users SET disabled = ?2 WHERE id = ?1");
        s.bind(1, user_id).bind(2, std::int64_t{disabled});
        s.run();
        if (sqlite3_changes(db_) == 0) throw StorageError("no user with id " + user_id);
    }

    std::vector<UserRecord> users() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, kSelectUser " ORDER BY username");
        std::vector<UserRecord> out;
        while (s.step()) out.push_back(read_user(s));
        return out;
    }

    void record_login(const std::string& user_id, const std::string& day) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE users SET last_login_on = ?2 WHERE id = ?1");
        s.bind(1, user_id).bind(2, day);
        s.run();
    }

    void record_inactivity_warning(const std::string& user_id, const std::string& day, const NotificationRow& n) override {
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        {
            Statement s(db_, "UPDATE users SET warned_on = ?2 WHERE id = ?1");
            s.bind(1, user_id).bind(2, day);
            s.run();
        }
        // Read at once: it is a mail, not an alert the portal shows (whoever sees the portal has logged
        // in, which cancels the warning).
        Statement s(db_,
                    "INSERT OR IGNORE INTO notifications(key, user_id, kind, on_date, created_at, read_at, email, body) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1, ?6)");
        s.bind(1, n.key).bind(2, n.user_id).bind(3, n.kind).bind(4, n.on).bind(5, n.created_at).bind(6, n.body.dump());
        s.run();
        tx.commit();
    }

    void insert_session(const SessionRecord& r) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "INSERT INTO sessions(token_hash, user_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)");
        s.bind(1, r.token_hash).bind(2, r.user_id).bind(3, r.created_at).bind(4, r.last_seen_at);
        s.run();
    }

    std::optional<SessionRecord> session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?1");
        s.bind(1, token_hash);
        if (!s.step()) return std::nullopt;
        return SessionRecord{s.text(0), s.text(1), s.integer(2), s.integer(3)};
    }

    void touch_session(const std::string& token_hash, std::int64_t at) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1");
        s.bind(1, token_hash).bind(2, at);
        s.run();
    }

    void delete_session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        run_with("DELETE FROM sessions WHERE token_hash = ?1", token_hash);
    }

    void delete_sessions_of(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        run_with("DELETE FROM sessions WHERE user_id = ?1", user_id);
    }

    void delete_sessions_before(std::int64_t idle_before, std::int64_t created_before) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2");
        s.bind(1, idle_before).bind(2, created_before);
        s.run();
    }

    void append_audit(const std::vector<AuditEntry>& entries) override {
        if (entries.empty()) return;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        insert_audit(entries);
        tx.commit();
    }

    std::vector<AuditEntry> audit(const AuditQuery& q) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT id, at, user_id, role, action, kind, record_id, doctor_id, detail FROM audit_log "
                    "WHERE (?1 = '' OR user_id = ?1) AND (?2 = '' OR doctor_id = ?2) AND at >= ?3 "
                    "ORDER BY id DESC LIMIT ?4");
        s.bind(1, q.user_id).bind(2, q.doctor_id).bind(3, q.since).bind(4, std::int64_t{q.limit});
        std::vector<AuditEntry> out;
        while (s.step()) {
            out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                           s.text(7), s.text(8)});
        }
        return out;
    }

    std::size_t fold_audit(std::int64_t before, bool dry_run) override {
        std::lock_guard lock(mutex_);
        if (dry_run) {
            Statement s(db_, "SELECT count(*) FROM audit_log WHERE at < ?1");
            s.bind(1, before);
            s.step();
            return static_cast<std::size_t>(s.integer(0));
        }
        Transaction tx(*this);
        {
            // "WHERE true": SQLite's parser needs it before an upsert's ON CONFLICT after a SELECT.
            Statement s(db_,
                        "INSERT INTO audit_counts(month, role, action, kind, count) "
                        "SELECT strftime('%Y-%m', at, 'unixepoch'), role, action, kind, count(*) FROM audit_log "
                        "WHERE at < ?1 GROUP BY 1, 2, 3, 4 "
                        "ON CONFLICT(month, role, action, kind) DO UPDATE SET count = count + excluded.count");
            s.bind(1, before);
            s.run();
        }
        Statement d(db_, "DELETE FROM audit_log WHERE at < ?1 RETURNING id");
        d.bind(1, before);
        const std::size_t n = counted_or_deleted(d, false);
        tx.commit();
        return n;
    }

    std::vector<AuditCount> audit_counts() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT month, role, action, kind, count FROM audit_counts ORDER BY month, role, action, kind");
        std::vector<AuditCount> out;
        while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)});
        return out;
    }

    std::optional<nlohmann::json> record_body(const std::string& kind, const std::string& id) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT body FROM records WHERE kind = ?1 AND id = ?2 AND deleted = 0");
        s.bind(1, kind).bind(2, id);
        if (!s.step()) return std::nullopt;
        auto body = nlohmann::json::parse(s.text(0), nullptr, false);
        if (body.is_discarded()) return std::nullopt;
        return body;
    }

    SyncSnapshot load_sync() override {
        std::lock_guard lock(mutex_);
        SyncSnapshot snap;
        {
            Statement s(db_, "SELECT kind, id, version, deleted, body FROM records ORDER BY version");
            while (s.step()) {
                snap.records.push_back({s.text(0), s.text(1), s.integer(2), s.integer(3) != 0,
                                        nlohmann::json::parse(s.text(4), nullptr, false)});
            }
        }
        {
            Statement s(db_, "SELECT client_id, user_id, last_mutation_id, version, digests FROM clients");
            while (s.step()) {
                snap.clients.push_back({s.text(0), s.text(1), s.integer(2), s.integer(3),
                                        nlohmann::json::parse(s.text(4), nullptr, false)});
            }
        }
        {
            Statement s(db_, "SELECT client_id, mutation_id, version, body FROM rejections ORDER BY version");
            while (s.step()) {
                snap.rejections.push_back(
                    {s.text(0), s.integer(1), s.integer(2), nlohmann::json::parse(s.text(3), nullptr, false)});
            }
        }
        {
            Statement s(db_, "SELECT key, value FROM server_state");
            while (s.step()) {
                if (s.text(0) == "version") snap.version = s.integer(1);
                if (s.text(0) == "reset_version") snap.reset_version = s.integer(1);
            }
        }
        return snap;
    }

    void commit_sync(const std::vector<SyncWrite>& writes) override {
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        for (const auto& w : writes) write_sync(w);
        tx.commit();
    }

    void upsert_period_facts(const std::vector<nlohmann::json>& facts) override {
        if (facts.empty()) return;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement s(db_,
                    "INSERT INTO period_facts(period_id, hospital_id, department_id, specialty, places, published_on, "
                    "outcome, matched_on, days_to_match, municipality_id, reason, days) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                    "ON CONFLICT(period_id) DO UPDATE SET hospital_id = excluded.hospital_id, "
                    "department_id = excluded.department_id, specialty = excluded.specialty, places = excluded.places, "
                    "published_on = excluded.published_on, outcome = excluded.outcome, matched_on = excluded.matched_on, "
                    "days_to_match = excluded.days_to_match, municipality_id = excluded.municipality_id, "
                    "reason = excluded.reason, days = excluded.days");
        for (const auto& f : facts) {
            s.bind(1, f.value("period_id", "")).bind(2, f.value("hospital_id", "")).bind(3, f.value("department_id", ""));
            s.bind(4, f.value("specialty", "")).bind(5, f.value("places", std::int64_t{1})).bind(6, f.value("published_on", ""));
            s.bind(7, f.value("outcome", ""));
            if (f.contains("matched_on") && f["matched_on"].is_string()) s.bind(8, f["matched_on"].get<std::string>()); else s.bind_null(8);
            if (f.contains("days_to_match") && f["days_to_match"].is_number_integer()) s.bind(9, f["days_to_match"].get<std::int64_t>()); else s.bind_null(9);
            s.bind(10, f.value("municipality_id", ""));
            s.bind(11, f.value("reason", "")).bind(12, f.value("days", std::int64_t{0}));
            s.run();
        }
        tx.commit();
    }

    std::vector<nlohmann::json> period_facts() override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT period_id, hospital_id, department_id, specialty, places, published_on, outcome, matched_on, "
                    "days_to_match, municipality_id, reason, days FROM period_facts ORDER BY period_id");
        std::vector<nlohmann::json> out;
        while (s.step()) {
            out.push_back({{"period_id", s.text(0)}, {"hospital_id", s.text(1)}, {"department_id", s.text(2)},
                           {"specialty", s.text(3)}, {"places", s.integer(4)}, {"published_on", s.text(5)},
                           {"outcome", s.text(6)}, {"matched_on", s.is_null(7) ? nlohmann::json(nullptr) : nlohmann::json(s.text(7))},
                           {"days_to_match", s.is_null(8) ? nlohmann::json(nullptr) : nlohmann::json(s.integer(8))},
                           {"municipality_id", s.text(9)}, {"reason", s.text(10)}, {"days", s.integer(11)}});
        }
        return out;
    }

    void note_registrations(const std::vector<std::string>& doctor_ids, const std::string& on) override {
        if (doctor_ids.empty()) return;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement s(db_, "INSERT OR IGNORE INTO doctor_registrations(doctor_id, registered_on) VALUES (?1, ?2)");
        for (const auto& id : doctor_ids) {
            s.bind(1, id).bind(2, on);
            s.run();
        }
        tx.commit();
    }

    std::map<std::string, std::string> registrations() override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT doctor_id, registered_on FROM doctor_registrations");
        std::map<std::string, std::string> out;
        while (s.step()) out[s.text(0)] = s.text(1);
        return out;
    }

    void keep_departed_facts(const std::vector<std::pair<std::string, nlohmann::json>>& facts,
                             const std::vector<std::string>& forget_doctor_ids) override {
        if (facts.empty() && forget_doctor_ids.empty()) return;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement keep(db_, "INSERT INTO departed_facts(kind, body) VALUES (?1, ?2)");
        for (const auto& [kind, body] : facts) {
            keep.bind(1, kind).bind(2, body.dump());
            keep.run();
        }
        Statement forget(db_, "DELETE FROM doctor_registrations WHERE doctor_id = ?1");
        for (const auto& id : forget_doctor_ids) {
            forget.bind(1, id);
            forget.run();
        }
        tx.commit();
    }

    std::vector<nlohmann::json> departed_facts(const std::string& kind) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT body FROM departed_facts WHERE kind = ?1");
        s.bind(1, kind);
        std::vector<nlohmann::json> out;
        while (s.step()) out.push_back(nlohmann::json::parse(s.text(0), nullptr, false));
        return out;
    }

    void compact(bool vacuum) override {
        std::lock_guard lock(mutex_);
        // The write-ahead log still holds the pages as they were before the deletion: fold it into the
        // database (secure_delete zeroes freed content there) and truncate it; VACUUM rewrites the file.
        if (vacuum) exec("VACUUM");
        exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    std::size_t add_notifications(const std::vector<NotificationRow>& rows) override {
        if (rows.empty()) return 0;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement s(db_,
                    "INSERT OR IGNORE INTO notifications(key, user_id, kind, on_date, created_at, email, body) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        std::size_t added = 0;
        for (const auto& r : rows) {
            s.bind(1, r.key).bind(2, r.user_id).bind(3, r.kind).bind(4, r.on).bind(5, r.created_at);
            s.bind(6, std::int64_t{r.email}).bind(7, r.body.dump());
            s.run();
            added += static_cast<std::size_t>(sqlite3_changes(db_));
        }
        tx.commit();
        return added;
    }

    std::vector<NotificationRow> notifications(const std::string& user_id, int limit) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT id, key, user_id, kind, on_date, created_at, read_at, email, body FROM notifications "
                    "WHERE user_id = ?1 ORDER BY on_date DESC, id DESC LIMIT ?2");
        s.bind(1, user_id).bind(2, std::int64_t{limit});
        std::vector<NotificationRow> out;
        while (s.step()) {
            auto body = nlohmann::json::parse(s.text(8), nullptr, false);
            out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.integer(6),
                           s.integer(7) != 0, body.is_discarded() ? nlohmann::json::object() : body});
        }
        return out;
    }

    std::size_t unread_notifications(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at = 0");
        s.bind(1, user_id);
        s.step();
        return static_cast<std::size_t>(s.integer(0));
    }

    void mark_notifications_read(const std::string& user_id, const std::vector<std::int64_t>& ids, std::int64_t at) override {
        if (ids.empty()) return;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement s(db_, "UPDATE notifications SET read_at = ?3 WHERE user_id = ?1 AND id = ?2 AND read_at = 0");
        for (auto id : ids) {
            s.bind(1, user_id).bind(2, id).bind(3, at);
            s.run();
        }
        tx.commit();
    }

    std::vector<NotificationRow> notifications_to_mail(int limit) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT n.id, n.key, n.user_id, n.kind, n.on_date, n.created_at, n.read_at, n.email, n.body "
                    "FROM notifications n WHERE n.email = 1 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.key = n.key) "
                    "ORDER BY n.id LIMIT ?1");
        s.bind(1, std::int64_t{limit});
        return notification_rows(s);
    }

    std::vector<NotificationRow> notifications_to_mail_of(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT n.id, n.key, n.user_id, n.kind, n.on_date, n.created_at, n.read_at, n.email, n.body "
                    "FROM notifications n WHERE n.email = 1 AND n.user_id = ?1 "
                    "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.key = n.key) ORDER BY n.id");
        s.bind(1, user_id);
        return notification_rows(s);
    }

    static std::vector<NotificationRow> notification_rows(Statement& s) {
        std::vector<NotificationRow> out;
        while (s.step()) {
            auto body = nlohmann::json::parse(s.text(8), nullptr, false);
            out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.integer(6),
                           s.integer(7) != 0, body.is_discarded() ? nlohmann::json::object() : body});
        }
        return out;
    }

    std::size_t add_mail(const std::vector<OutboxRow>& rows) override {
        if (rows.empty()) return 0;
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        Statement s(db_,
                    "INSERT OR IGNORE INTO outbox(key, to_addr, subject, body, message_id, next_attempt_at, unsubscribe_url, sent_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        std::size_t added = 0;
        for (const auto& r : rows) {
            s.bind(1, r.key).bind(2, r.to).bind(3, r.subject).bind(4, r.body).bind(5, r.message_id).bind(6, r.next_attempt_at);
            s.bind(7, r.unsubscribe_url).bind(8, r.sent_at);  // sent_at: a digest's line, settled with it
            s.run();
            added += static_cast<std::size_t>(sqlite3_changes(db_));
        }
        tx.commit();
        return added;
    }

    std::vector<OutboxRow> mail_due(std::int64_t now, int limit) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT id, key, to_addr, subject, body, message_id, attempts, next_attempt_at, sent_at, last_error, unsubscribe_url "
                    "FROM outbox WHERE sent_at = 0 AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2");
        s.bind(1, now).bind(2, std::int64_t{limit});
        std::vector<OutboxRow> out;
        while (s.step()) {
            out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), static_cast<int>(s.integer(6)),
                           s.integer(7), s.integer(8), s.text(9), s.text(10)});
        }
        return out;
    }

    void mail_sent(std::int64_t id, std::int64_t at) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE outbox SET sent_at = ?2, last_error = '' WHERE id = ?1");
        s.bind(1, id).bind(2, at);
        s.run();
    }

    void mail_failed(std::int64_t id, int attempts, std::int64_t next_attempt_at, const std::string& error) override {
        std::lock_guard lock(mutex_);
        Statement s(db_, "UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 WHERE id = ?1");
        s.bind(1, id).bind(2, std::int64_t{attempts}).bind(3, next_attempt_at).bind(4, error);
        s.run();
    }

    NotificationExpiry expire_notifications(const std::string& on_before, std::int64_t sent_before, bool dry_run) override {
        std::lock_guard lock(mutex_);
        NotificationExpiry out;
        Transaction tx(*this);
        {
            Statement s(db_, dry_run ? "SELECT count(*) FROM notifications WHERE on_date < ?1"
                                     : "DELETE FROM notifications WHERE on_date < ?1 RETURNING id");
            s.bind(1, on_before);
            out.notifications = counted_or_deleted(s, dry_run);
        }
        {
            Statement s(db_, dry_run ? "SELECT count(*) FROM outbox WHERE sent_at != 0 AND sent_at < ?1 AND NOT EXISTS "
                                       "(SELECT 1 FROM notifications n WHERE n.key = outbox.key AND n.on_date >= ?2)"
                                     : "DELETE FROM outbox WHERE sent_at != 0 AND sent_at < ?1 AND NOT EXISTS "
                                       "(SELECT 1 FROM notifications n WHERE n.key = outbox.key AND n.on_date >= ?2) RETURNING id");
            // A mail goes only with its notification (else the mail job would make it again).
            s.bind(1, sent_before).bind(2, on_before);
            out.mails = counted_or_deleted(s, dry_run);
        }
        tx.commit();
        return out;
    }

    std::vector<OutboxRow> mail_of(const std::string& user_id, int limit) override {
        std::lock_guard lock(mutex_);
        Statement s(db_,
                    "SELECT id, key, to_addr, subject, body, message_id, attempts, next_attempt_at, sent_at, last_error, unsubscribe_url "
                    "FROM outbox WHERE key IN (SELECT key FROM notifications WHERE user_id = ?1) OR " DIGEST_OF_USER
                    " ORDER BY id DESC LIMIT ?2");
        s.bind(1, user_id).bind(2, std::int64_t{limit});
        std::vector<OutboxRow> out;
        while (s.step()) {
            out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), static_cast<int>(s.integer(6)),
                           s.integer(7), s.integer(8), s.text(9), s.text(10)});
        }
        return out;
    }

    bool forget_user(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        Transaction tx(*this);
        // Mails first: they are found through the notifications they were made for.
        static const char* const steps[] = {
            "DELETE FROM outbox WHERE key IN (SELECT key FROM notifications WHERE user_id = ?1) OR " DIGEST_OF_USER,
            "DELETE FROM notifications WHERE user_id = ?1",
            "DELETE FROM sessions WHERE user_id = ?1",
            "DELETE FROM rejections WHERE client_id IN (SELECT client_id FROM clients WHERE user_id = ?1)",
            "DELETE FROM clients WHERE user_id = ?1",
            "UPDATE audit_log SET detail = '' WHERE user_id = ?1",
        };
        for (const char* sql : steps) run_with(sql, user_id);
        const bool existed = run_with("DELETE FROM users WHERE id = ?1", user_id) > 0;
        tx.commit();
        return existed;
    }

    std::string secret(const std::string& name, const std::string& fresh) override {
        std::lock_guard lock(mutex_);
        {
            Statement s(db_, "INSERT OR IGNORE INTO secrets(name, value) VALUES (?1, ?2)");
            s.bind(1, name).bind(2, fresh);
            s.run();
        }
        Statement s(db_, "SELECT value FROM secrets WHERE name = ?1");
        s.bind(1, name);
        s.step();
        return s.text(0);
    }

private:
    // Runs a statement whose one parameter ?1 is the given key; returns how many rows it changed.
    std::size_t run_with(const char* sql, const std::string& key) {
        Statement s(db_, sql);
        s.bind(1, key);
        s.run();
        return static_cast<std::size_t>(sqlite3_changes(db_));
    }

    // A dry run's statement counts (one row, one column); a real one deletes RETURNING a row for each.
    static std::size_t counted_or_deleted(Statement& s, bool dry_run) {
        if (dry_run) return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
        std::size_t n = 0;
        while (s.step()) ++n;
        return n;
    }

    void write_sync(const SyncWrite& w) {
        {
            Statement s(db_,
                        "INSERT INTO records(kind, id, version, deleted, body) VALUES (?1, ?2, ?3, ?4, ?5) "
                        "ON CONFLICT(kind, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, "
                        "body = excluded.body");
            for (const auto& r : w.records) {
                s.bind(1, r.kind).bind(2, r.id).bind(3, r.version).bind(4, std::int64_t{r.deleted}).bind(5, r.body.dump());
                s.run();
            }
        }
        {
            Statement s(db_,
                        "INSERT INTO clients(client_id, user_id, last_mutation_id, version, digests) "
                        "VALUES (?1, ?2, ?3, ?4, ?5) "
                        "ON CONFLICT(client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, "
                        "version = excluded.version, digests = excluded.digests");
            for (const auto& c : w.clients) {
                s.bind(1, c.client_id).bind(2, c.user_id).bind(3, c.last_mutation_id).bind(4, c.version)
                    .bind(5, c.digests.dump());
                s.run();
            }
        }
        {
            Statement s(db_,
                        "INSERT OR REPLACE INTO rejections(client_id, mutation_id, version, body) VALUES (?1, ?2, ?3, ?4)");
            for (const auto& r : w.rejections) {
                s.bind(1, r.client_id).bind(2, r.mutation_id).bind(3, r.version).bind(4, r.body.dump());
                s.run();
            }
        }
        {
            Statement s(db_, "UPDATE server_state SET value = ?2 WHERE key = ?1 AND value < ?2");
            s.bind(1, std::string("version")).bind(2, w.version);
            s.run();
            s.bind(1, std::string("reset_version")).bind(2, w.reset_version);
            s.run();
        }
        {
            Statement s(db_, "DELETE FROM records WHERE kind = ?1 AND id = ?2");
            for (const auto& r : w.purged) {
                s.bind(1, r.kind).bind(2, r.id);
                s.run();
            }
        }
        {
            Statement s(db_, "DELETE FROM rejections WHERE client_id = ?1 AND mutation_id = ?2");
            for (const auto& r : w.forgotten_rejections) {
                s.bind(1, r.client_id).bind(2, r.mutation_id);
                s.run();
            }
        }
        insert_audit(w.audit);
    }

    static UserRecord read_user(const Statement& s) {
        UserRecord u;
        u.id = s.text(0);
        u.username = s.text(1);
        u.password_hash = s.text(2);
        u.role = s.text(3);
        u.organisation_id = s.text(4);
        u.doctor_id = s.text(5);
        u.display_name = s.text(6);
        u.email = s.text(7);
        u.language = s.text(8);
        u.must_change_password = s.integer(9) != 0;
        u.disabled = s.integer(10) != 0;
        u.created_at = s.integer(11);
        u.last_login_on = s.text(12);
        u.warned_on = s.text(13);
        return u;
    }

    // BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails half way on a
    // lock upgrade; the destructor rolls back unless commit() ran.
    class Transaction {
    public:
        explicit Transaction(SqliteStorage& st) : st_(st) { st_.exec("BEGIN IMMEDIATE"); }
        ~Transaction() {
            if (!done_) sqlite3_exec(st_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        void commit() {
            st_.exec("COMMIT");
            done_ = true;
        }

    private:
        SqliteStorage& st_;
        bool done_ = false;
    };

    void insert_audit(const std::vector<AuditEntry>& entries) {
        if (entries.empty()) return;
        Statement s(db_,
                    "INSERT INTO audit_log(at, user_id, role, action, kind, record_id, doctor_id, detail) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& e : entries) {
            s.bind(1, e.at).bind(2, e.user_id).bind(3, e.role).bind(4, e.action).bind(5, e.kind);
            s.bind(6, e.record_id).bind(7, e.doctor_id).bind(8, e.detail);
            s.run();
        }
    }

    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw StorageError(std::string("'") + sql + "' failed: " + msg);
        }
    }

    void migrate() {
        int version = 0;
        {
            Statement s(db_, "PRAGMA user_version");
            s.step();
            version = static_cast<int>(s.integer(0));
        }
        const int target = static_cast<int>(std::size(kMigrations));
        if (version > target) {
            throw StorageError(path_ + " has schema version " + std::to_string(version) +
                               ", newer than this server knows (" + std::to_string(target) + ")");
        }
        for (; version < target; ++version) {
            Transaction tx(*this);
            exec(kMigrations[version]);
            exec(("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
            tx.commit();
        }
    }

    std::string path_;
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Storage> open_sqlite_storage(const std::string& dir) { return std::make_unique<SqliteStorage>(dir); }

}  // namespace alis::server
