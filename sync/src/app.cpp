#include "app.hpp"

#include <algorithm>
#include <charconv>

#include "alis/bounded_json.hpp"
#include "alis/json_fields.hpp"
#include "documents_api.hpp"
#include "evaluation_api.hpp"
#include "inactivity.hpp"
#include "notifications.hpp"
#include "personal_data_api.hpp"
#include "unsubscribe.hpp"
#include "request_limits.hpp"
#include "origins.hpp"

namespace alis::server {

using nlohmann::json;

namespace {

Response not_found() {
    return Response::error(404, "not_found", {"Fant ikke siden.", "Fann ikkje sida.", "Not found."});
}

Response method_not_allowed(const std::string& allowed) {
    Response r = Response::error(405, "method_not_allowed",
                                 {"Metoden er ikke tillatt her; bruk " + allowed + ".",
                                  "Metoden er ikkje tillaten her; bruk " + allowed + ".",
                                  "Method not allowed here; use " + allowed + "."});
    r.headers.emplace_back("Allow", allowed);
    return r;
}

Response unauthenticated() {
    return Response::error(401, "not_logged_in",
                           {"Du må logge inn.", "Du må logge inn.", "You must log in."});
}

// Every API answer, the early ones included: personal data and refusals are never cached.
Response api_answer(Response r) {
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

std::string query_param(const std::string& query, const std::string& name) {
    std::size_t pos = 0;
    while (pos <= query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string::npos) end = query.size();
        std::string part = query.substr(pos, end - pos);
        auto eq = part.find('=');
        if (part.substr(0, eq) == name) return eq == std::string::npos ? "" : part.substr(eq + 1);
        pos = end + 1;
    }
    return {};
}

}  // namespace

App::App(AppOptions options, std::unique_ptr<Storage> storage, std::unique_ptr<Clock> clock)
    : options_(std::move(options)),
      storage_(std::move(storage)),
      clock_(std::move(clock)),
      audit_(*storage_, *clock_),
      sessions_(*storage_, *clock_, options_.sessions),
      throttle_(*clock_, options_.accounts.throttle),
      registrations_(*clock_, options_.accounts.register_per_hour),
      password_pool_(options_.accounts.hash_threads, options_.accounts.hash_queue),
      sync_(*storage_, *clock_, audit_, options_.push),
      files_(options_.web_root),
      documents_(std::filesystem::path(options_.data_dir) / "documents"),
      allowed_origins_(options_.public_origins) {
    sync_.set_document_files(&documents_);
    sync_.load();
}

void App::set_listen_address(const std::string& host, unsigned short port) {
    if (!options_.public_origins.empty()) return;
    allowed_origins_ = listen_origins(host, port);
}

void App::run_jobs_now() {
    sync_.release_unmatched();
    expire_daily();
    collect_notifications(*storage_, sync_, *clock_, options_.keep_notification_days);
    sessions_.sweep();
    audit_.flush();
}

std::optional<SyncService::SweepReport> App::expire_daily() {
    std::lock_guard lock(expiry_mutex_);
    const Date today = clock_->today();
    if (expired_on_ == today) return std::nullopt;
    auto report = sync_.expire_outdated(options_.retention);
    const auto old = expire_notifications(*storage_, *clock_, options_.keep_notification_days, false);
    if (old.notifications) report.deleted["notification"] += old.notifications;
    if (old.mails) report.deleted["mail"] += old.mails;
    // The inactivity and audit rules under the same policy (the office's, else the flags).
    const InactivityReport idle = apply_inactivity(*this, report.policy, false);
    for (const auto& [kind, n] : idle.records) report.deleted[kind] += n;
    for (const auto& [role, n] : idle.accounts) report.deleted["account (" + role + ", inactive)"] += n;
    if (idle.audit_folded) report.deleted["audit entry, folded into counts"] += idle.audit_folded;
    expired_on_ = today;
    return report;
}

Response App::handle(const Request& req) {
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") return api_answer(route_api(req));
    if (req.method != "GET" && req.method != "HEAD") return method_not_allowed("GET, HEAD");
    auto file = files_.serve(req);
    if (!file) return not_found();
    file->head_only = req.method == "HEAD";
    return *file;
}

// Same-origin only, without CORS: a state-changing call must carry JSON (a cross-site form cannot
// send application/json without a preflight, which we never grant) and, when the browser sends an
// Origin, it must be this server's own.
std::optional<Response> App::check_state_changing(const Request& req, const std::string& content_type) const {
    const std::string& type = req.header("content-type");
    if (type.rfind(content_type, 0) != 0) {
        return Response::error(415, content_type == "application/json" ? "content_type_json_required" : "content_type_required",
                               {"Forespørselen må ha Content-Type " + content_type + ".",
                                "Førespurnaden må ha Content-Type " + content_type + ".",
                                "The request must have Content-Type " + content_type + "."},
                               "Content-Type");
    }
    // The allowed origins come from the configuration (--public-url) or the listen address, never
    // from the Host header: an attacker's page at a name resolving here sends its own Host.
    const std::string& origin = req.header("origin");
    if (!origin.empty() &&
        std::find(allowed_origins_.begin(), allowed_origins_.end(), origin) == allowed_origins_.end()) {
        return Response::error(403, "cross_origin",
                               {"Forespørsler fra andre nettsteder (" + origin + ") er ikke tillatt.",
                                "Førespurnader frå andre nettstader (" + origin + ") er ikkje tillatne.",
                                "Requests from other sites (" + origin + ") are not allowed."},
                               "Origin");
    }
    if (req.header("sec-fetch-site") == "cross-site") {
        return Response::error(403, "cross_origin",
                               {"Forespørsler fra andre nettsteder er ikke tillatt.",
                                "Førespurnader frå andre nettstader er ikkje tillatne.",
                                "Requests from other sites are not allowed."},
                               "Sec-Fetch-Site");
    }
    return std::nullopt;
}

std::optional<UserRecord> App::current_user(const Request& req) {
    return sessions_.resolve(req.cookie(kSessionCookie));
}

// The same session lookup and the same 401 as route_api's; a session's other rules (a one-time
// password, the role) are left to the handler, which sees the body too. Sessions is thread-safe (its
// own mutex, then storage's), as it must be for the handlers that already run on these threads.
std::optional<Response> App::screen_head(const Request& head) {
    if (!needs_session_before_body(head.path, options_.body_limit)) return std::nullopt;
    if (current_user(head)) return std::nullopt;
    return api_answer(unauthenticated());
}

Response App::route_api(const Request& req) {
    const std::string& p = req.path;
    if (p == "/api/health") {
        if (req.method != "GET") return method_not_allowed("GET");
        return health(req);
    }
    if (p == "/api/me") {
        if (req.method != "GET") return method_not_allowed("GET");
        return me(req);
    }
    if (p == "/api/audit") {
        if (req.method != "GET") return method_not_allowed("GET");
        return audit_query(req);
    }
    if (p == "/api/users" && req.method == "GET") {
        auto caller = office_caller(req, {"Bare ALIS-kontoret kan se brukerkontoene.", "Berre ALIS-kontoret kan sjå brukarkontoane.",
                                          "Only the ALIS office may see the accounts."});
        if (auto* refused = std::get_if<Response>(&caller)) return *refused;
        return list_users(std::get<UserRecord>(caller));
    }
    if (p == "/api/mutations") {
        if (req.method != "GET") return method_not_allowed("GET");
        return Response::json(200, {{"mutations", sync_.catalogue()}});
    }

    // One-click unsubscribe from a mail (RFC 8058): no session, the signed token authorizes; the POST
    // comes from a mail provider as a form, so it skips the JSON-only rule (it can only unsubscribe).
    if (p == "/api/unsubscribe") {
        if (req.method != "GET" && req.method != "POST") return method_not_allowed("GET, POST");
        return unsubscribe_request(*storage_, sync_, req.method, query_param(req.query, "token"));
    }

    // The documents: the upload's body is the PDF itself (documents_api.hpp), so it skips the JSON.
    if (is_documents_path(p)) {
        if (req.method != "POST") return method_not_allowed("POST");
        if (auto refused = check_state_changing(req, p == kDocumentUploadPath ? "application/pdf" : "application/json")) return *refused;
        const auto user = current_user(req);
        if (!user) return unauthenticated();
        if (user->must_change_password) return password_change_required();
        return documents_request(*this, req, *user);
    }

    static const char* const posts[] = {"/api/login",         "/api/logout",        "/api/register",
                                        "/api/password",      "/api/push",          "/api/pull",
                                        "/api/users",         "/api/users/list",    "/api/users/reset",
                                        "/api/users/disable", "/api/users/enable",  "/api/test/clock",
                                        "/api/test/run-jobs", "/api/notifications", "/api/notifications/read",
                                        "/api/evaluation",    "/api/me/export",     "/api/me/delete"};
    bool known = false;
    for (const char* candidate : posts) known = known || p == candidate;
    if (!known) return not_found();
    if (req.method != "POST") return method_not_allowed(p == "/api/users" ? "GET, POST" : "POST");
    if (auto refused = check_state_changing(req)) return *refused;

    json body = json::object();
    if (!req.body.empty()) {
        // Bounded while it is read: no body can make the server recurse deeply or build a value
        // many times its size (alis/bounded_json.hpp, request_limits.hpp).
        EndpointLimits limits = limits_for(p, options_.body_limit);
        if (p == "/api/push") limits.json.max_values = std::min(limits.json.max_values, push_value_limit(req.body.size()));
        Problem why;
        auto parsed = parse_bounded_json(req.body, limits.json, why);
        if (!parsed) return Response::error(why.rule == "malformed_json" ? 400 : 413, why.rule, why.message, why.field);
        body = std::move(*parsed);
    }
    if (!body.is_object()) {
        return Response::error(400, "not_an_object",
                               {"Innholdet må være et JSON-objekt.", "Innhaldet må vera eit JSON-objekt.",
                                "The body must be a JSON object."},
                               "(body)");
    }

    if (p == "/api/login") return login(req, body);
    if (p == "/api/register") return register_gp(req, body);
    if (p == "/api/test/clock" || p == "/api/test/run-jobs") {
        if (!options_.test_clock) return not_found();
        if (p == "/api/test/run-jobs") {
            run_jobs_now();
            return Response::json(200, {{"ok", true}, {"today", to_iso(clock_->today())}});
        }
        return test_clock(body);
    }
    if (p == "/api/logout") return logout(req);

    if (p == "/api/evaluation") {
        const auto user = current_user(req);
        if (!user) return unauthenticated();
        if (user->must_change_password) return password_change_required();
        const auto scope = evaluation_scope_of(user->role, user->organisation_id);
        if (!scope) {
            return Response::error(403, "evaluation_not_for_role",
                                   {"Bare ALIS-kontoret, helseforetakene og kommunene kan se evalueringstallene.",
                                    "Berre ALIS-kontoret, helseføretaka og kommunane kan sjå evalueringstala.",
                                    "Only the ALIS office, the hospital trusts and the municipalities may see the evaluation figures."});
        }
        return evaluation_answer(sync_, body, *scope);
    }

    if (p.rfind("/api/users", 0) == 0) {
        auto caller = office_caller(req, {"Bare ALIS-kontoret kan administrere brukerkontoer.",
                                          "Berre ALIS-kontoret kan administrere brukarkontoar.",
                                          "Only the ALIS office may manage accounts."});
        if (auto* refused = std::get_if<Response>(&caller)) return *refused;
        const UserRecord& office = std::get<UserRecord>(caller);
        if (p == "/api/users") return create_user(req, office, body);
        // The web app's platform layer sends only JSON POSTs, so it reads the list here.
        if (p == "/api/users/list") return list_users(office);
        if (p == "/api/users/reset") return reset_user_password(office, body);
        return set_user_disabled(office, body, p == "/api/users/disable");
    }

    auto user = current_user(req);
    if (!user) return unauthenticated();
    if (p == "/api/password") return change_password(req, body);
    // A one-time password opens only the password change: whoever was handed it has to replace it
    // before they read or write anything.
    if (user->must_change_password) return password_change_required();
    if (p == "/api/push") return sync_.push(principal_of(*user), std::move(body));
    if (p == "/api/pull") return sync_.pull(principal_of(*user), body);
    if (p == "/api/notifications") return notifications_answer(*storage_, user->id);
    if (p == "/api/notifications/read") return mark_notifications_read(*storage_, *clock_, user->id, body);
    if (p == "/api/me/export") return export_own_data(*this, *user);
    if (p == "/api/me/delete") return delete_own_account(*this, *user, body);
    return not_found();
}

Response App::health(const Request& req) {
    json db;
    bool ok = true;
    try {
        db["schema_version"] = storage_->schema_version();
        db["state"] = "ok";
    } catch (const std::exception& e) {
        ok = false;
        db["state"] = "error";
        db["detail"] = e.what();
    }
    json out = {{"status", ok ? "ok" : "degraded"}};
    // The version, the database's path and the clock help an attacker more than a monitor: only an
    // active ALIS office session sees them.
    auto user = current_user(req);
    if (user && !user->must_change_password && user->role == "alis_office") {
        db["path"] = storage_->location();
        out["version"] = ALIS_VERSION;
        out["database"] = db;
        out["records"] = sync_.record_count();
        out["today"] = to_iso(clock_->today());
        out["test_clock"] = options_.test_clock;
        out["web_root"] = {{"path", files_.root()}, {"build", files_.build()}, {"files_in_memory", files_.file_count()},
                           {"bytes_in_memory", files_.bytes()}};
    }
    return Response::json(ok ? 200 : 503, out);
}

std::variant<UserRecord, Response> App::office_caller(const Request& req, const Text& what) {
    auto user = current_user(req);
    if (!user) return unauthenticated();
    if (user->must_change_password) return password_change_required();
    if (user->role != "alis_office") return Response::error(403, "alis_office_only", what);
    return *user;
}

Response App::audit_query(const Request& req) {
    auto caller = office_caller(req, {"Bare ALIS-kontoret kan lese revisjonsloggen.", "Berre ALIS-kontoret kan lese revisjonsloggen.",
                                      "Only the ALIS office may read the audit log."});
    if (auto* refused = std::get_if<Response>(&caller)) return *refused;
    const UserRecord* user = &std::get<UserRecord>(caller);
    audit_.flush();  // so the answer includes reads buffered a moment ago
    AuditQuery q;
    q.user_id = query_param(req.query, "user_id");
    q.doctor_id = query_param(req.query, "doctor_id");
    auto number = [&](const char* name, std::int64_t& out, std::int64_t lo, std::int64_t hi) -> bool {
        std::string v = query_param(req.query, name);
        if (v.empty()) return true;
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || ptr != v.data() + v.size() || n < lo || n > hi) return false;
        out = n;
        return true;
    };
    std::int64_t limit = 200;
    if (!number("since", q.since, 0, INT64_MAX) || !number("limit", limit, 1, 10000)) {
        return Response::error(400, "invalid_query",
                               {"since må være et tall ≥ 0 og limit mellom 1 og 10000.",
                                "since må vera eit tal ≥ 0 og limit mellom 1 og 10000.",
                                "since must be a number >= 0 and limit between 1 and 10000."},
                               "query");
    }
    q.limit = static_cast<int>(limit);
    json entries = json::array();
    for (auto& e : storage_->audit(q)) {
        entries.push_back({{"id", e.id},
                           {"at", e.at},
                           {"user_id", e.user_id},
                           {"role", e.role},
                           {"action", e.action},
                           {"kind", e.kind},
                           {"record_id", e.record_id},
                           {"doctor_id", e.doctor_id},
                           {"detail", e.detail}});
    }
    audit_.record({0, 0, user->id, user->role, "admin", "audit_log", "", q.doctor_id, "audit query"});
    return Response::json(200, {{"entries", entries}});
}

Response App::test_clock(const json& body) {
    auto* clock = dynamic_cast<TestClock*>(clock_.get());
    if (!clock) return not_found();
    Problems problems;
    JsonFields f(body, "", problems);
    std::string today = f.text("today", 10, false);
    int advance = f.integer("advance_days", -100000, 100000, 0, false);
    if (!today.empty()) {
        if (auto d = parse_iso(today)) {
            clock->set(days_from_civil(*d) * 86400 + 12 * 3600);
        } else {
            f.add("today", "not_a_date", {"Må være en dato (ÅÅÅÅ-MM-DD).", "Må vera ein dato (ÅÅÅÅ-MM-DD).",
                                          "Must be a date (YYYY-MM-DD)."});
        }
    }
    if (!problems.empty()) {
        return Response::problems(400, "invalid_request",
                                  {"Ugyldige felt.", "Ugyldige felt.", "Invalid fields."}, problems);
    }
    clock->advance(std::int64_t{advance} * 86400);
    return Response::json(200, {{"now", clock->now()}, {"today", to_iso(clock->today())}});
}

}  // namespace alis::server
