// The real server killed with SIGKILL at random moments during pushes, again and again: no
// acknowledged mutation may be lost, and the database must pass PRAGMA integrity_check every time.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "../portal_data.hpp"
#include "bootstrap.hpp"
#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const long kBaseDay = alis::days_from_civil({2027, 9, 1});

std::map<std::string, long> ends_of(const json& pull) {
    std::map<std::string, long> out;
    for (auto& ch : pull["changes"]) {
        if (ch["kind"] == "available_time" && ch["deleted"] == false) {
            out[ch["id"].get<std::string>()] = alis::days_from_civil(*alis::parse_iso(ch["body"]["end"].get<std::string>()));
        }
    }
    return out;
}
}  // namespace

TEST_SUITE("crash") {
TEST_CASE("SIGKILL during pushes loses no acknowledged mutation (50 kills)") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    const std::vector<std::string> base = {"serve", "--listen", "127.0.0.1:0", "--data", data,
                                           "--test-clock", "--today", "2027-01-04", "--threads", "2"};
    std::mt19937 rng(20270104);
    // The core caps a GP at 100 spans of free time, so each pusher rewrites its own 30 ids with an
    // ever later end date; for each id the disk must hold at least the last acknowledged end date.
    std::map<std::string, long> acknowledged;  // available_time id -> last acknowledged end (days)
    long writes = 0;
    std::map<int, long> counter_of;  // per pusher, across rounds
    std::int64_t acked_mutation_id = 0;
        const int kills = 50;
    for (int round = 0; round < kills; ++round) {
        auto args = base;
        if (round == 0) args.push_back("--demo");
        ServerProcess server(ALIS_SYNC_BINARY, args);
        HttpClient c("127.0.0.1", server.port);
        REQUIRE(c.login("demo-lege", alis::server::kDemoPassword).status == 200);

        // Everything acknowledged before the last kill is there.
        auto pull = c.post("/api/pull", {{"client_id", "crash-client"}, {"cookie", 0}});
        REQUIRE(pull.status == 200);
        auto pj = pull.json();
        auto present = ends_of(pj);
        for (auto& [id, end] : acknowledged) {
            CAPTURE(round);
            CAPTURE(id);
            REQUIRE(present.count(id) == 1);
            REQUIRE(present[id] >= end);
        }
        std::int64_t last = pj["last_mutation_id"].get<std::int64_t>();
        REQUIRE(last >= acked_mutation_id);
        std::int64_t next = last + 1;
        if (round == 0) {
            auto r = c.post("/api/push", {{"client_id", "crash-client"},
                                          {"mutations", {mutation(next, "register_doctor", doctor_body("d-demo-lege", "bergen"))}}});
            REQUIRE(r.status == 200);
            acked_mutation_id = next++;
        }

        // Three clients push batches concurrently (so commits are grouped) until the kill lands at a
        // random moment. A batch counts as acknowledged only when its 200 answer arrived.
        std::atomic<bool> killed{false};
        int delay_ms = std::uniform_int_distribution<int>(5, 200)(rng);
        std::thread killer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            server.kill9();
            killed = true;
        });
        std::mutex ack_mutex;
        std::vector<std::thread> pushers;
        for (int p = 0; p < 3; ++p) {
            std::string client_id = p == 0 ? "crash-client" : "crash-client-" + std::to_string(p);
            std::int64_t start_id = p == 0 ? next : 0;
            pushers.emplace_back([&, p, client_id, start_id] {
                HttpClient pc("127.0.0.1", server.port);
                pc.session = c.session;
                std::int64_t n = start_id;
                if (n == 0) {
                    auto pr = pc.post("/api/pull", {{"client_id", client_id}, {"cookie", 0}});
                    if (pr.status != 200) return;
                    n = pr.json()["last_mutation_id"].get<std::int64_t>() + 1;
                }
                while (!killed.load()) {
                    json batch = json::array();
                    std::vector<std::pair<std::string, long>> ids;
                    for (int i = 0; i < 5; ++i) {
                        long k;
                        {
                            std::lock_guard lock(ack_mutex);
                            k = ++counter_of[p];
                        }
                        std::string id = "a" + std::to_string(p) + "-" + std::to_string(k % 30);
                        long end = kBaseDay + k;
                        ids.emplace_back(id, end);
                        auto body = available_time_body(id, "d-demo-lege");
                        body["end"] = alis::to_iso(alis::civil_from_days(end));
                        batch.push_back(mutation(n + i, "put_available_time", body));
                    }
                    auto r = pc.post("/api/push", {{"client_id", client_id}, {"mutations", batch}});
                    if (r.status != 200) break;  // the server died mid-request: not acknowledged
                    if (r.json()["applied"].size() != 5) {
                        MESSAGE("push not applied: " << r.body);
                        break;
                    }
                    std::lock_guard lock(ack_mutex);
                    for (auto& [id, end] : ids) acknowledged[id] = std::max(acknowledged[id], end);
                    writes += 5;
                    n += 5;
                    if (p == 0) acked_mutation_id = n - 1;
                }
            });
        }
        for (auto& t : pushers) t.join();
        killer.join();

        std::string out;
        int rc = run_command(ALIS_SYNC_BINARY, {"check", "--data", data}, out);
        CAPTURE(out);
        REQUIRE(rc == 0);
        REQUIRE(out.find("integrity_check: ok") != std::string::npos);
    }
    // A final start proves the last kill lost nothing either.
    ServerProcess server(ALIS_SYNC_BINARY, base);
    HttpClient c("127.0.0.1", server.port);
    REQUIRE(c.login("demo-lege", alis::server::kDemoPassword).status == 200);
    auto pj = c.post("/api/pull", {{"client_id", "crash-client"}, {"cookie", 0}}).json();
    auto present = ends_of(pj);
    for (auto& [id, end] : acknowledged) {
        REQUIRE(present.count(id) == 1);
        REQUIRE(present[id] >= end);
    }
    MESSAGE(kills << " kills, " << writes << " acknowledged writes to " << acknowledged.size() << " records, none lost");
    CHECK(writes > 0);
}
}
