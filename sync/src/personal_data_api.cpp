#include "personal_data_api.hpp"

#include "alis/json_fields.hpp"
#include "alis/sync/account.hpp"
#include "crypto.hpp"

namespace alis::server {

using nlohmann::json;

namespace {

json audit_rows(const std::vector<AuditEntry>& entries) {
    json out = json::array();
    for (const auto& e : entries) {
        out.push_back({{"id", e.id}, {"at", e.at}, {"user_id", e.user_id}, {"role", e.role}, {"action", e.action},
                       {"kind", e.kind}, {"record_id", e.record_id}, {"doctor_id", e.doctor_id}, {"detail", e.detail}});
    }
    return out;
}

Response busy() {
    Response r = Response::error(503, "busy",
                                 {"Serveren er opptatt akkurat nå; prøv igjen om et øyeblikk.",
                                  "Tenaren er oppteken akkurat no; prøv igjen om eit augeblink.",
                                  "The server is busy right now; try again in a moment."});
    r.headers.emplace_back("Retry-After", "1");
    return r;
}

}  // namespace

Response export_own_data(App& app, const UserRecord& user) {
    app.audit().flush();  // so the export includes the entries of the last second
    json truncated = json::array();
    auto capped = [&](const char* name, std::size_t n) {
        if (n >= static_cast<std::size_t>(kExportListLimit)) truncated.push_back(name);
    };

    std::int64_t last_login = 0;
    AuditQuery by_user;
    by_user.user_id = user.id;
    by_user.limit = kExportListLimit;
    const auto own = app.storage().audit(by_user);
    for (const auto& e : own) {
        if (e.action == "login") last_login = std::max(last_login, e.at);
    }
    capped("audit.by_you", own.size());
    std::vector<AuditEntry> about;
    if (!user.doctor_id.empty()) {
        AuditQuery q;
        q.doctor_id = user.doctor_id;
        q.limit = kExportListLimit;
        about = app.storage().audit(q);
        capped("audit.about_you", about.size());
    }

    json notifications = json::array();
    const auto rows = app.storage().notifications(user.id, kExportListLimit);
    capped("notifications", rows.size());
    for (const auto& n : rows) {
        notifications.push_back({{"id", n.id}, {"kind", n.kind}, {"on", n.on}, {"created_at", n.created_at},
                                 {"read_at", n.read_at}, {"email", n.email}, {"body", n.body}});
    }
    json mails = json::array();
    const auto outbox = app.storage().mail_of(user.id, kExportListLimit);
    capped("mails", outbox.size());
    for (const auto& m : outbox) {
        mails.push_back({{"to", m.to}, {"subject", m.subject}, {"sent_at", m.sent_at}, {"attempts", m.attempts}});
    }

    const UserRecord row = app.storage().user_by_id(user.id).value_or(user);
    json out = {
        {"exported_at", app.clock().now()},
        {"account",
         {{"id", user.id}, {"username", user.username}, {"name", user.display_name}, {"email", user.email},
          {"role", user.role}, {"organisation_id", user.organisation_id}, {"doctor_id", user.doctor_id},
          {"language", user.language}, {"created_at", user.created_at},
          {"last_login_at", last_login ? json(last_login) : json(nullptr)},
          // The days the inactivity rule reads (inactivity.hpp), from the row: the session's copy of
          // the account is from before this log-in.
          {"last_login_on", row.last_login_on.empty() ? json(nullptr) : json(row.last_login_on)},
          {"inactivity_warned_on", row.warned_on.empty() ? json(nullptr) : json(row.warned_on)}}},
        {"records", app.sync().personal_data({user.id, user.doctor_id})},
        {"notifications", notifications},
        {"mails", mails},
        {"audit", {{"by_you", audit_rows(own)}, {"about_you", audit_rows(about)}}},
        {"truncated", truncated},
    };
    app.audit().record({0, 0, user.id, user.role, "read", "personal_data", "", user.doctor_id, "own data exported"});
    return Response::json(200, out);
}

std::map<std::string, std::size_t> erase_account(App& app, const UserRecord& user, const Eraser& by) {
    // Sessions first, so no other tab of this user writes while the data goes.
    app.sessions().end_all_of(user.id);
    const auto deleted = app.sync().erase_personal_data({user.id, user.doctor_id}, by.role, by.why, by.user_id);
    app.audit().flush();  // buffered entries by the user get their detail blanked with the rest
    app.storage().forget_user(user.id);
    app.sessions().end_all_of(user.id);
    app.audit().record({0, 0, by.user_id, by.role, "delete", "account", user.id, user.doctor_id, by.why});
    app.audit().flush();
    // No old copy of the deleted rows stays in the write-ahead log (secure_delete clears the pages).
    app.storage().compact(false);
    return deleted;
}

Response delete_own_account(App& app, const UserRecord& user, const json& body) {
    if (user.role != "gp") {
        return Response::error(403, "managed_by_office",
                               {"Kontoer for sykehus, kommuner og ALIS-kontoret forvaltes av ALIS-kontoret; be dem slette kontoen.",
                                "Kontoar for sjukehus, kommunar og ALIS-kontoret blir forvalta av ALIS-kontoret; be dei slette kontoen.",
                                "Accounts of hospitals, municipalities and the ALIS office are managed by the ALIS office; ask them to delete it."});
    }
    Problems problems;
    JsonFields f(body, "", problems);
    const std::string password = f.text("password", sync::kPasswordMaxBytes, true);
    if (!problems.empty()) {
        return Response::problems(422, "invalid_fields",
                                  {"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                                   "Some fields are not filled in correctly."},
                                  problems);
    }
    // Re-authentication: whoever found the session open on a shared computer cannot delete the account.
    const std::string stored = user.password_hash;
    auto ok = app.password_pool().run([&] { return verify_password(stored, password); });
    if (!ok) return busy();
    if (!*ok) {
        const Text wrong{"Passordet er feil.", "Passordet er feil.", "The password is wrong."};
        return Response::problems(403, "wrong_password", wrong, {{"password", "wrong_password", wrong}});
    }
    const auto deleted = erase_account(app, user, {user.id, user.role, "deleted at the owner's request"});
    json counts = json::object();
    for (const auto& [kind, n] : deleted) counts[kind] = n;
    Response r = Response::json(200, {{"deleted", true}, {"records", counts}});
    r.headers.emplace_back("Set-Cookie", Sessions::clear_cookie());
    return r;
}

}  // namespace alis::server
