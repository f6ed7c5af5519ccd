#pragma once
// Login sessions: a random token in an HttpOnly cookie, only its hash in the database; idle and
// absolute expiry. Resolved sessions are cached so a pull costs no database write; last_seen_at is
// written back at most once a minute.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "clock.hpp"
#include "storage.hpp"

namespace alis::server {

inline constexpr const char* kSessionCookie = "alis_session";

struct SessionPolicy {
    std::int64_t idle_seconds = 2 * 3600;
    std::int64_t absolute_seconds = 12 * 3600;
    bool secure_cookie = false;  // add Secure: behind an HTTPS reverse proxy
};

class Sessions {
public:
    Sessions(Storage& storage, const Clock& clock, SessionPolicy policy);

    std::string create(const UserRecord& user);  // returns the token for the cookie
    // The user of a live session; nothing when the token is unknown, expired or the user disabled.
    std::optional<UserRecord> resolve(const std::string& token);
    void end(const std::string& token);
    void end_all_of(const std::string& user_id);
    void sweep();  // forgets expired sessions (job runner)

    std::string set_cookie(const std::string& token) const;
    static std::string clear_cookie();

private:
    struct Cached {
        SessionRecord record;
        UserRecord user;
        std::int64_t persisted_seen = 0;
    };
    bool expired(const SessionRecord& r, std::int64_t now) const;

    Storage& storage_;
    const Clock& clock_;
    SessionPolicy policy_;
    std::mutex mutex_;
    std::map<std::string, Cached> cache_;  // by token hash
};

// Failed logins per username and per client address: a few free tries, then an exponentially
// growing wait (capped), so guessing passwords online is slow without locking users out for long.
class LoginThrottle {
public:
    explicit LoginThrottle(const Clock& clock) : clock_(clock) {}
    std::int64_t retry_after(const std::string& username, const std::string& ip);  // 0: may try now
    void failed(const std::string& username, const std::string& ip);
    void succeeded(const std::string& username);

private:
    struct Count {
        int failures = 0;
        std::int64_t last = 0;
    };
    std::int64_t wait_for(const Count& c, int free_tries, std::int64_t now) const;

    const Clock& clock_;
    std::mutex mutex_;
    std::map<std::string, Count> by_user_;
    std::map<std::string, Count> by_ip_;
};

// The audit log of reads and writes of doctor data. Writes that come with a push are stored in the
// push's own transaction; reads are buffered here and flushed about once a second in one transaction,
// so pulls do not each wait for an fsync.
class AuditLog {
public:
    AuditLog(Storage& storage, const Clock& clock) : storage_(storage), clock_(clock) {}
    void record(AuditEntry entry);  // stamps `at`
    void flush();

private:
    Storage& storage_;
    const Clock& clock_;
    std::mutex mutex_;
    std::vector<AuditEntry> pending_;
};

}  // namespace alis::server
