// Log-in throttling that cannot be turned against the user, the trusted proxy, registration's rate
// limit, the hashing pool's 503, and the password policy as the server applies it (issue 9, items 4
// and 5). Addresses other than loopback come from X-Forwarded-For with 127.0.0.1 trusted.
#include <doctest/doctest.h>

#include <future>

#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {

const char* kDemo = alis::server::kDemoPassword;

TestServerOptions behind_proxy() {
    TestServerOptions o;
    o.accounts.trusted_proxies = {"127.0.0.1"};
    return o;
}

HttpResult login_from(HttpClient& c, const std::string& address, const std::string& user, const std::string& password) {
    return c.post("/api/login", {{"username", user}, {"password", password}}, {{"X-Forwarded-For", address}});
}
HttpResult login_from(HttpClient&& c, const std::string& address, const std::string& user, const std::string& password) {
    return login_from(c, address, user, password);
}

json registration(const std::string& username, const std::string& password = "en-lang-og-sjelden-frase") {
    return {{"username", username}, {"password", password}, {"name", "Kari Lege"}, {"email", username + "@example.no"}};
}

}  // namespace

TEST_CASE("an attacker at one address cannot keep a user at another address out") {
    TestServer s(behind_proxy());
    REQUIRE_FALSE(s.admin_password.empty());
    auto attacker = s.client();
    // One wrong try after every wait: the old throttle kept admin locked out for as long as this went on.
    for (int i = 0; i < 12; ++i) {
        auto r = login_from(attacker, "203.0.113.66", "admin", "not-the-password");
        CHECK((r.status == 401 || r.status == 429));
        if (r.status == 429) s.clock().advance(std::stoi(r.header("retry-after")));
    }
    CHECK(login_from(attacker, "203.0.113.66", "admin", "not-the-password").status == 401);  // a fresh failure
    auto refused = login_from(attacker, "203.0.113.66", "admin", s.admin_password);
    CHECK(refused.status == 429);  // the attacker's own address waits, even with the right password
    CHECK(refused.json()["error"]["rule"] == "too_many_attempts");
    CHECK(std::stoi(refused.header("retry-after")) > 0);

    auto owner = s.client();
    auto r = login_from(owner, "198.51.100.7", "admin", s.admin_password);
    CHECK(r.status == 200);
    CHECK(r.json()["user"]["username"] == "admin");
}

TEST_CASE("one user's failures behind a NAT do not lock out the others behind it") {
    TestServer s(behind_proxy());
    auto c = s.client();
    // Far beyond the old per-address limit of 30, all by one account.
    for (int i = 0; i < 40; ++i) {
        s.clock().advance(3600);  // each wait has passed: every try is a real failure
        CHECK(login_from(c, "10.1.2.3", "demo-lege", "mistyped-password").status == 401);
    }
    CHECK(login_from(s.client(), "10.1.2.3", "demo-lege2", kDemo).status == 200);
    CHECK(login_from(s.client(), "10.1.2.3", "demo-sykehus", kDemo).status == 200);
}

TEST_CASE("many accounts failing from one address reach the address ceiling (spraying)") {
    TestServerOptions o = behind_proxy();
    o.accounts.throttle.address_ceiling = 10;
    TestServer s(o);
    auto c = s.client();
    for (int i = 0; i < 10; ++i) CHECK(login_from(c, "10.9.9.9", "user-" + std::to_string(i), "a-guessed-password").status == 401);
    auto r = login_from(c, "10.9.9.9", "demo-lege", kDemo);
    CHECK(r.status == 429);
    CHECK_FALSE(r.header("retry-after").empty());
    CHECK(login_from(c, "10.9.9.10", "demo-lege", kDemo).status == 200);
}

TEST_CASE("X-Forwarded-For is ignored unless the peer is a trusted proxy") {
    TestServer s;  // no trusted proxy: the default
    auto attacker = s.client();
    for (int i = 0; i < 5; ++i) CHECK(login_from(attacker, "203.0.113.66", "demo-kommune", "not-the-password").status == 401);
    // A header naming another address changes nothing: both are the TCP peer 127.0.0.1.
    CHECK(login_from(s.client(), "198.51.100.7", "demo-kommune", kDemo).status == 429);

    TestServer proxied(behind_proxy());
    auto a = proxied.client();
    for (int i = 0; i < 5; ++i) CHECK(login_from(a, "203.0.113.66", "demo-kommune", "not-the-password").status == 401);
    CHECK(login_from(proxied.client(), "198.51.100.7", "demo-kommune", kDemo).status == 200);
    // Only the last hop counts: what the client put before it is its own claim.
    CHECK(login_from(proxied.client(), "198.51.100.7, 203.0.113.66", "demo-kommune", kDemo).status == 429);
    // A last hop that is no address falls back to the peer.
    CHECK(login_from(proxied.client(), "not-an-address", "demo-kommune", kDemo).status == 200);
}

