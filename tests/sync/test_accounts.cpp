// Accounts and access: login, logout, sessions and their expiry, throttling, registration,
// same-origin checks, the audit log.
#include <doctest/doctest.h>

#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;
}  // namespace

TEST_CASE("login sets a strict HttpOnly cookie; me and logout follow it") {
    TestServer s;
    auto c = s.client();
    CHECK(c.get("/api/me").status == 401);
    auto r = c.login("demo-sykehus", kDemo);
    REQUIRE(r.status == 200);
    CHECK(r.json()["role"] == "hospital");
    CHECK(r.json()["user"]["organisation_id"] == "helse-bergen");
    CHECK(r.json()["user"].contains("password_hash") == false);
    REQUIRE(r.set_cookies.size() == 1);
    const std::string& cookie = r.set_cookies[0];
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Path=/") != std::string::npos);
    auto me = c.get("/api/me");
    CHECK(me.status == 200);
    CHECK(me.json()["user"]["username"] == "demo-sykehus");

    // The token is stored only as a hash.
    CHECK_FALSE(s.app().storage().session(c.session).has_value());

    auto out = c.post("/api/logout", json::object());
    CHECK(out.status == 200);
    CHECK(out.set_cookies.at(0).find("Max-Age=0") != std::string::npos);
    c.session = c.session.empty() ? "" : c.session;  // the browser would drop it; keep it to prove it is dead
    CHECK(c.get("/api/me").status == 401);
}

TEST_CASE("a wrong password or unknown user gets 401 without saying which") {
    TestServer s;
    auto c = s.client();
    auto a = c.login("demo-lege", "wrong-password-1");
    auto b = c.login("nobody-here", "wrong-password-1");
    CHECK(a.status == 401);
    CHECK(b.status == 401);
    CHECK(a.json()["error"]["rule"] == b.json()["error"]["rule"]);
    CHECK(a.set_cookies.empty());
}

TEST_CASE("sessions expire when idle and after the absolute limit") {
    TestServerOptions o;
    o.sessions.idle_seconds = 3600;
    o.sessions.absolute_seconds = 4 * 3600;
    TestServer s(o);
    auto c = s.client();
    REQUIRE(c.login("demo-lege", kDemo).status == 200);
    s.clock().advance(3000);
    CHECK(c.get("/api/me").status == 200);  // active: the idle timer restarts
    s.clock().advance(3000);
    CHECK(c.get("/api/me").status == 200);
    s.clock().advance(3601);
    CHECK(c.get("/api/me").status == 401);  // idle too long

    REQUIRE(c.login("demo-lege", kDemo).status == 200);
    for (int i = 0; i < 4; ++i) {
        s.clock().advance(3500);
        CHECK(c.get("/api/me").status == 200);
    }
    s.clock().advance(1000);  // 4 h 15 min after login, though never idle
    CHECK(c.get("/api/me").status == 401);
}

TEST_CASE("failed logins are throttled per username") {
    TestServer s;
    auto c = s.client();
    for (int i = 0; i < 5; ++i) CHECK(c.login("demo-kommune", "not-the-password").status == 401);
    auto r = c.login("demo-kommune", kDemo);  // even the right password waits
    CHECK(r.status == 429);
    CHECK(r.json()["error"]["rule"] == "too_many_attempts");
    CHECK(std::stoi(r.header("retry-after")) > 0);
    CHECK(c.login("demo-kontor", kDemo).status == 200);  // other users are not affected
    s.clock().advance(16 * 60);
    CHECK(c.login("demo-kommune", kDemo).status == 200);
}

