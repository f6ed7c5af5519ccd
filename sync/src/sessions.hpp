#pragma once
// Login sessions: a random token in an HttpOnly cookie, only its hash in the database; idle and
// absolute expiry. Resolved sessions are cached so a pull costs no database write; last_seen_at is
// written back at most once a minute.
#include <cstdint>
#include <deque>
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

// Failed logins, throttled so that they cannot be turned against the user (OWASP's authentication
// cheat sheet): by (account, address) and by address, never by account alone, so an attacker at one
// address cannot keep the account's owner at another address out.
//  - (account, address): 5 free tries within the window, then a wait of 2^n seconds (at most 15
//    minutes); even the right password waits, but only from that address.
//  - address: a ceiling of 100 failures within the window, then the same growing wait. Each account
//    adds at most its 5 free tries to its address's count, so one user mistyping (or one attacked
//    account) behind a hospital's NAT never blocks the others; 20 accounts failing do (spraying).
// A failure older than the window (15 minutes since the last one) is forgotten.
struct ThrottlePolicy {
    int free_tries = 5;         // per (account, address)
    int address_ceiling = 100;  // per address
    std::int64_t window_seconds = 15 * 60;
    std::int64_t max_wait_seconds = 15 * 60;
};

class LoginThrottle {
public:
    explicit LoginThrottle(const Clock& clock, ThrottlePolicy policy = {}) : clock_(clock), policy_(policy) {}
    std::int64_t retry_after(const std::string& username, const std::string& address);  // 0: may try now
    void failed(const std::string& username, const std::string& address);
    void succeeded(const std::string& username, const std::string& address);

private:
    struct Count {
        int failures = 0;
        std::int64_t last = 0;
    };
    std::int64_t wait_for(const Count& c, int free_tries, std::int64_t now) const;
    void forget_stale(std::int64_t now);

    const Clock& clock_;
    ThrottlePolicy policy_;
    std::mutex mutex_;
    std::map<std::string, Count> by_pair_;     // address + "\n" + username
    std::map<std::string, Count> by_address_;
};

// GP self-registration per client address: at most `per_hour` attempts in any hour (a sliding
// window); beyond that 429 with the seconds until the oldest attempt leaves the window.
class RegistrationLimit {
public:
    RegistrationLimit(const Clock& clock, int per_hour) : clock_(clock), per_hour_(per_hour) {}
    // 0 when `address` may register now (the attempt is counted); otherwise the seconds to wait.
    std::int64_t admit(const std::string& address);

private:
    const Clock& clock_;
    int per_hour_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::int64_t>> by_address_;
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
