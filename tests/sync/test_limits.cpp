// The request limits over HTTP (request_limits.hpp, docs/sync-server.md): per-endpoint body sizes, the
// JSON shape, the per-user push rate, and rejections kept only until their client has pulled them.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;

const Headers kJson = {{"Content-Type", "application/json"}};

std::string rule_of(const HttpResult& r) { return r.json()["error"].value("rule", ""); }

long rejection_rows(const std::string& data_dir) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((data_dir + "/alis.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM rejections", -1, &st, nullptr);
    sqlite3_step(st);
    const long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

json rejected_mutations(std::int64_t first, int n) {
    json ms = json::array();
    for (int i = 0; i < n; ++i) ms.push_back(mutation(first + i, "delete_wish", {{"id", "no-such-wish"}}));
    return ms;
}
}  // namespace

TEST_SUITE("request limits") {
TEST_CASE("a push nested past the depth limit gets 413 too_deep and the server keeps serving") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
    deep += "1" + std::string(100000, '}');
    const std::string body = R"({"client_id":"c1","mutations":[{"id":1,"name":"put_wish","args":)" + deep + "}]}";
    auto r = gp.request("POST", "/api/push", body, kJson);
    CHECK(r.status == 413);
    CHECK(rule_of(r) == "too_deep");
    auto arrays = gp.request("POST", "/api/push", std::string(300000, '[') + std::string(300000, ']'), kJson);
    CHECK(arrays.status == 413);
    CHECK(rule_of(arrays) == "too_deep");
    CHECK(gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}}).status == 200);
}

TEST_CASE("log-in and pull bodies are limited to a few KB; a push may be larger") {
    TestServer s;
    auto c = s.client();
    auto login = c.post("/api/login", {{"username", std::string(20000, 'u')}, {"password", "x"}});
    CHECK(login.status == 413);
    CHECK(rule_of(login) == "body_too_large");
    CHECK(login.json()["error"]["message"]["en"].get<std::string>().find("8192") != std::string::npos);
    REQUIRE(c.login("demo-lege", kDemo).status == 200);
    auto pull = c.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}, {"padding", std::string(10000, 'p')}});
    CHECK(pull.status == 413);
    // 200 KB of mutations within the push limit (1 MiB here) are read and processed.
    auto push = c.post("/api/push", {{"client_id", "c1"}, {"mutations", rejected_mutations(1, 2000)}});
    CHECK(push.status == 400);  // the body was read: over kMaxMutationsPerPush is a shape problem, not a size one
    CHECK(push.json()["problems"][0]["rule"] == "too_many");
}

TEST_CASE("a login body of many values is refused by the JSON limits, not parsed whole") {
    TestServer s;
    auto c = s.client();
    std::string many = "{\"username\":\"demo-lege\",\"password\":\"x\",\"pad\":[";
    for (int i = 0; i < 2000; ++i) many += "0,";
    many += "0]}";
    auto r = c.request("POST", "/api/login", many, kJson);
    CHECK(r.status == 413);
    CHECK(rule_of(r) == "too_many_items");
}

TEST_CASE("one user's pushes beyond the rate get 429 with Retry-After; another user is not slowed") {
    TestServerOptions o;
    o.push = {1.0, 1000.0};
    TestServer s(o);
    auto a = s.client();
    REQUIRE(a.login("demo-lege", kDemo).status == 200);
    auto b = s.client();
    REQUIRE(b.login("demo-lege2", kDemo).status == 200);
    REQUIRE(a.post("/api/push", {{"client_id", "a1"}, {"mutations", rejected_mutations(1, 1000)}}).status == 200);
    auto refused = a.post("/api/push", {{"client_id", "a1"}, {"mutations", rejected_mutations(1001, 100)}});
    CHECK(refused.status == 429);
    CHECK(rule_of(refused) == "push_rate");
    const int after = std::stoi(refused.header("retry-after"));
    CHECK(after >= 90);   // 100 mutations at 1 per second
    CHECK(after <= 101);
    // Nothing of the refused push was processed.
    CHECK(a.post("/api/pull", {{"client_id", "a1"}, {"cookie", 0}}).json()["last_mutation_id"] == 1000);
    CHECK(b.post("/api/push", {{"client_id", "b1"}, {"mutations", rejected_mutations(1, 10)}}).status == 200);
}

TEST_CASE("rejection rows are deleted once the client pulls past them, and stay until then") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    REQUIRE(gp.post("/api/push", {{"client_id", "c1"}, {"mutations", rejected_mutations(1, 50)}}).status == 200);
    CHECK(rejection_rows(s.data_dir()) == 50);
    auto first = gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}});
    REQUIRE(first.status == 200);
    CHECK(first.json()["rejections"].size() == 50);
    CHECK(rejection_rows(s.data_dir()) == 50);  // the answer may not have reached the client
    auto second = gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", first.json()["cookie"]}});
    REQUIRE(second.status == 200);
    CHECK(second.json()["rejections"].empty());
    CHECK(rejection_rows(s.data_dir()) == 0);
}

TEST_CASE("after a restart the forgotten rejections stay forgotten") {
    TempDir dir;
    std::int64_t cookie = 0;
    {
        TestServer s({}, dir.path() + "/data");
        auto gp = s.client();
        REQUIRE(gp.login("demo-lege", kDemo).status == 200);
        REQUIRE(gp.post("/api/push", {{"client_id", "c1"}, {"mutations", rejected_mutations(1, 3)}}).status == 200);
        cookie = gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}}).json()["cookie"];
        REQUIRE(gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", cookie}}).status == 200);
    }
    TestServer again({}, dir.path() + "/data");
    auto gp = again.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    CHECK(gp.post("/api/pull", {{"client_id", "c1"}, {"cookie", 0}}).json()["rejections"].empty());
}
}
