#pragma once
// Notifications: the events that concern each user (alis/events.hpp, the same function the Alerts
// screen calls), stored once per event key in SQLite (UNIQUE), so a job that runs again after a
// restart or a crash neither loses one (the events are read off the state again) nor makes two.
// The portal reads them with POST /api/notifications (unread count and the newest) and marks them
// read with POST /api/notifications/read.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "http_types.hpp"
#include "storage.hpp"
#include "sync_service.hpp"

namespace alis::server {

// How many notifications one answer carries at most (newest first).
inline constexpr int kNotificationsPerAnswer = 100;
// How many ids one mark-read request may name; within the small-body parser's 32 items per array
// (request_limits.cpp), so this rule, with its message, is the one a client meets first.
inline constexpr std::size_t kMarkReadIds = 30;

// Notifications (and their sent mails) are kept this many days after the event; older events make
// none, so a deleted one is never made again (alis-sync --keep-notifications-days).
inline constexpr int kKeepNotificationDays = 365;

// The notification job: turns today's events of the last `keep_days` into notifications; returns
// how many were new.
std::size_t collect_notifications(Storage& storage, const SyncService& sync, const Clock& clock,
                                  int keep_days = kKeepNotificationDays);
// Deletes (or with dry_run counts) notifications older than `keep_days` and their sent mails.
Storage::NotificationExpiry expire_notifications(Storage& storage, const Clock& clock, int keep_days, bool dry_run);

Response notifications_answer(Storage& storage, const std::string& user_id);
Response mark_notifications_read(Storage& storage, const Clock& clock, const std::string& user_id, const nlohmann::json& body);

}  // namespace alis::server
