// The ALIS office's user administration over HTTP: accounts made with a one-time password that must be
// replaced at first log-in, resets that end sessions, disabled accounts, and who may do any of it.
#include <doctest/doctest.h>

#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;

json hospital_user(const std::string& username) {
    return {{"username", username}, {"role", "hospital"}, {"organisation_id", "helse-bergen"},
            {"name", "Kari Koordinator"}, {"email", username + "@helse-bergen.no"}};
}

void log_in_office(HttpClient& c) { REQUIRE(c.login("demo-kontor", kDemo).status == 200); }

const json* row_of(const json& list, const std::string& username) {
    for (auto& u : list["users"]) {
        if (u["username"] == username) return &u;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("the office creates a hospital user who logs in with the one-time password and must change it") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    auto made = o.post("/api/users", hospital_user("kari.koordinator"));
    REQUIRE(made.status == 201);
    const json answer = made.json();
    const std::string one_time = answer["one_time_password"];
    CHECK(one_time.size() == 19);  // xxxx-xxxx-xxxx-xxxx
    CHECK(one_time[4] == '-');
    CHECK(answer["user"]["must_change_password"] == true);
    CHECK(answer["user"]["role"] == "hospital");
    CHECK(answer["user"]["organisation_id"] == "helse-bergen");
    CHECK_FALSE(answer["user"].contains("password_hash"));

    auto k = s.client();
    auto login = k.login("kari.koordinator", one_time);
    REQUIRE(login.status == 200);
    CHECK(login.json()["user"]["must_change_password"] == true);
    // Until a password of their own is chosen, nothing but the change is open.
    auto refused = k.post("/api/pull", {{"client_id", "kari-1"}, {"cookie", 0}});
    CHECK(refused.status == 403);
    CHECK(refused.json()["error"]["rule"] == "password_change_required");
    CHECK(k.get("/api/me").status == 200);

    auto changed = k.post("/api/password", {{"current_password", one_time}, {"new_password", "mitt-eget-passord"}});
    REQUIRE(changed.status == 200);
    CHECK(changed.json()["user"]["must_change_password"] == false);
    // The public record reaches the user's replica as GP registration's does.
    auto pulled = k.post("/api/pull", {{"client_id", "kari-1"}, {"cookie", 0}});
    REQUIRE(pulled.status == 200);
    bool in_replica = false;
    const json changes = pulled.json()["changes"];
    for (auto& c : changes) {
        in_replica = in_replica || (c["kind"] == "user" && c["id"] == answer["user"]["id"] &&
                                    c["body"]["organisation_id"] == "helse-bergen");
    }
    CHECK(in_replica);
    CHECK(s.client().login("kari.koordinator", one_time).status == 401);
    CHECK(s.client().login("kari.koordinator", "mitt-eget-passord").status == 200);

    // The list shows the account, its state, and never a hash.
    auto list = o.get("/api/users");
    REQUIRE(list.status == 200);
    const json users = list.json();
    const json* row = row_of(users, "kari.koordinator");
    REQUIRE(row);
    CHECK((*row)["must_change_password"] == false);
    CHECK((*row)["disabled"] == false);
    CHECK((*row)["created_at"].get<std::int64_t>() > 0);
    CHECK((*row)["name"] == "Kari Koordinator");
    CHECK(list.body.find("argon2") == std::string::npos);
    CHECK(list.body.find("password_hash") == std::string::npos);
    CHECK(o.post("/api/users/list", json::object()).json() == users);

    // Every step is in the audit log.
    auto audit = o.get("/api/audit?limit=10000");
    std::string details;
    const json entries = audit.json()["entries"];
    for (auto& e : entries) details += e["detail"].get<std::string>() + "\n";
    CHECK(details.find("account kari.koordinator created (hospital, helse-bergen)") != std::string::npos);
    CHECK(details.find("accounts listed") != std::string::npos);
}

TEST_CASE("only the ALIS office manages accounts") {
    TestServer s;
    CHECK(s.client().get("/api/users").status == 401);
    CHECK(s.client().post("/api/users", hospital_user("x.y.z")).status == 401);
    for (const char* who : {"demo-sykehus", "demo-kommune", "demo-lege"}) {
        CAPTURE(who);
        auto c = s.client();
        REQUIRE(c.login(who, kDemo).status == 200);
        auto list = c.get("/api/users");
        CHECK(list.status == 403);
        CHECK(list.json()["error"]["rule"] == "alis_office_only");
        CHECK(c.post("/api/users", hospital_user("sneaky")).status == 403);
        CHECK(c.post("/api/users/reset", {{"user_id", "anyone"}}).status == 403);
        CHECK(c.post("/api/users/disable", {{"user_id", "anyone"}}).status == 403);
    }
    CHECK_FALSE(s.app().storage().user_by_username("sneaky"));

    // The first administrator is an office account, but only after choosing their own password.
    auto admin = s.client();
    REQUIRE(admin.login("admin", s.admin_password).status == 200);
    auto early = admin.get("/api/users");
    CHECK(early.status == 403);
    CHECK(early.json()["error"]["rule"] == "password_change_required");
    REQUIRE(admin.post("/api/password", {{"current_password", s.admin_password}, {"new_password", "kontorets-passord"}})
                .status == 200);
    CHECK(admin.get("/api/users").status == 200);

    // Same-origin JSON, like every other state-changing call.
    auto o = s.client();
    log_in_office(o);
    CHECK(o.post("/api/users", hospital_user("via.form"), {{"Content-Type", "application/x-www-form-urlencoded"}}).status == 415);
    auto cross = o.post("/api/users", hospital_user("via.evil"), {{"Origin", "http://evil.example"}});
    CHECK(cross.status == 403);
    CHECK(cross.json()["error"]["rule"] == "cross_origin");
    CHECK(o.request("DELETE", "/api/users").status == 405);
}

TEST_CASE("a new account's fields are checked and each problem named") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    auto empty = o.post("/api/users", json::object());
    CHECK(empty.status == 422);
    const json e = empty.json();
    for (const char* field : {"username", "role", "organisation_id", "name", "email"}) {
        CAPTURE(field);
        CHECK(has_problem(e, field, "required"));
    }

    auto bad = o.post("/api/users", {{"username", "Ab"}, {"role", "pilot"}, {"organisation_id", "helse-bergen"},
                                     {"name", "X"}, {"email", "nope"}, {"language", "de"}});
    CHECK(bad.status == 422);
    const json b = bad.json();
    CHECK(has_problem(b, "username", "username_format"));
    CHECK(has_problem(b, "role", "unknown_role"));
    CHECK(has_problem(b, "email", "email_format"));
    CHECK(has_problem(b, "language", "unknown_language"));

    json gp = hospital_user("ny.lege");
    gp["role"] = "gp";
    CHECK(has_problem(o.post("/api/users", gp).json(), "role", "gp_registers_self"));

    json unknown = hospital_user("ny.koordinator");
    unknown["organisation_id"] = "helse-nowhere";
    CHECK(has_problem(o.post("/api/users", unknown).json(), "organisation_id", "unknown_organisation"));

    // The organisation must be of the role's kind: a hospital trust, a municipality, the office.
    json wrong_kind = hospital_user("ny.koordinator");
    wrong_kind["organisation_id"] = "bergen";
    CHECK(has_problem(o.post("/api/users", wrong_kind).json(), "organisation_id", "organisation_kind"));
    json department = hospital_user("ny.koordinator");
    department["organisation_id"] = "helse-bergen-indremedisin";
    CHECK(has_problem(o.post("/api/users", department).json(), "organisation_id", "organisation_kind"));
    json municipal = {{"username", "ny.kommune"}, {"role", "municipality"}, {"organisation_id", "helse-bergen"},
                      {"name", "K"}, {"email", "k@askoy.kommune.no"}};
    CHECK(has_problem(o.post("/api/users", municipal).json(), "organisation_id", "organisation_kind"));
    municipal["organisation_id"] = "askoy";
    CHECK(o.post("/api/users", municipal).status == 201);
    json office_user = {{"username", "ny.kontor"}, {"role", "alis_office"}, {"organisation_id", "alis-kontor-vest"},
                        {"name", "K"}, {"email", "k@alis.no"}, {"language", "nn"}};
    auto made = o.post("/api/users", office_user);
    CHECK(made.status == 201);
    CHECK(made.json()["user"]["language"] == "nn");

    CHECK_FALSE(s.app().storage().user_by_username("ny.koordinator"));
}