TEST_CASE("registration is rate-limited per address with 429 and Retry-After") {
    TestServerOptions o = behind_proxy();
    o.accounts.register_per_hour = 2;
    TestServer s(o);
    const Headers from{{"X-Forwarded-For", "192.0.2.10"}};
    CHECK(s.client().post("/api/register", registration("gp.en"), from).status == 201);
    CHECK(s.client().post("/api/register", registration("gp.to"), from).status == 201);
    auto r = s.client().post("/api/register", registration("gp.tre"), from);
    CHECK(r.status == 429);
    CHECK(r.json()["error"]["rule"] == "too_many_registrations");
    CHECK(std::stoi(r.header("retry-after")) > 0);
    CHECK(s.client().post("/api/register", registration("gp.fire"), {{"X-Forwarded-For", "192.0.2.11"}}).status == 201);
    s.clock().advance(3600);
    CHECK(s.client().post("/api/register", registration("gp.tre"), from).status == 201);
}

TEST_CASE("a full hashing pool answers 503 busy with Retry-After, and serves again once free") {
    TestServerOptions o;
    o.accounts.hash_threads = 1;
    o.accounts.hash_queue = 1;
    TestServer s(o);
    std::promise<void> started, release, queued_done;
    std::shared_future<void> go = release.get_future().share();
    auto& pool = s.app().password_pool();
    REQUIRE(pool.try_submit([&started, go] {
        started.set_value();
        go.wait();
    }));
    started.get_future().wait();          // the only thread is held
    REQUIRE(pool.try_submit([go, &queued_done] {  // and the one queue place taken
        go.wait();
        queued_done.set_value();
    }));
    auto login = s.client().login("demo-lege", kDemo);
    CHECK(login.status == 503);
    CHECK(login.json()["error"]["rule"] == "busy");
    CHECK(login.header("retry-after") == "1");
    auto reg = s.client().post("/api/register", registration("kari.venter"));
    CHECK(reg.status == 503);
    CHECK(s.client().get("/api/health").status == 200);  // other requests do not wait for the pool
    release.set_value();
    // Free once the queued job has been taken and run (before that the queue may still be full).
    queued_done.get_future().wait();
    CHECK(s.client().login("demo-lege", kDemo).status == 200);
    CHECK(s.client().post("/api/register", registration("kari.venter")).status == 201);
}

TEST_CASE("weak passwords are refused with the rule named; length counts characters, not bytes") {
    TestServer s;
    for (const char* weak : {"password12", "1234567890", "qwertyuiop", "Sommer2024"}) {
        auto r = s.client().post("/api/register", registration("kari.svak", weak));
        CHECK(r.status == 422);
        CHECK_MESSAGE(has_problem(r.json(), "password", "common_password"), weak);
    }
    // Ten characters with æ, ø and å: 13 bytes, 10 characters, accepted.
    auto ten = s.client().post("/api/register", registration("kari.ti", "ærø-kåpe-9"));
    CHECK(ten.status == 201);
    // Nine characters are too short though they take 12 bytes.
    auto nine = s.client().post("/api/register", registration("kari.ni", "ærø-kåpe9"));
    CHECK(nine.status == 422);
    CHECK(has_problem(nine.json(), "password", "too_short"));
    auto named = s.client().post("/api/register", registration("ola.nordmann", "OLA.NORDMANN-sitt-passord"));
    CHECK(has_problem(named.json(), "password", "contains_username"));

    auto c = s.client();
    REQUIRE(c.login("demo-lege", kDemo).status == 200);
    auto change = c.post("/api/password", {{"current_password", kDemo}, {"new_password", "password12"}});
    CHECK(change.status == 422);
    CHECK(has_problem(change.json(), "new_password", "common_password"));
}

TEST_CASE("the server refuses an e-mail address the browser's check refuses") {
    TestServer s;
    for (const char* bad : {"kari@x", "kari@@x.no", "kari@x..no", "kari@-x.no", ".kari@x.no", "ka ri@x.no"}) {
        auto r = s.client().post("/api/register", {{"username", "kari.epost"}, {"password", "en-lang-og-sjelden-frase"},
                                                   {"name", "Kari"}, {"email", bad}});
        CHECK(r.status == 422);
        CHECK_MESSAGE(has_problem(r.json(), "email", "email_format"), bad);
    }
}