TEST_CASE("GP registration validates every field and names each rule") {
    TestServer s;
    auto c = s.client();
    auto empty = c.post("/api/register", json::object());
    CHECK(empty.status == 422);
    auto ej = empty.json();
    CHECK(has_problem(ej, "username", "required"));
    CHECK(has_problem(ej, "password", "required"));
    CHECK(has_problem(ej, "name", "required"));
    CHECK(has_problem(ej, "email", "required"));

    auto bad = c.post("/api/register", {{"username", "Ab"}, {"password", "short"}, {"name", "Kari"},
                                        {"email", "not-an-address"}, {"language", "de"}});
    CHECK(bad.status == 422);
    auto bj = bad.json();
    CHECK(has_problem(bj, "username", "username_format"));
    CHECK(has_problem(bj, "password", "too_short"));
    CHECK(has_problem(bj, "email", "email_format"));
    CHECK(has_problem(bj, "language", "unknown_language"));

    auto typed = c.post("/api/register", {{"username", 5}, {"password", "long-enough-pw"}, {"name", "K"}, {"email", "k@x.no"}});
    CHECK(has_problem(typed.json(), "username", "not_text"));

    auto ok = c.post("/api/register", {{"username", "kari.lege"}, {"password", "et-langt-passord"},
                                       {"name", "Kari Lege"}, {"email", "kari@example.no"}, {"language", "nn"}});
    REQUIRE(ok.status == 201);
    CHECK(ok.json()["role"] == "gp");
    CHECK_FALSE(ok.json()["user"]["doctor_id"].get<std::string>().empty());
    CHECK(c.get("/api/me").json()["user"]["username"] == "kari.lege");

    auto dup = s.client().post("/api/register", {{"username", "Kari.Lege"}, {"password", "et-annet-passord"},
                                                 {"name", "Kari"}, {"email", "kari2@example.no"}});
    CHECK(dup.status == 409);
    CHECK(has_problem(dup.json(), "username", "username_taken"));
    CHECK(s.client().login("kari.lege", "et-langt-passord").status == 200);
}

TEST_CASE("state-changing requests must be same-origin JSON") {
    TestServer s;
    auto c = s.client();
    auto form = c.post("/api/login", {{"username", "demo-lege"}, {"password", kDemo}},
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(form.status == 415);
    CHECK(form.json()["error"]["rule"] == "content_type_json_required");
    auto plain = c.request("POST", "/api/login", "{}", {{"Content-Type", "text/plain"}});
    CHECK(plain.status == 415);
    auto evil = c.post("/api/login", {{"username", "demo-lege"}, {"password", kDemo}}, {{"Origin", "http://evil.example"}});
    CHECK(evil.status == 403);
    CHECK(evil.json()["error"]["rule"] == "cross_origin");
    CHECK(evil.json()["error"]["field"] == "Origin");
    auto site = c.post("/api/login", {{"username", "demo-lege"}, {"password", kDemo}}, {{"Sec-Fetch-Site", "cross-site"}});
    CHECK(site.status == 403);
    // Without an Origin header (curl, the CLI) same-origin JSON passes.
    auto no_origin = c.request("POST", "/api/login", json{{"username", "demo-lege"}, {"password", kDemo}}.dump(),
                               {{"Content-Type", "application/json"}});
    CHECK(no_origin.status == 200);
    auto ok = c.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}});
    CHECK(ok.status == 200);
    // Logged in, but a cross-site push is still refused.
    auto push = c.post("/api/push", {{"client_id", "c1"}, {"mutations", json::array()}}, {{"Origin", "http://evil.example"}});
    CHECK(push.status == 403);
}

TEST_CASE("the ALIS office reads the audit log; others may not") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    CHECK(gp.get("/api/audit").status == 403);
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", kDemo).status == 200);
    auto r = office.get("/api/audit?limit=50");
    REQUIRE(r.status == 200);
    bool saw_login = false;
    const json body = r.json();
    for (auto& e : body["entries"]) saw_login = saw_login || (e["action"] == "login");
    CAPTURE(r.body);
    CHECK(saw_login);
    CHECK(office.get("/api/audit?limit=abc").status == 400);
    CHECK(s.client().get("/api/audit").status == 401);
}

TEST_CASE("changing the password ends the other sessions") {
    TestServer s;
    auto a = s.client();
    auto b = s.client();
    REQUIRE(a.login("demo-lege2", kDemo).status == 200);
    REQUIRE(b.login("demo-lege2", kDemo).status == 200);
    auto weak = a.post("/api/password", {{"current_password", kDemo}, {"new_password", "kort"}});
    CHECK(weak.status == 422);
    auto wrong = a.post("/api/password", {{"current_password", "feil-passord-her"}, {"new_password", "et-nytt-langt-passord"}});
    CHECK(wrong.status == 422);
    auto ok = a.post("/api/password", {{"current_password", kDemo}, {"new_password", "et-nytt-langt-passord"}});
    CHECK(ok.status == 200);
    CHECK(a.get("/api/me").status == 200);
    CHECK(b.get("/api/me").status == 401);
    CHECK(s.client().login("demo-lege2", "et-nytt-langt-passord").status == 200);
}

TEST_CASE("the first administrator has a one-time password to change") {
    TestServer s;
    REQUIRE_FALSE(s.admin_password.empty());
    auto c = s.client();
    auto r = c.login("admin", s.admin_password);
    REQUIRE(r.status == 200);
    CHECK(r.json()["role"] == "alis_office");
    CHECK(r.json()["user"]["must_change_password"] == true);
}