TEST_CASE("a taken username gets 409, whatever its case") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    REQUIRE(o.post("/api/users", hospital_user("kari.k")).status == 201);
    auto again = o.post("/api/users", hospital_user("Kari.K"));
    CHECK(again.status == 409);
    CHECK(has_problem(again.json(), "username", "username_taken"));
    auto demo = o.post("/api/users", hospital_user("demo-lege"));
    CHECK(demo.status == 409);
}

TEST_CASE("a reset gives a new one-time password and ends the user's sessions") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    auto id = s.app().storage().user_by_username("demo-sykehus")->id;
    auto a = s.client();
    auto b = s.client();
    REQUIRE(a.login("demo-sykehus", kDemo).status == 200);
    REQUIRE(b.login("demo-sykehus", kDemo).status == 200);

    auto reset = o.post("/api/users/reset", {{"user_id", id}});
    REQUIRE(reset.status == 200);
    const std::string one_time = reset.json()["one_time_password"];
    CHECK(one_time.size() == 19);
    CHECK(reset.json()["user"]["must_change_password"] == true);
    CHECK(a.get("/api/me").status == 401);
    CHECK(b.get("/api/me").status == 401);
    CHECK(s.client().login("demo-sykehus", kDemo).status == 401);
    auto fresh = s.client();
    auto login = fresh.login("demo-sykehus", one_time);
    REQUIRE(login.status == 200);
    CHECK(login.json()["user"]["must_change_password"] == true);

    auto unknown = o.post("/api/users/reset", {{"user_id", "u-nobody"}});
    CHECK(unknown.status == 404);
    CHECK(unknown.json()["error"]["rule"] == "unknown_user");
    CHECK(unknown.json()["error"]["field"] == "user_id");
    CHECK(has_problem(o.post("/api/users/reset", json::object()).json(), "user_id", "required"));
    // Your own password is changed with your current one, not reset.
    auto own = o.post("/api/users/reset", {{"user_id", s.app().storage().user_by_username("demo-kontor")->id}});
    CHECK(own.status == 409);
    CHECK(own.json()["error"]["rule"] == "use_password_change");
}

