// What a pull or a rejection must not tell a user, over HTTP (issue 9): another GP's record ids in
// tombstones, a record's existence through already_exists; and a registration must not make every
// client pull its whole view again.
#include <doctest/doctest.h>

#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;

bool names(const json& pull, const std::string& id) {
    for (auto& c : pull["changes"]) {
        if (c["id"] == id) return true;
    }
    return false;
}
}  // namespace

TEST_CASE("another GP's records never reach a pull, not even as tombstones; a taken id is not_found") {
    TestServer s;
    auto gp = s.client(), other = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    REQUIRE(other.login("demo-lege2", kDemo).status == 200);
    REQUIRE(gp.post("/api/push", {{"client_id", "gp-1"}, {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen"))}}})
                .status == 200);
    const auto cookie = gp.post("/api/pull", {{"client_id", "gp-1"}, {"cookie", 0}}).json()["cookie"].get<std::int64_t>();
    auto pushed = other.post("/api/push", {{"client_id", "other-1"},
                                           {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege2", "bergen")),
                                                          mutation(2, "put_available_time", available_time_body("at-secret", "d-demo-lege2")),
                                                          mutation(3, "put_available_time", available_time_body("at-kept", "d-demo-lege2")),
                                                          mutation(4, "delete_available_time", {{"id", "at-secret"}})}}});
    REQUIRE(pushed.json()["applied"].size() == 4);
    auto p = gp.post("/api/pull", {{"client_id", "gp-1"}, {"cookie", cookie}}).json();
    CHECK(p["reset"] == false);
    CHECK_FALSE(names(p, "at-secret"));
    CHECK_FALSE(names(p, "at-kept"));
    CHECK_FALSE(names(p, "d-demo-lege2"));
    // The owner gets its tombstone.
    auto own = other.post("/api/pull", {{"client_id", "other-1"}, {"cookie", cookie}}).json();
    CHECK(names(own, "at-secret"));
    // Claiming the other GP's id: not_found, as if it did not exist.
    gp.post("/api/push", {{"client_id", "gp-1"}, {"mutations", {mutation(2, "put_available_time", available_time_body("at-kept", "d-demo-lege"))}}});
    auto rejected = gp.post("/api/pull", {{"client_id", "gp-1"}, {"cookie", cookie}}).json();
    REQUIRE(rejected["rejections"].size() == 1);
    CHECK(rejected["rejections"][0]["problems"][0]["field"] == "available_time.id");
    CHECK(rejected["rejections"][0]["problems"][0]["rule"] == "not_found");
}

TEST_CASE("a new GP's registration does not make other clients pull their whole view") {
    TestServer s;
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    const auto cookie = gp.post("/api/pull", {{"client_id", "gp-1"}, {"cookie", 0}}).json()["cookie"].get<std::int64_t>();
    auto reg = s.client().post("/api/register", {{"username", "ny.fastlege"}, {"password", "Fjordhest-Granitt-Lyng-47"},
                                                 {"name", "Ny Fastlege"}, {"email", "ny.fastlege@example.no"}});
    REQUIRE(reg.status == 201);
    const std::string new_id = reg.json()["user"]["id"];
    auto p = gp.post("/api/pull", {{"client_id", "gp-1"}, {"cookie", cookie}}).json();
    CHECK(p["reset"] == false);
    CHECK(p["changes"].empty());
    CHECK_FALSE(names(p, new_id));
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", kDemo).status == 200);
    auto o = office.post("/api/pull", {{"client_id", "office-1"}, {"cookie", cookie}}).json();
    CHECK(o["reset"] == false);
    CHECK(names(o, new_id));
}
