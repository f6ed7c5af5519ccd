// Accounts: login, logout, me, GP self-registration, password change, and the ALIS office's user
// administration (accounts made with a one-time password, reset, disable, enable).
#include <arpa/inet.h>

#include <variant>

#include "alis/json_fields.hpp"
#include "alis/sync/account.hpp"
#include "app.hpp"
#include "crypto.hpp"

namespace alis::server {

using nlohmann::json;

namespace {

using sync::kPasswordMaxBytes;

// The core's account rules (alis/sync/account.hpp) on fields JsonFields has read; a field JsonFields
// already refused (not text, too long) is empty and skipped.
void check_account_fields(Problems& problems, const std::string& username, const std::string& name,
                          const std::string& email, const std::string& language) {
    sync::check_username(problems, username);
    sync::check_name(problems, name);
    sync::check_email(problems, email);
    sync::check_language(problems, language);
}

void check_new_password(Problems& problems, const char* field, const std::string& password, const std::string& username) {
    sync::check_password(problems, password, username, common_password, field);
}

Response too_many(const std::string& rule, std::int64_t wait, const Text& message) {
    Response r = Response::error(429, rule, message);
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
}

// The hashing pool's queue is full: come back in a second.
Response busy() {
    Response r = Response::error(503, "busy",
                                 {"Serveren har mange innlogginger akkurat nå; prøv igjen om et øyeblikk.",
                                  "Tenaren har mange innloggingar akkurat no; prøv igjen om eit augeblink.",
                                  "The server is busy with many log-ins right now; try again in a moment."});
    r.headers.emplace_back("Retry-After", "1");
    return r;
}

bool plausible_address(const std::string& s) {
    unsigned char buf[sizeof(in6_addr)];
    return s.size() < INET6_ADDRSTRLEN && (inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1);
}

Response username_taken() {
    Problems taken{{"username", "username_taken",
                    {"Brukernavnet er allerede i bruk.", "Brukarnamnet er alt i bruk.", "The username is already taken."}}};
    return Response::problems(409, "username_taken",
                              {"Brukernavnet er allerede i bruk.", "Brukarnamnet er alt i bruk.",
                               "The username is already taken."},
                              taken);
}

Response invalid(const Problems& problems) {
    return Response::problems(422, "invalid_fields",
                              {"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                               "Some fields are not filled in correctly."},
                              problems);
}

// The sync core refused the user record itself (its problems come as JSON): the same answer as
// invalid(), for registration and for accounts the office creates.
Response record_refused(const AccountRefused& e) {
    return Response::json(422, {{"error", {{"status", 422}, {"rule", "invalid_fields"},
                                           {"message", Text{"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                                                            "Some fields are not filled in correctly."}}}},
                                {"problems", e.problems}});
}

}  // namespace

json public_user(const UserRecord& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"role", u.role},
            {"organisation_id", u.organisation_id},
            {"doctor_id", u.doctor_id},
            {"name", u.display_name},
            {"email", u.email},
            {"language", u.language},
            {"must_change_password", u.must_change_password}};
}

UserRecord create_account(Storage& storage, SyncService& sync, const Clock& clock, UserRecord user,
                          const std::string& password) {
    user.password_hash = hash_password(password);
    return create_account_hashed(storage, sync, clock, std::move(user));
}

UserRecord create_account_hashed(Storage& storage, SyncService& sync, const Clock& clock, UserRecord user) {
    user.username = sync::lower_ascii(user.username);
    if (user.id.empty()) user.id = random_id("u-");
    if (user.role == "gp" && user.doctor_id.empty()) user.doctor_id = random_id("d-");
    user.created_at = clock.now();
    if (user.display_name.empty()) user.display_name = user.username;
    if (storage.user_by_username(user.username)) throw DuplicateError("username " + user.username + " is taken");
    // The public part travels to replicas as a user record; credentials never do. It goes first, so
    // the core's rules (known organisation, ...) are checked before an account exists.
    json record = {{"id", user.id},
                   {"role", user.role},
                   {"organisation_id", user.organisation_id},
                   {"doctor_id", user.doctor_id},
                   {"name", user.display_name},
                   {"email", user.email}};
    json problems = sync.apply_direct("put_user", record);
    if (!problems.empty()) {
        throw AccountRefused(problems);
    }
    try {
        storage.insert_user(user);
    } catch (const DuplicateError&) {
        sync.apply_direct("delete_user", {{"user_id", user.id}});  // lost a race for the name
        throw;
    }
    return user;
}

std::string App::client_address(const Request& req) const {
    const auto& proxies = options_.accounts.trusted_proxies;
    if (proxies.empty() || !proxies.contains(req.remote_ip)) return req.remote_ip;
    // The last hop is the one our proxy appended; every earlier one is whatever the client claimed.
    const std::string& forwarded = req.header("x-forwarded-for");
    auto comma = forwarded.rfind(',');
    std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
    auto first = last.find_first_not_of(" \t");
    auto end = last.find_last_not_of(" \t");
    last = first == std::string::npos ? "" : last.substr(first, end - first + 1);
    return plausible_address(last) ? last : req.remote_ip;
}

Response App::login(const Request& req, const json& body) {
    Problems problems;
    JsonFields f(body, "", problems);
    std::string username = sync::lower_ascii(f.text("username", sync::kUsernameMaxBytes, true));
    std::string password = f.text("password", kPasswordMaxBytes, true);
    if (!problems.empty()) return invalid(problems);

    const std::string address = client_address(req);
    if (auto wait = throttle_.retry_after(username, address); wait > 0) {
        return too_many("too_many_attempts", wait,
                        {"For mange mislykkede forsøk; vent " + std::to_string(wait) + " sekunder.",
                         "For mange mislukka forsøk; vent " + std::to_string(wait) + " sekund.",
                         "Too many failed attempts; wait " + std::to_string(wait) + " seconds."});
    }
    auto user = storage_->user_by_username(username);
    const bool known = user && !user->disabled;
    const std::string stored = known ? user->password_hash : std::string();
    // On the hashing pool; an unknown name costs one verification too (no faster answer).
    auto ok = password_pool_.run([&] {
        if (known) return verify_password(stored, password);
        burn_password_time(password);
        return false;
    });
    if (!ok) return busy();
    if (!*ok) {
        throttle_.failed(username, address);
        audit_.record({0, 0, user ? user->id : "", user ? user->role : "", "login_failed", "", "", "",
                       "username " + username + " from " + address});
        return Response::error(401, "invalid_credentials",
                               {"Feil brukernavn eller passord.", "Feil brukarnamn eller passord.",
                                "Wrong username or password."});
    }
    throttle_.succeeded(username, address);
    // The inactivity rule (inactivity.hpp) counts from this day: a log-in keeps the account.
    storage_->record_login(user->id, to_iso(clock_->today()));
    std::string token = sessions_.create(*user);
    audit_.record({0, 0, user->id, user->role, "login", "", "", user->doctor_id, "from " + address});
    Response r = Response::json(200, {{"user", public_user(*user)}, {"role", user->role}});
    r.headers.emplace_back("Set-Cookie", sessions_.set_cookie(token));
    return r;
}

Response App::logout(const Request& req) {
    std::string token = req.cookie(kSessionCookie);
    if (!token.empty()) {
        if (auto user = sessions_.resolve(token)) {
            audit_.record({0, 0, user->id, user->role, "logout", "", "", "", ""});
        }
        sessions_.end(token);
    }
    Response r = Response::json(200, {{"ok", true}});
    r.headers.emplace_back("Set-Cookie", Sessions::clear_cookie());
    return r;
}

Response App::me(const Request& req) {
    auto user = current_user(req);
    if (!user) return Response::error(401, "not_logged_in", {"Du må logge inn.", "Du må logge inn.", "You must log in."});
    return Response::json(200, {{"user", public_user(*user)}, {"role", user->role}});
}

Response App::register_gp(const Request& req, const json& body) {
    const std::string address = client_address(req);
    if (auto wait = registrations_.admit(address); wait > 0) {
        return too_many("too_many_registrations", wait,
                        {"For mange registreringer fra denne adressen; vent " + std::to_string(wait) + " sekunder.",
                         "For mange registreringar frå denne adressa; vent " + std::to_string(wait) + " sekund.",
                         "Too many registrations from this address; wait " + std::to_string(wait) + " seconds."});
    }
    Problems problems;
    JsonFields f(body, "", problems);
    std::string username = sync::lower_ascii(f.text("username", sync::kUsernameMaxBytes, true));
    std::string password = f.text("password", kPasswordMaxBytes, true);
    std::string name = f.text("name", sync::kNameMaxBytes, true);
    std::string email = f.text("email", sync::kEmailMaxBytes, true);
    std::string language = f.text("language", 2, false);
    check_account_fields(problems, username, name, email, language);
    check_new_password(problems, "password", password, username);
    if (!problems.empty()) return invalid(problems);

    UserRecord user;
    user.username = username;
    user.role = "gp";
    user.display_name = name;
    user.email = email;
    user.language = language.empty() ? "nb" : language;
    auto hash = password_pool_.run([&] { return hash_password(password); });
    if (!hash) return busy();
    user.password_hash = *hash;
    try {
        user = create_account_hashed(*storage_, sync_, *clock_, user);
    } catch (const AccountRefused& e) {
        return record_refused(e);
    } catch (const DuplicateError&) {
        return username_taken();
    }
    audit_.record({0, 0, user.id, user.role, "register", "user", user.id, user.doctor_id, "from " + address});
    std::string token = sessions_.create(user);
    Response r = Response::json(201, {{"user", public_user(user)}, {"role", user.role}});
    r.headers.emplace_back("Set-Cookie", sessions_.set_cookie(token));
    return r;
}

Response App::change_password(const Request& req, const json& body) {
    auto user = current_user(req);
    if (!user) return Response::error(401, "not_logged_in", {"Du må logge inn.", "Du må logge inn.", "You must log in."});
    Problems problems;
    JsonFields f(body, "", problems);
    std::string current = f.text("current_password", kPasswordMaxBytes, true);
    std::string next = f.text("new_password", kPasswordMaxBytes, true);
    check_new_password(problems, "new_password", next, user->username);
    if (!problems.empty()) return invalid(problems);
    // Verify the current password and hash the new one in one trip to the pool.
    auto hash = password_pool_.run([&]() -> std::optional<std::string> {
        if (!verify_password(user->password_hash, current)) return std::nullopt;
        return hash_password(next);
    });
    if (!hash) return busy();
    if (!*hash) {
        f.add("current_password", "wrong_password",
              {"Nåværende passord er feil.", "Noverande passord er feil.", "The current password is wrong."});
        return invalid(problems);
    }
    storage_->set_password(user->id, **hash, false);
    // Every other session of this user ends: a changed password must lock out whoever else had it.
    sessions_.end_all_of(user->id);
    auto fresh = storage_->user_by_id(user->id);
    std::string token = sessions_.create(*fresh);
    audit_.record({0, 0, user->id, user->role, "admin", "user", user->id, "", "password changed from " + client_address(req)});
    Response r = Response::json(200, {{"user", public_user(*fresh)}});
    r.headers.emplace_back("Set-Cookie", sessions_.set_cookie(token));
    return r;
}

// ---- the ALIS office's user administration

Response password_change_required() {
    return Response::error(403, "password_change_required",
                           {"Du må velge et nytt passord før du kan fortsette.", "Du må velja eit nytt passord før du kan halda fram.",
                            "You must choose a new password before you continue."});
}

namespace {

// An account as the office's list shows it: the public fields, whether it is disabled, and when it
// was made. Never the hash.
json account_row(const UserRecord& u) {
    json row = public_user(u);
    row["disabled"] = u.disabled;
    row["created_at"] = u.created_at;
    return row;
}

}  // namespace

Response App::list_users(const UserRecord& office) {
    json rows = json::array();
    for (const auto& u : storage_->users()) rows.push_back(account_row(u));
    audit_.record({0, 0, office.id, office.role, "admin", "user", "", "", "accounts listed"});
    return Response::json(200, {{"users", rows}});
}

Response App::create_user(const Request& req, const UserRecord& office, const json& body) {
    Problems problems;
    JsonFields f(body, "", problems);
    std::string username = sync::lower_ascii(f.text("username", sync::kUsernameMaxBytes, true));
    std::string role = f.text("role", 32, true);
    std::string organisation_id = f.text("organisation_id", 100, true);
    std::string name = f.text("name", sync::kNameMaxBytes, true);
    std::string email = f.text("email", sync::kEmailMaxBytes, true);
    std::string language = f.text("language", 2, false);
    check_account_fields(problems, username, name, email, language);
    auto office_role = sync::check_office_role(problems, role);
    auto kind = office_role ? sync::organisation_kind_for(*office_role) : std::nullopt;
    if (kind && !organisation_id.empty()) {
        auto organisation = storage_->record_body("organisation", organisation_id);
        if (!organisation) {
            f.add("organisation_id", "unknown_organisation",
                  {"Ukjent organisasjon.", "Ukjend organisasjon.", "Unknown organisation."});
        } else if (organisation->value("kind", "") != to_string(*kind)) {
            problems.push_back(sync::organisation_kind_problem(*office_role));
        }
    }
    if (!problems.empty()) return invalid(problems);

    UserRecord user;
    user.username = username;
    user.role = role;
    user.organisation_id = organisation_id;
    user.display_name = name;
    user.email = email;
    user.language = language.empty() ? "nb" : language;
    // Whoever receives the account chooses its real password at first log-in; the office never knows it.
    user.must_change_password = true;
    const std::string password = random_password();
    auto hash = password_pool_.run([&] { return hash_password(password); });
    if (!hash) return busy();
    user.password_hash = *hash;
    try {
        user = create_account_hashed(*storage_, sync_, *clock_, user);
    } catch (const AccountRefused& e) {
        return record_refused(e);
    } catch (const DuplicateError&) {
        return username_taken();
    }
    audit_.record({0, 0, office.id, office.role, "admin", "user", user.id, "",
                   "account " + user.username + " created (" + user.role + ", " + user.organisation_id + ") from " +
                       client_address(req)});
    return Response::json(201, {{"user", account_row(user)}, {"one_time_password", password}});
}

namespace {

// The account a user administration call is about, or the refusal naming `user_id`.
std::variant<UserRecord, Response> target_account(Storage& storage, const json& body) {
    Problems problems;
    JsonFields f(body, "", problems);
    std::string id = f.text("user_id", 100, true);
    if (!problems.empty()) {
        return Response::problems(422, "invalid_fields",
                                  {"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                                   "Some fields are not filled in correctly."},
                                  problems);
    }
    auto user = storage.user_by_id(id);
    if (!user) {
        return Response::error(404, "unknown_user", {"Ukjent bruker.", "Ukjend brukar.", "Unknown user."}, "user_id");
    }
    return *user;
}

}  // namespace

Response App::reset_user_password(const UserRecord& office, const json& body) {
    auto target = target_account(*storage_, body);
    if (auto* refused = std::get_if<Response>(&target)) return *refused;
    const UserRecord& user = std::get<UserRecord>(target);
    if (user.id == office.id) {
        return Response::error(409, "use_password_change",
                               {"Bytt ditt eget passord under «Bytt passord».", "Byt ditt eige passord under «Byt passord».",
                                "Change your own password under “Change password”."},
                               "user_id");
    }
    const std::string password = random_password();
    auto hash = password_pool_.run([&] { return hash_password(password); });
    if (!hash) return busy();
    storage_->set_password(user.id, *hash, true);
    // Whoever knew the old password is out from this moment.
    sessions_.end_all_of(user.id);
    audit_.record({0, 0, office.id, office.role, "admin", "user", user.id, "", "one-time password issued to " + user.username});
    auto fresh = storage_->user_by_id(user.id);
    return Response::json(200, {{"user", account_row(*fresh)}, {"one_time_password", password}});
}

Response App::set_user_disabled(const UserRecord& office, const json& body, bool disabled) {
    auto target = target_account(*storage_, body);
    if (auto* refused = std::get_if<Response>(&target)) return *refused;
    const UserRecord& user = std::get<UserRecord>(target);
    // The caller is an active office account, so refusing this one case keeps at least one account
    // that can log in and enable the others again.
    if (disabled && user.id == office.id) {
        return Response::error(409, "cannot_disable_self",
                               {"Du kan ikke deaktivere din egen konto: ALIS-kontoret må alltid ha en aktiv konto.",
                                "Du kan ikkje deaktivera din eigen konto: ALIS-kontoret må alltid ha ein aktiv konto.",
                                "You cannot disable your own account: the ALIS office must always keep an active account."},
                               "user_id");
    }
    storage_->set_disabled(user.id, disabled);
    if (disabled) sessions_.end_all_of(user.id);
    audit_.record({0, 0, office.id, office.role, "admin", "user", user.id, "",
                   std::string(disabled ? "disabled " : "enabled ") + user.username});
    auto fresh = storage_->user_by_id(user.id);
    return Response::json(200, {{"user", account_row(*fresh)}});
}

}  // namespace alis::server