TEST_CASE("a disabled account cannot log in, its sessions end, and enabling lets it back") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    auto id = s.app().storage().user_by_username("demo-kommune")->id;
    auto k = s.client();
    REQUIRE(k.login("demo-kommune", kDemo).status == 200);

    auto off = o.post("/api/users/disable", {{"user_id", id}});
    REQUIRE(off.status == 200);
    CHECK(off.json()["user"]["disabled"] == true);
    CHECK(k.get("/api/me").status == 401);
    CHECK(k.post("/api/pull", {{"client_id", "k1"}, {"cookie", 0}}).status == 401);
    auto refused = s.client().login("demo-kommune", kDemo);
    CHECK(refused.status == 401);
    CHECK(refused.json()["error"]["rule"] == "invalid_credentials");  // says no more than a wrong password
    CHECK((*row_of(o.get("/api/users").json(), "demo-kommune"))["disabled"] == true);

    auto on = o.post("/api/users/enable", {{"user_id", id}});
    REQUIRE(on.status == 200);
    CHECK(on.json()["user"]["disabled"] == false);
    CHECK(s.client().login("demo-kommune", kDemo).status == 200);

    auto audit = o.get("/api/audit?limit=10000");
    std::string details;
    const json entries = audit.json()["entries"];
    for (auto& e : entries) details += e["detail"].get<std::string>() + "\n";
    CHECK(details.find("disabled demo-kommune") != std::string::npos);
    CHECK(details.find("enabled demo-kommune") != std::string::npos);
}

TEST_CASE("the office cannot disable its own account, so one active office account always remains") {
    TestServer s;
    auto o = s.client();
    log_in_office(o);
    auto self = o.post("/api/users/disable", {{"user_id", s.app().storage().user_by_username("demo-kontor")->id}});
    CHECK(self.status == 409);
    CHECK(self.json()["error"]["rule"] == "cannot_disable_self");
    CHECK(self.json()["error"]["field"] == "user_id");
    CHECK(o.get("/api/me").status == 200);
    // Another office account may be disabled: the caller's own stays active.
    auto admin_id = s.app().storage().user_by_username("admin")->id;
    CHECK(o.post("/api/users/disable", {{"user_id", admin_id}}).status == 200);
    CHECK(s.client().login("admin", s.admin_password).status == 401);
}
