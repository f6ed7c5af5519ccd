// /api/push and /api/pull over HTTP: round trip, durability across a restart, visibility, bad input.
#include <doctest/doctest.h>

#include <algorithm>

#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;

bool pulled(const json& pull, const std::string& kind, const std::string& id) {
    for (auto& c : pull["changes"]) {
        if (c["kind"] == kind && c["id"] == id && c["deleted"] == false) return true;
    }
    return false;
}
}  // namespace

TEST_CASE("push then pull round trip, and the state survives a restart") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    json push = {{"client_id", "laptop-1"},
                 {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen", "Kari Nordmann")),
                                mutation(2, "put_available_time", available_time_body("a1", "d-demo-lege"))}}};
    auto r = gp.post("/api/push", push);
    REQUIRE(r.status == 200);
    CHECK(r.json()["status"] == "ok");
    CHECK(r.json()["last_mutation_id"] == 2);
    CHECK(r.json()["applied"] == json::array({1, 2}));

    auto p = gp.post("/api/pull", {{"client_id", "laptop-1"}, {"cookie", 0}});
    REQUIRE(p.status == 200);
    auto pj = p.json();
    CHECK(pj["last_mutation_id"] == 2);
    CHECK(pulled(pj, "doctor", "d-demo-lege"));
    CHECK(pulled(pj, "available_time", "a1"));
    CHECK(pulled(pj, "organisation", "helse-bergen"));
    const auto cookie = pj["cookie"].get<std::int64_t>();

    // Nothing new: an empty pull.
    auto again = gp.post("/api/pull", {{"client_id", "laptop-1"}, {"cookie", cookie}}).json();
    CHECK(again["changes"].empty());

    // Another GP does not see this GP's data.
    auto other = s.client();
    REQUIRE(other.login("demo-lege2", kDemo).status == 200);
    auto op = other.post("/api/pull", {{"client_id", "other-1"}, {"cookie", 0}}).json();
    CHECK_FALSE(pulled(op, "doctor", "d-demo-lege"));
    CHECK_FALSE(pulled(op, "available_time", "a1"));

    // The ALIS office can read the audit trail of that write and of the read.
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", kDemo).status == 200);
    auto audit = office.get("/api/audit?doctor_id=d-demo-lege").json()["entries"];
    bool wrote = false, read = false;
    for (auto& e : audit) {
        wrote = wrote || (e["action"] == "write" && e["record_id"] == "a1");
        read = read || (e["action"] == "read" && e["kind"] == "doctor");
    }
    CHECK(wrote);
    CHECK(read);

    // Restart on the same data folder: the state is rebuilt from SQLite.
    std::string dir = s.data_dir();
    s.stop();
    TestServerOptions o;
    o.demo = false;
    TestServer s2(o, dir);
    auto gp2 = s2.client();
    REQUIRE(gp2.login("demo-lege", kDemo).status == 200);
    auto p2 = gp2.post("/api/pull", {{"client_id", "laptop-1"}, {"cookie", 0}}).json();
    CHECK(p2["last_mutation_id"] == 2);
    CHECK(pulled(p2, "available_time", "a1"));
    // A replayed push is skipped, not applied twice.
    auto replay = gp2.post("/api/push", push).json();
    CHECK(replay["applied"].empty());
    CHECK(replay["last_mutation_id"] == 2);
    CHECK(s2.app().storage().integrity_check() == "ok");
}

TEST_CASE("a rejected mutation comes back with its reason on the next pull") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    auto r = gp.post("/api/push", {{"client_id", "c"}, {"mutations", {mutation(1, "put_available_time",
                                                                              available_time_body("a1", "d-nobody"))}}});
    REQUIRE(r.status == 200);
    CHECK(r.json()["applied"].empty());
    CHECK(r.json()["last_mutation_id"] == 1);
    auto p = gp.post("/api/pull", {{"client_id", "c"}, {"cookie", 0}}).json();
    REQUIRE(p["rejections"].size() == 1);
    CHECK(p["rejections"][0]["mutation_id"] == 1);
    CHECK_FALSE(p["rejections"][0]["problems"].empty());
}

TEST_CASE("a gap in mutation ids is refused until the missing one comes") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    auto r = gp.post("/api/push", {{"client_id", "g"}, {"mutations", {mutation(3, "register_doctor", doctor_body("d-demo-lege", "bergen"))}}});
    CHECK(r.json()["status"] == "gap");
    CHECK(r.json()["expected_id"] == 1);
}

