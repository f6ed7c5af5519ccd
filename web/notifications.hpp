#pragma once
// Which of the alerts the portal shows are unread. The server makes one notification per event that
// concerns a user (its job, sync/src/notifications.cpp, from the same core function the Alerts screen
// calls) and keeps whether it was read; the session asks after every completed sync round, and
// marks them read when the user opens the Alerts tab. See docs/sync-protocol.md ("Notifications").
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace alis::web {

class Notifications {
public:
    // At most this many ids in one request to mark them read (the server's limit).
    static constexpr std::size_t kMarkAtOnce = 30;

    // Takes the server's answer to /api/notifications or /api/notifications/read. False, and nothing
    // changed, when the body is not such an answer.
    bool take(const std::string& body);
    // Unread notifications the portal shows (those for an e-mail subscription only are not counted).
    std::size_t unread() const { return unread_ids_.size(); }
    // Unread when the user opened the Alerts tab this time: shown as new while the tab stays open.
    bool is_new(const std::string& event_key) const { return fresh_keys_.count(event_key) > 0; }
    // The Alerts tab is shown: the ids to mark read now, at most kMarkAtOnce. Empty while an earlier
    // marking is under way or nothing is unread.
    std::vector<std::int64_t> start_marking();
    // The answer to the marking came. When it failed, the unread ones are not marked again until
    // the next answer to /api/notifications (after the next sync round), so a refusal is not
    // repeated every frame.
    void marking_done(bool ok);
    // The Alerts tab was left: what was new there is no longer shown as new.
    void left_alerts() { fresh_keys_.clear(); }
    void clear() { *this = Notifications{}; }

private:
    std::vector<std::int64_t> unread_ids_;
    std::vector<std::string> unread_keys_;
    std::set<std::string> fresh_keys_;
    bool marking_ = false;
};

}  // namespace alis::web
