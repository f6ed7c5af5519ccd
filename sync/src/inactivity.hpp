#pragma once
// Inactive profiles and accounts, and the audit log kept as counts (issue 11, DOMAIN.md rule 5): the
// daily job and `alis-sync sweep` apply the retention policy's inactivity and audit rules.
//   - GPs: core's inactive_step (nothing current and no log-in for inactive_profile_months);
//   - hospital, municipality and ALIS office accounts: core's inactivity_step with
//     inactive_account_months; the office account logged in last is never warned or deleted, so the
//     portal always keeps one account that can administer it;
//   - warn: one mail through the outbox whatever the user's subscriptions (a notification keyed by the
//     user and the deletion day, stored with the warning day in one transaction: a restart never
//     sends it twice), in the account's language, with the day and the portal's link;
//   - erase: as the GP's own deletion (erase_account: the records as tombstones, then the account,
//     its sessions, notifications and mails), audited as the fact of a deletion;
//   - audit entries older than audit_years: folded into counts by month, role, action and kind.
#include <cstddef>
#include <map>
#include <string>

#include "alis/sync/retention_policy.hpp"
#include "outbox.hpp"

namespace alis::server {

class App;

// The notification kind of the warning; its body holds "delete_on" (YYYY-MM-DD) and "what"
// ("profile" for a GP, "account" for the others).
inline constexpr const char* kInactivityWarning = "inactivity_warning";

struct InactivityReport {
    std::size_t warned = 0;                        // warning mails queued (or due, in a dry run)
    std::map<std::string, std::size_t> accounts;  // accounts deleted (or due), by role
    std::map<std::string, std::size_t> records;   // sync records deleted with them, by kind (not in a dry run)
    std::size_t audit_folded = 0;                  // audit entries folded into counts (or due)
};

// Applies `policy`'s inactivity and audit rules on the clock's day; with dry_run changes nothing and
// counts what it would do.
InactivityReport apply_inactivity(App& app, const sync::RetentionPolicy& policy, bool dry_run);

// The warning mail's subject and body in `language` (nb, nn, en; others: nb).
MailText inactivity_mail_text(const std::string& what, const std::string& delete_on, const std::string& language,
                              const std::string& portal_url);

}  // namespace alis::server