TEST_CASE("bad push and pull bodies get 4xx naming the field and rule") {
    TestServer s;
    auto anon = s.client();
    CHECK(anon.post("/api/pull", {{"client_id", "x"}, {"cookie", 0}}).status == 401);
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);

    auto malformed = gp.request("POST", "/api/push", "{\"client_id\": ", {{"Content-Type", "application/json"}});
    CHECK(malformed.status == 400);
    CHECK(malformed.json()["error"]["rule"] == "malformed_json");

    auto array = gp.request("POST", "/api/push", "[1,2]", {{"Content-Type", "application/json"}});
    CHECK(array.status == 400);
    CHECK(array.json()["error"]["rule"] == "not_an_object");

    auto unknown = gp.post("/api/push", {{"client_id", "c"}, {"mutations", {mutation(1, "drop_all_tables", json::object())}}});
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["problems"][0]["field"] == "mutations[0].name");
    CHECK(unknown.json()["problems"][0]["rule"] == "unknown_mutation");

    auto long_id = gp.post("/api/push", {{"client_id", std::string(5000, 'c')}, {"mutations", json::array()}});
    CHECK(long_id.status == 400);
    CHECK(long_id.json()["problems"][0]["field"].get<std::string>().find("client_id") != std::string::npos);

    auto bad_cookie = gp.post("/api/pull", {{"client_id", "c"}, {"cookie", "yesterday"}});
    CHECK(bad_cookie.status == 400);
    CHECK_FALSE(bad_cookie.json()["problems"].empty());

    auto no_mutations = gp.post("/api/push", {{"client_id", "c"}, {"mutations", 7}});
    CHECK(no_mutations.status == 400);

    auto huge_cv = gp.post("/api/push", {{"client_id", "c"}, {"mutations", {mutation(1, "register_doctor",
                                            [] { auto d = doctor_body("d-demo-lege", "bergen"); d["cv_text"] = std::string(60000, 'x'); return d; }())}}});
    CHECK(huge_cv.status == 200);  // a rule broken inside a mutation is a rejection the user reads
    auto pulled_back = gp.post("/api/pull", {{"client_id", "c"}, {"cookie", 0}}).json();
    REQUIRE(pulled_back["rejections"].size() == 1);
    CHECK(pulled_back["rejections"][0]["problems"][0]["rule"] == "too_long");
    // A string past what any field takes is refused while the body is read.
    auto huger = gp.post("/api/push", {{"client_id", "c"}, {"mutations", {mutation(2, "register_doctor",
                                          [] { auto d = doctor_body("d-demo-lege", "bergen"); d["cv_text"] = std::string(300000, 'x'); return d; }())}}});
    CHECK(huger.status == 413);
    CHECK(huger.json()["error"]["rule"] == "string_too_long");
    CHECK(s.client().get("/api/health").status == 200);
}

TEST_CASE("another user's client id is refused") {
    TestServer s;
    auto a = s.client();
    REQUIRE(a.login("demo-lege", kDemo).status == 200);
    REQUIRE(a.post("/api/push", {{"client_id", "shared"}, {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen"))}}}).status == 200);
    auto b = s.client();
    REQUIRE(b.login("demo-lege2", kDemo).status == 200);
    auto r = b.post("/api/push", {{"client_id", "shared"}, {"mutations", {mutation(2, "register_doctor", doctor_body("d-demo-lege2", "askoy"))}}});
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
}

TEST_CASE("the two-month release runs as a server job") {
    TestServer s;
    auto h = s.client();
    REQUIRE(h.login("demo-sykehus", kDemo).status == 200);
    auto r = h.post("/api/push", {{"client_id", "h"}, {"mutations", {mutation(1, "publish_period",
                                                                           period_body("p1", "helse-bergen", "helse-bergen-indremedisin"))}}});
    REQUIRE(r.status == 200);
    REQUIRE(r.json()["applied"] == json::array({1}));
    auto status_of_p1 = [&] {
        auto p = h.post("/api/pull", {{"client_id", "h"}, {"cookie", 0}}).json();
        for (auto& c : p["changes"]) if (c["kind"] == "period" && c["id"] == "p1") return c["body"]["status"].get<std::string>();
        return std::string("missing");
    };
    CHECK(status_of_p1() == "published");
    REQUIRE(h.post("/api/test/clock", {{"advance_days", 70}}).status == 200);
    REQUIRE(h.post("/api/test/run-jobs", json::object()).status == 200);
    REQUIRE(h.login("demo-sykehus", kDemo).status == 200);  // 70 days later the session has expired
    CHECK(status_of_p1() == "released");
}

TEST_CASE("a forked client is refused over HTTP (409, forked_client), also after a restart; a replay is not") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    json first = {{"client_id", "tab-1"},
                  {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen", "Kari Nordmann")),
                                 mutation(2, "put_available_time", available_time_body("a1", "d-demo-lege"))}}};
    REQUIRE(gp.post("/api/push", first).status == 200);
    json fork = {{"client_id", "tab-1"}, {"mutations", {mutation(2, "put_available_time", available_time_body("a2", "d-demo-lege")),
                                                         mutation(3, "put_available_time", available_time_body("a3", "d-demo-lege"))}}};
    auto r = gp.post("/api/push", fork);
    CHECK(r.status == 409);
    CHECK(r.json()["status"] == "forked");
    CHECK(r.json()["forked_id"] == 2);
    CHECK(r.json()["problems"][0]["rule"] == "forked_client");
    CHECK(r.json()["problems"][0]["field"] == "mutations[0].id");

    // The digests are stored: after a restart the same push is still refused, the replay still skipped.
    std::string dir = s.data_dir();
    s.stop();
    TestServerOptions o;
    o.demo = false;
    TestServer s2(o, dir);
    auto gp2 = s2.client();
    REQUIRE(gp2.login("demo-lege", kDemo).status == 200);
    CHECK(gp2.post("/api/push", fork).status == 409);
    auto replay = gp2.post("/api/push", first);
    CHECK(replay.status == 200);
    CHECK(replay.json()["applied"].empty());
    auto p = gp2.post("/api/pull", {{"client_id", "tab-1"}, {"cookie", 0}}).json();
    CHECK(pulled(p, "available_time", "a1"));
    CHECK_FALSE(pulled(p, "available_time", "a2"));
    CHECK_FALSE(pulled(p, "available_time", "a3"));
}
