#include "sessions.hpp"

#include <algorithm>

#include "crypto.hpp"

namespace alis::server {

Sessions::Sessions(Storage& storage, const Clock& clock, SessionPolicy policy)
    : storage_(storage), clock_(clock), policy_(policy) {}

std::string Sessions::create(const UserRecord& user) {
    std::string token = random_token();
    std::int64_t now = clock_.now();
    SessionRecord r{token_hash(token), user.id, now, now};
    storage_.insert_session(r);
    std::lock_guard lock(mutex_);
    cache_[r.token_hash] = Cached{r, user, now};
    return token;
}

bool Sessions::expired(const SessionRecord& r, std::int64_t now) const {
    return now - r.last_seen_at > policy_.idle_seconds || now - r.created_at > policy_.absolute_seconds;
}

std::optional<UserRecord> Sessions::resolve(const std::string& token) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    std::string hash = token_hash(token);
    std::int64_t now = clock_.now();
    std::unique_lock lock(mutex_);
    auto it = cache_.find(hash);
    if (it == cache_.end()) {
        lock.unlock();
        auto rec = storage_.session(hash);
        if (!rec) return std::nullopt;
        auto user = storage_.user_by_id(rec->user_id);
        if (!user) return std::nullopt;
        lock.lock();
        it = cache_.insert_or_assign(hash, Cached{*rec, *user, rec->last_seen_at}).first;
    }
    Cached& c = it->second;
    if (expired(c.record, now) || c.user.disabled) {
        cache_.erase(it);
        lock.unlock();
        storage_.delete_session(hash);
        return std::nullopt;
    }
    c.record.last_seen_at = now;
    UserRecord user = c.user;
    bool write_back = now - c.persisted_seen >= 60;
    if (write_back) c.persisted_seen = now;
    lock.unlock();
    if (write_back) storage_.touch_session(hash, now);
    return user;
}

void Sessions::end(const std::string& token) {
    std::string hash = token_hash(token);
    {
        std::lock_guard lock(mutex_);
        cache_.erase(hash);
    }
    storage_.delete_session(hash);
}

void Sessions::end_all_of(const std::string& user_id) {
    {
        std::lock_guard lock(mutex_);
        std::erase_if(cache_, [&](const auto& kv) { return kv.second.user.id == user_id; });
    }
    storage_.delete_sessions_of(user_id);
}

void Sessions::sweep() {
    std::int64_t now = clock_.now();
    {
        std::lock_guard lock(mutex_);
        std::erase_if(cache_, [&](const auto& kv) { return expired(kv.second.record, now); });
    }
    storage_.delete_sessions_before(now - policy_.idle_seconds, now - policy_.absolute_seconds);
}

std::string Sessions::set_cookie(const std::string& token) const {
    return std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
           std::to_string(policy_.absolute_seconds) + (policy_.secure_cookie ? "; Secure" : "");
}

std::string Sessions::clear_cookie() {
    return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
}

// ---- throttle

std::int64_t LoginThrottle::wait_for(const Count& c, int free_tries, std::int64_t now) const {
    if (c.failures < free_tries || now - c.last > policy_.window_seconds) return 0;
    int extra = std::min(c.failures - free_tries, 20);
    std::int64_t wait = std::min<std::int64_t>(policy_.max_wait_seconds, std::int64_t{1} << extra);
    return std::max<std::int64_t>(0, c.last + wait - now);
}

std::int64_t LoginThrottle::retry_after(const std::string& username, const std::string& address) {
    std::int64_t now = clock_.now();
    std::lock_guard lock(mutex_);
    std::int64_t w = 0;
    if (auto it = by_pair_.find(address + "\n" + username); it != by_pair_.end()) {
        w = std::max(w, wait_for(it->second, policy_.free_tries, now));
    }
    if (auto it = by_address_.find(address); it != by_address_.end()) {
        w = std::max(w, wait_for(it->second, policy_.address_ceiling, now));
    }
    return w;
}

void LoginThrottle::failed(const std::string& username, const std::string& address) {
    std::int64_t now = clock_.now();
    std::lock_guard lock(mutex_);
    auto bump = [&](Count& c) {
        if (now - c.last > policy_.window_seconds) c.failures = 0;
        ++c.failures;
        c.last = now;
    };
    Count& pair = by_pair_[address + "\n" + username];
    bump(pair);
    // One account adds at most its free tries to its address: its own wait already slows it down.
    if (pair.failures <= policy_.free_tries) bump(by_address_[address]);
    forget_stale(now);
}

void LoginThrottle::succeeded(const std::string& username, const std::string& address) {
    std::lock_guard lock(mutex_);
    by_pair_.erase(address + "\n" + username);
}

void LoginThrottle::forget_stale(std::int64_t now) {
    // Bounds memory under a spray of usernames or addresses: entries past the window mean nothing.
    auto stale = [&](const auto& kv) { return now - kv.second.last > policy_.window_seconds; };
    if (by_pair_.size() > 100000) std::erase_if(by_pair_, stale);
    if (by_address_.size() > 100000) std::erase_if(by_address_, stale);
}

std::int64_t RegistrationLimit::admit(const std::string& address) {
    constexpr std::int64_t kHour = 3600;
    std::int64_t now = clock_.now();
    std::lock_guard lock(mutex_);
    auto& times = by_address_[address];
    while (!times.empty() && now - times.front() >= kHour) times.pop_front();
    if (static_cast<int>(times.size()) >= per_hour_) return std::max<std::int64_t>(1, times.front() + kHour - now);
    times.push_back(now);
    if (by_address_.size() > 100000) {
        std::erase_if(by_address_, [&](const auto& kv) { return kv.second.empty() || now - kv.second.back() >= kHour; });
    }
    return 0;
}

// ---- audit

void AuditLog::record(AuditEntry entry) {
    entry.at = clock_.now();
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(entry));
}

void AuditLog::flush() {
    std::vector<AuditEntry> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    if (!batch.empty()) storage_.append_audit(batch);
}

}  // namespace alis::server
