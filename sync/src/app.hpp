#pragma once
// The application behind the HTTP front end: routes each request, checks same-origin rules and the
// session, and answers. Holds the server's parts; it knows nothing of sockets.
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "clock.hpp"
#include "documents.hpp"
#include "http_types.hpp"
#include "password_pool.hpp"
#include "sessions.hpp"
#include "static_files.hpp"
#include "storage.hpp"
#include "sync_service.hpp"

namespace alis::server {

// Log-in, registration and password hashing limits (docs/sync-server.md, "Security choices").
struct AccountOptions {
    // Peers whose X-Forwarded-For is believed: its last hop is then the client's address. Empty: the
    // TCP peer is the client (X-Forwarded-For ignored).
    std::set<std::string> trusted_proxies;
    int hash_threads = 1;         // Argon2id threads (PasswordPool)
    int hash_queue = 6;           // hashes waiting beyond them; then 503 busy
    int register_per_hour = 20;   // GP registrations per client address
    ThrottlePolicy throttle;
};

struct AppOptions {
    std::string data_dir = "./data";
    std::string web_root;
    // Origins allowed to make state-changing calls (origins.hpp); empty: the listen address's own,
    // set with App::set_listen_address once the port is bound.
    std::vector<std::string> public_origins;
    bool test_clock = false;  // enables POST /api/test/clock and /api/test/run-jobs
    SessionPolicy sessions;
    std::size_t body_limit = 4u << 20;  // --body-limit: the largest push body (request_limits.hpp)
    PushPolicy push;
    AccountOptions accounts;
    sync::RetentionPolicy retention;  // --keep-struck-days, --keep-periods-months: until the office sets its own
    int keep_notification_days = 365;  // --keep-notifications-days
};

class App {
public:
    // Opens storage (creating and migrating it) and rebuilds the sync state from it.
    App(AppOptions options, std::unique_ptr<Storage> storage, std::unique_ptr<Clock> clock);

    Response handle(const Request& req);
    // HttpOptions::screen_head: asked once a request's header is read, before its body. A body that
    // may be large (the push, the upload: request_limits.hpp's needs_session_before_body) is read only
    // for a live session; without one the answer is handle()'s own 401, at once. A caller with a
    // session, and every other path, goes on to handle(), which checks everything as before.
    std::optional<Response> screen_head(const Request& head);
    // The address the server listens on; its origins are allowed when no public origin is configured.
    void set_listen_address(const std::string& host, unsigned short port);
    const std::vector<std::string>& allowed_origins() const { return allowed_origins_; }
    const StaticFiles& files() const { return files_; }

    Storage& storage() { return *storage_; }
    Clock& clock() { return *clock_; }
    SyncService& sync() { return sync_; }
    DocumentFiles& documents() { return documents_; }
    Sessions& sessions() { return sessions_; }
    AuditLog& audit() { return audit_; }
    PasswordPool& password_pool() { return password_pool_; }
    const AppOptions& options() const { return options_; }
    void run_jobs_now();  // what the job runner does each tick; also /api/test/run-jobs
    // The daily expiry (SyncService::expire_outdated with options.retention): runs when the day has
    // changed since its last run (or never ran); nothing when it already ran today.
    std::optional<SyncService::SweepReport> expire_daily();

private:
    std::mutex expiry_mutex_;
    std::optional<Date> expired_on_;

    Response route_api(const Request& req);
    // The client's address: the TCP peer, or the last X-Forwarded-For hop when the peer is a
    // trusted proxy (accounts.cpp).
    std::string client_address(const Request& req) const;
    // `content_type`: what the body must be (JSON everywhere; a PDF for the document upload).
    std::optional<Response> check_state_changing(const Request& req, const std::string& content_type = "application/json") const;
    std::optional<UserRecord> current_user(const Request& req);
    // Anonymous callers learn only whether the server is up; the ALIS office sees the details.
    Response health(const Request& req);
    Response login(const Request& req, const nlohmann::json& body);
    Response logout(const Request& req);
    Response me(const Request& req);
    Response register_gp(const Request& req, const nlohmann::json& body);
    Response change_password(const Request& req, const nlohmann::json& body);
    // The office's user administration (accounts.cpp): list, create with a one-time password, reset,
    // disable and enable. `office` is the caller, already checked to be an active ALIS office account.
    Response list_users(const UserRecord& office);
    Response create_user(const Request& req, const UserRecord& office, const nlohmann::json& body);
    Response reset_user_password(const UserRecord& office, const nlohmann::json& body);
    Response set_user_disabled(const UserRecord& office, const nlohmann::json& body, bool disabled);
    // The caller of an office-only endpoint, or the refusal: 401 without a session, 403 for another
    // role or while the caller must still choose their own password.
    std::variant<UserRecord, Response> office_caller(const Request& req, const Text& what);
    Response audit_query(const Request& req);
    Response test_clock(const nlohmann::json& body);

    AppOptions options_;
    std::unique_ptr<Storage> storage_;
    std::unique_ptr<Clock> clock_;
    AuditLog audit_;
    Sessions sessions_;
    LoginThrottle throttle_;
    RegistrationLimit registrations_;
    PasswordPool password_pool_;
    SyncService sync_;
    StaticFiles files_;
    DocumentFiles documents_;  // <data>/documents
    std::vector<std::string> allowed_origins_;
};

// Public fields of an account, as /api/login and /api/me return them.
nlohmann::json public_user(const UserRecord& u);
// The 403 for a user who logged in with a one-time password and has not chosen their own yet.
Response password_change_required();

// The sync core refused the account's public record (e.g. an unknown organisation).
struct AccountRefused : std::runtime_error {
    AccountRefused(nlohmann::json p) : std::runtime_error("the user record was refused: " + p.dump()), problems(std::move(p)) {}
    nlohmann::json problems;
};

// Creates an account: the Argon2id hash, the row in storage, and the public user record in the sync
// state (put_user) so replicas see it. Throws DuplicateError when the username is taken.
UserRecord create_account(Storage& storage, SyncService& sync, const Clock& clock, UserRecord user,
                          const std::string& password);
// The same with `user.password_hash` already made (on the hashing pool).
UserRecord create_account_hashed(Storage& storage, SyncService& sync, const Clock& clock, UserRecord user);

}  // namespace alis::server
