// Accounts: login, logout, me, GP self-registration, password change.
#include <algorithm>
#include <cctype>

#include "alis/json_fields.hpp"
#include "app.hpp"
#include "crypto.hpp"

namespace alis::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 256;  // Argon2 takes any length; this bounds the work per request

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool valid_username(const std::string& u) {
    if (u.size() < 3 || u.size() > 64) return false;
    return std::all_of(u.begin(), u.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-' || c == '@';
    });
}

bool valid_email(const std::string& e) {
    auto at = e.find('@');
    return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos && e.back() != '.' &&
           e.find(' ') == std::string::npos && e.find('@', at + 1) == std::string::npos;
}

void check_password(JsonFields& f, const char* field, const std::string& password, const std::string& username) {
    if (password.empty()) return;  // "required" already said
    if (password.size() < kMinPassword) {
        f.add(field, "too_short",
              {"Passordet må ha minst 10 tegn.", "Passordet må ha minst 10 teikn.", "The password must have at least 10 characters."});
    } else if (!username.empty() && lower(password).find(username) != std::string::npos) {
        f.add(field, "contains_username",
              {"Passordet kan ikke inneholde brukernavnet.", "Passordet kan ikkje innehalde brukarnamnet.",
               "The password must not contain the username."});
    }
}

Response invalid(const Problems& problems) {
    return Response::problems(422, "invalid_fields",
                              {"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                               "Some fields are not filled in correctly."},
                              problems);
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
    user.username = lower(user.username);
    if (user.id.empty()) user.id = random_id("u-");
    if (user.role == "gp" && user.doctor_id.empty()) user.doctor_id = random_id("d-");
    user.password_hash = hash_password(password);
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

Response App::login(const Request& req, const json& body) {
    Problems problems;
    JsonFields f(body, "", problems);
    std::string username = lower(f.text("username", 64, true));
    std::string password = f.text("password", kMaxPassword, true);
    if (!problems.empty()) return invalid(problems);

    if (auto wait = throttle_.retry_after(username, req.remote_ip); wait > 0) {
        Response r = Response::error(429, "too_many_attempts",
                                     {"For mange mislykkede forsøk; vent " + std::to_string(wait) + " sekunder.",
                                      "For mange mislukka forsøk; vent " + std::to_string(wait) + " sekund.",
                                      "Too many failed attempts; wait " + std::to_string(wait) + " seconds."});
        r.headers.emplace_back("Retry-After", std::to_string(wait));
        return r;
    }
    auto user = storage_->user_by_username(username);
    bool ok = false;
    if (user && !user->disabled) {
        ok = verify_password(user->password_hash, password);
    } else {
        burn_password_time(password);  // no faster answer for unknown names
    }
    if (!ok) {
        throttle_.failed(username, req.remote_ip);
        audit_.record({0, 0, user ? user->id : "", user ? user->role : "", "login_failed", "", "", "",
                       "username " + username + " from " + req.remote_ip});
        return Response::error(401, "invalid_credentials",
                               {"Feil brukernavn eller passord.", "Feil brukarnamn eller passord.",
                                "Wrong username or password."});
    }
    throttle_.succeeded(username);
    std::string token = sessions_.create(*user);
    audit_.record({0, 0, user->id, user->role, "login", "", "", user->doctor_id, "from " + req.remote_ip});
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
    Problems problems;
    JsonFields f(body, "", problems);
    std::string username = lower(f.text("username", 64, true));
    std::string password = f.text("password", kMaxPassword, true);
    std::string name = f.text("name", 200, true);
    std::string email = f.text("email", 254, true);
    std::string language = f.text("language", 2, false);
    if (!username.empty() && !valid_username(username)) {
        f.add("username", "username_format",
              {"Brukernavnet må ha 3–64 tegn: små bokstaver a–z, sifre og . _ - @.",
               "Brukarnamnet må ha 3–64 teikn: små bokstavar a–z, siffer og . _ - @.",
               "The username must have 3–64 characters: lower-case letters a–z, digits and . _ - @."});
    }
    check_password(f, "password", password, username);
    if (!email.empty() && !valid_email(email)) {
        f.add("email", "email_format", {"E-postadressen er ikke gyldig.", "E-postadressa er ikkje gyldig.",
                                        "The e-mail address is not valid."});
    }
    if (!language.empty() && !language_from_code(language)) {
        f.add("language", "unknown_language", {"Språket må være nb, nn eller en.", "Språket må vera nb, nn eller en.",
                                               "The language must be nb, nn or en."});
    }
    if (!problems.empty()) return invalid(problems);

    UserRecord user;
    user.username = username;
    user.role = "gp";
    user.display_name = name;
    user.email = email;
    user.language = language.empty() ? "nb" : language;
    try {
        user = create_account(*storage_, sync_, *clock_, user, password);
    } catch (const AccountRefused& e) {
        return Response::json(422, {{"error", {{"status", 422}, {"rule", "invalid_fields"},
                                               {"message", Text{"Noen felt er ikke fylt ut riktig.", "Nokre felt er ikkje fylte ut rett.",
                                                                "Some fields are not filled in correctly."}}}},
                                    {"problems", e.problems}});
    } catch (const DuplicateError&) {
        Problems taken{{"username", "username_taken",
                        {"Brukernavnet er allerede i bruk.", "Brukarnamnet er alt i bruk.", "The username is already taken."}}};
        return Response::problems(409, "username_taken",
                                  {"Brukernavnet er allerede i bruk.", "Brukarnamnet er alt i bruk.",
                                   "The username is already taken."},
                                  taken);
    }
    audit_.record({0, 0, user.id, user.role, "register", "user", user.id, user.doctor_id, "from " + req.remote_ip});
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
    std::string current = f.text("current_password", kMaxPassword, true);
    std::string next = f.text("new_password", kMaxPassword, true);
    check_password(f, "new_password", next, user->username);
    if (problems.empty() && !verify_password(user->password_hash, current)) {
        f.add("current_password", "wrong_password",
              {"Nåværende passord er feil.", "Noverande passord er feil.", "The current password is wrong."});
    }
    if (!problems.empty()) return invalid(problems);
    storage_->set_password(user->id, hash_password(next), false);
    // Every other session of this user ends: a changed password must lock out whoever else had it.
    sessions_.end_all_of(user->id);
    auto fresh = storage_->user_by_id(user->id);
    std::string token = sessions_.create(*fresh);
    audit_.record({0, 0, user->id, user->role, "admin", "user", user->id, "", "password changed"});
    Response r = Response::json(200, {{"user", public_user(*fresh)}});
    r.headers.emplace_back("Set-Cookie", sessions_.set_cookie(token));
    (void)req;
    return r;
}

}  // namespace alis::server
