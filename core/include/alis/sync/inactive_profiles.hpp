#pragma once
// Inactive GP profiles (issue 11, DOMAIN.md rule 5): a GP with nothing current and no log-in for the
// policy's months is warned by mail 30 days before the profile is deleted; a log-in in between keeps
// it. The decision is a pure function of (state, the user's last log-in, the last warning, today).
// The server keeps each user's last log-in and warning (users table), sends the warning mail, and
// erases as the GP's own deletion does (sync/src/inactivity.cpp). Hospital and municipality accounts
// follow the same rule without the "nothing current" part (inactivity_step).
#include <optional>
#include <string>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// The warning goes this many days before the deletion, and the deletion never comes sooner after it.
inline constexpr int kInactiveWarningDays = 30;

// Whether the GP has something current on `today`: free time that ends today or later, a wish whose
// latest end is today or later, a pending offer, or an accepted offer whose service has not ended.
// A wish without a latest end is no sign of life by itself: the log-in rule and its warning decide.
bool has_current(const PortalState& s, const std::string& doctor_id, const Date& today);

enum class InactiveStep { keep, warn, erase };

// The log-in rule alone, for any account: what to do today with an account whose user last logged in
// on `last_login` (the creation day when never), warned last on `warned_on`. See inactive_step.
InactiveStep inactivity_step(const Date& last_login, const std::optional<Date>& warned_on, const Date& today, int months);

// The day the deletion comes when warned on `warned_on`: the later of last_login + `months` and 30 days
// after the warning (what the warning mail says).
Date inactivity_deletion_day(const Date& last_login, const Date& warned_on, int months);

// What to do today with a GP profile whose user last logged in on `last_login` (the account's creation
// day when never), warned last on `warned_on` (none when never). The deletion day is last_login +
// `months`; the warning is due from 30 days before it. A warning counts only when it came after the
// last log-in (a log-in on the warning's day or later cancels it); erase only once a counting warning
// is at least 30 days old and the deletion day has come, so a late warning (a server that was down)
// still gives the GP 30 days.
InactiveStep inactive_step(const PortalState& s, const std::string& doctor_id, const Date& last_login,
                           const std::optional<Date>& warned_on, const Date& today, int months);

}  // namespace alis::sync
