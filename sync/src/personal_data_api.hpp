#pragma once
// A person's own data (GDPR articles 15 and 17): POST /api/me/export gives everything the portal
// holds about the logged-in user as JSON; POST /api/me/delete deletes a GP's account and data after
// re-entering the password. The records' part is the core's (alis/sync/personal_data.hpp); this file
// adds the server's own tables: the account, notifications, mails and the audit log.
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "app.hpp"

namespace alis::server {

// At most this many of the newest notifications, mails and audit entries (each of: by the user, and
// about their doctor data) go into one export; `truncated` in the answer names any list cut short.
inline constexpr int kExportListLimit = 2000;

// {"exported_at", "account": {id, username, name, email, role, organisation_id, doctor_id, language,
// created_at, last_login_at}, "records": personal_data(), "notifications", "mails", "audit",
// "truncated": [...]}. Never the password hash or session tokens.
Response export_own_data(App& app, const UserRecord& user);

// body {"password"}. A GP's account: its records are deleted as tombstones (every replica that saw
// them drops them at its next pull), then its notifications, mails, sessions and the account; the
// audit log keeps one `delete` entry (account id, date). 403 `wrong_password` (field `password`),
// 403 `managed_by_office` for the other roles, 422 when the password is missing, 503 `busy`.
Response delete_own_account(App& app, const UserRecord& user, const nlohmann::json& body);

// Who deletes an account, for the audit log: the owner, or the inactivity job ("system").
struct Eraser {
    std::string user_id;
    std::string role;
    std::string why;  // the audit entries' detail: never the deleted data
};
// The deletion itself, shared by the owner's request and the inactivity job (inactivity.hpp): its
// sessions end, its records go as tombstones, then its notifications, mails, sync clients and the
// account row; the audit log keeps the fact. Returns the records deleted by kind.
std::map<std::string, std::size_t> erase_account(App& app, const UserRecord& user, const Eraser& by);

}  // namespace alis::server
