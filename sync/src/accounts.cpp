// Accounts: login, logout, me, GP self-registration, password change, and the ALIS office's user
// administration (accounts made with a one-time password, reset, disable, enable).
#include <algorithm>
#include <cctype>
#include <variant>

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

// The rules every new account's own fields follow, whoever makes it.
void check_account_fields(JsonFields& f, const std::string& username, const std::string& email,
                          const std::string& language) {
    if (!username.empty() && !valid_username(username)) {
        f.add("username", "username_format",
              {"Brukernavnet må ha 3–64 tegn: små bokstaver a–z, sifre og . _ - @.",
               "Brukarnamnet må ha 3–64 teikn: små bokstavar a–z, siffer og . _ - @.",
               "The username must have 3–64 characters: lower-case letters a–z, digits and . _ - @."});
    }
    if (!email.empty() && !valid_email(email)) {
        f.add("email", "email_format", {"E-postadressen er ikke gyldig.", "E-postadressa er ikkje gyldig.",
                                        "The e-mail address is not valid."});
    }
    if (!language.empty() && !language_from_code(language)) {
        f.add("language", "unknown_language", {"Språket må være nb, nn eller en.", "Språket må vera nb, nn eller en.",
                                               "The language must be nb, nn or en."});
    }
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
    check_account_fields(f, username, email, language);
    check_password(f, "password", password, username);
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
        return record_refused(e);
    } catch (const DuplicateError&) {
        return username_taken();
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

// The kind of organisation each role the office creates belongs to. GP accounts register themselves.
const char* organisation_kind_for(const std::string& role) {
    if (role == "hospital") return "hospital_trust";
    if (role == "municipality") return "municipality";
    if (role == "alis_office") return "alis_office";
    return nullptr;
}

Text organisation_kind_message(const std::string& role) {
    if (role == "hospital") {
        return {"En sykehuskoordinator må høre til et helseforetak.", "Ein sjukehuskoordinator må høyra til eit helseføretak.",
                "A hospital coordinator must belong to a hospital trust."};
    }
    if (role == "municipality") {
        return {"En kommunebruker må høre til en kommune.", "Ein kommunebrukar må høyra til ein kommune.",
                "A municipal user must belong to a municipality."};
    }
    return {"En bruker på ALIS-kontoret må høre til ALIS-kontoret.", "Ein brukar på ALIS-kontoret må høyra til ALIS-kontoret.",
            "An ALIS office user must belong to the ALIS office."};
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
    std::string username = lower(f.text("username", 64, true));
    std::string role = f.text("role", 32, true);
    std::string organisation_id = f.text("organisation_id", 100, true);
    std::string name = f.text("name", 200, true);
    std::string email = f.text("email", 254, true);
    std::string language = f.text("language", 2, false);
    check_account_fields(f, username, email, language);
    const char* kind = organisation_kind_for(role);
    if (role == "gp") {
        f.add("role", "gp_registers_self",
              {"Fastleger oppretter kontoen sin selv under «Registrer deg som fastlege».",
               "Fastlegar opprettar kontoen sin sjølve under «Registrer deg som fastlege».",
               "GPs create their own account under “Register as a GP”."});
    } else if (!role.empty() && !kind) {
        f.add("role", "unknown_role",
              {"Rollen må være hospital, municipality eller alis_office.", "Rolla må vera hospital, municipality eller alis_office.",
               "The role must be hospital, municipality or alis_office."});
    }
    if (kind && !organisation_id.empty()) {
        auto organisation = storage_->record_body("organisation", organisation_id);
        if (!organisation) {
            f.add("organisation_id", "unknown_organisation",
                  {"Ukjent organisasjon.", "Ukjend organisasjon.", "Unknown organisation."});
        } else if (organisation->value("kind", "") != kind) {
            f.add("organisation_id", "organisation_kind", organisation_kind_message(role));
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
    try {
        user = create_account(*storage_, sync_, *clock_, user, password);
    } catch (const AccountRefused& e) {
        return record_refused(e);
    } catch (const DuplicateError&) {
        return username_taken();
    }
    audit_.record({0, 0, office.id, office.role, "admin", "user", user.id, "",
                   "account " + user.username + " created (" + user.role + ", " + user.organisation_id + ") from " +
                       req.remote_ip});
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
    storage_->set_password(user.id, hash_password(password), true);
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
