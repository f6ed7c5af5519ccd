// A GP's own data over HTTP (GDPR art. 15 and 17): the export holds exactly the GP's data, the
// deletion needs the password, empties the SQLite file of the GP, reaches a hospital's next pull as
// tombstones, and the account can no longer log in.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;

// One number from the SQLite file itself, read by a separate connection as any tool would.
std::int64_t count_in_file(const std::string& data_dir, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((data_dir + "/alis.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    sqlite3_step(st);
    const std::int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

bool has_change(const json& pull, const std::string& kind, const std::string& id, bool deleted) {
    for (auto& c : pull["changes"]) {
        if (c["kind"] == kind && c["id"] == id && c["deleted"] == deleted) return true;
    }
    return false;
}

std::vector<std::string> ids(const json& list) {
    std::vector<std::string> out;
    for (auto& r : list) out.push_back(r["id"]);
    return out;
}

// Two GPs with a profile, free time and a wish; GP 1 has accepted a hospital's offer.
struct Region {
    TestServer s;
    HttpClient gp1 = s.client(), gp2 = s.client(), hospital = s.client();
    std::string gp1_user;

    Region() {
        auto login = gp1.login("demo-lege", kDemo);
        REQUIRE(login.status == 200);
        gp1_user = login.json()["user"]["id"];
        REQUIRE(gp2.login("demo-lege2", kDemo).status == 200);
        REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
        for (auto [c, d, n] : {std::tuple{&gp1, "d-demo-lege", "1"}, std::tuple{&gp2, "d-demo-lege2", "2"}}) {
            json push = {{"client_id", std::string("gp-") + n},
                         {"mutations", {mutation(1, "register_doctor", doctor_body(d, "bergen", std::string("Lege ") + n)),
                                        mutation(2, "put_available_time", available_time_body(std::string("a-") + n, d)),
                                        mutation(3, "put_wish", wish_body(std::string("w-") + n, d))}}};
            auto r = c->post("/api/push", push);
            REQUIRE(r.status == 200);
            REQUIRE(r.json()["applied"].size() == 3);
        }
        json offer = {{"id", "o-1"}, {"period_id", "p-gdpr"}, {"doctor_id", "d-demo-lege"}, {"start", "2027-03-01"}, {"end", "2027-08-31"}};
        auto r = hospital.post("/api/push", {{"client_id", "hf"},
                                              {"mutations", {mutation(1, "publish_period", period_body("p-gdpr", "helse-bergen", "helse-bergen-indremedisin")),
                                                             mutation(2, "make_offer", offer)}}});
        REQUIRE(r.json()["applied"].size() == 2);
        r = gp1.post("/api/push", {{"client_id", "gp-1"}, {"mutations", {mutation(4, "accept_offer", {{"offer_id", "o-1"}})}}});
        REQUIRE(r.json()["applied"].size() == 1);
    }
};

}  // namespace

TEST_CASE("the export holds the GP's account, records, and audit, and nothing of another GP") {
    Region r;
    auto answer = r.gp1.post("/api/me/export", json::object());
    REQUIRE(answer.status == 200);
    const json data = answer.json();
    CHECK(data["account"]["username"] == "demo-lege");
    CHECK(data["account"]["role"] == "gp");
    CHECK(data["account"]["doctor_id"] == "d-demo-lege");
    CHECK(data["account"]["created_at"].get<std::int64_t>() > 0);
    CHECK(data["account"]["last_login_at"].is_number());
    CHECK(data["account"]["last_login_on"] == "2027-01-04");  // the day the inactivity rule counts from
    CHECK(data["account"]["inactivity_warned_on"].is_null());
    CHECK(data["records"]["doctor"]["name"] == "Lege 1");
    CHECK(ids(data["records"]["available_times"]) == std::vector<std::string>{"a-1"});
    CHECK(ids(data["records"]["wishes"]) == std::vector<std::string>{"w-1"});
    CHECK(ids(data["records"]["offers"]) == std::vector<std::string>{"o-1"});
    CHECK(data["records"]["offers"][0]["status"] == "accepted");
    CHECK(data["notifications"].is_array());
    CHECK(data["mails"].is_array());
    // The audit: the GP's own log-in and writes, and the hospital's write of the offer about them.
    bool own_login = false, hospital_wrote = false;
    for (auto& e : data["audit"]["by_you"]) own_login = own_login || e["action"] == "login";
    for (auto& e : data["audit"]["about_you"]) hospital_wrote = hospital_wrote || (e["record_id"] == "o-1" && e["role"] == "hospital");
    CHECK(own_login);
    CHECK(hospital_wrote);
    CHECK(data["truncated"].empty());
    // Never a credential, never the other GP.
    CHECK(answer.body.find("argon2") == std::string::npos);
    CHECK(answer.body.find("password_hash") == std::string::npos);
    CHECK(answer.body.find("d-demo-lege2") == std::string::npos);
    CHECK(answer.body.find("a-2") == std::string::npos);

    // A hospital coordinator exports the account part; no doctor data.
    auto hf = r.hospital.post("/api/me/export", json::object());
    REQUIRE(hf.status == 200);
    CHECK(hf.json()["account"]["role"] == "hospital");
    CHECK(hf.json()["records"]["doctor"].is_null());
    CHECK(r.s.client().post("/api/me/export", json::object()).status == 401);
}

TEST_CASE("a wrong password deletes nothing; the right one deletes the GP everywhere") {
    Region r;
    const std::string dir = r.s.data_dir();
    const json before = r.hospital.post("/api/pull", {{"client_id", "hf"}, {"cookie", 0}}).json();
    REQUIRE(has_change(before, "doctor", "d-demo-lege", false));
    REQUIRE(has_change(before, "offer", "o-1", false));
    const std::int64_t cookie = before["cookie"];

    auto missing = r.gp1.post("/api/me/delete", json::object());
    CHECK(missing.status == 422);
    CHECK(has_problem(missing.json(), "password", "required"));
    auto wrong = r.gp1.post("/api/me/delete", {{"password", "ikke-mitt-passord"}});
    CHECK(wrong.status == 403);
    CHECK(wrong.json()["error"]["rule"] == "wrong_password");
    CHECK(has_problem(wrong.json(), "password", "wrong_password"));
    CHECK(r.gp1.get("/api/me").status == 200);
    CHECK(count_in_file(dir, "SELECT count(*) FROM records WHERE id = 'd-demo-lege' AND deleted = 0") == 1);

    // Other roles' accounts are the office's to manage.
    auto hf = r.hospital.post("/api/me/delete", {{"password", kDemo}});
    CHECK(hf.status == 403);
    CHECK(hf.json()["error"]["rule"] == "managed_by_office");

    auto done = r.gp1.post("/api/me/delete", {{"password", kDemo}});
    REQUIRE(done.status == 200);
    CHECK(done.json()["records"]["doctor"] == 1);
    CHECK(done.header("set-cookie").find("Max-Age=0") != std::string::npos);

    // Gone from the file: the account, its sessions, and every record (tombstones without a body).
    const std::string u = r.gp1_user;
    CHECK(count_in_file(dir, "SELECT count(*) FROM users WHERE id = '" + u + "'") == 0);
    CHECK(count_in_file(dir, "SELECT count(*) FROM sessions WHERE user_id = '" + u + "'") == 0);
    CHECK(count_in_file(dir, "SELECT count(*) FROM notifications WHERE user_id = '" + u + "'") == 0);
    CHECK(count_in_file(dir, "SELECT count(*) FROM clients WHERE user_id = '" + u + "'") == 0);
    for (const char* id : {"d-demo-lege", "a-1", "w-1", "o-1"}) {
        INFO(id);
        CHECK(count_in_file(dir, std::string("SELECT count(*) FROM records WHERE id = '") + id + "' AND deleted = 1 AND body = 'null'") == 1);
    }
    CHECK(count_in_file(dir, "SELECT count(*) FROM records WHERE deleted = 0 AND body LIKE '%Lege 1%'") == 0);
    // The other GP keeps everything.
    CHECK(count_in_file(dir, "SELECT count(*) FROM records WHERE id IN ('d-demo-lege2', 'a-2', 'w-2') AND deleted = 0") == 3);
    // The audit keeps the fact, not the data.
    r.s.app().audit().flush();
    CHECK(count_in_file(dir, "SELECT count(*) FROM audit_log WHERE action = 'delete' AND kind = 'account' AND record_id = '" + u + "'") == 1);
    CHECK(count_in_file(dir, "SELECT count(*) FROM audit_log WHERE detail LIKE '%demo-lege %' OR detail LIKE '%username demo-lege'") == 0);

    // The hospital's next pull: tombstones, and the period's place is free again.
    const json after = r.hospital.post("/api/pull", {{"client_id", "hf"}, {"cookie", cookie}}).json();
    CHECK(after["reset"] == false);
    CHECK(has_change(after, "doctor", "d-demo-lege", true));
    CHECK(has_change(after, "offer", "o-1", true));
    CHECK(has_change(after, "wish", "w-1", true));
    bool reopened = false;
    for (auto& c : after["changes"]) reopened = reopened || (c["id"] == "p-gdpr" && c["body"]["status"] == "published");
    CHECK(reopened);

    // The session is over, and the account cannot log in again.
    CHECK(r.gp1.get("/api/me").status == 401);
    CHECK(r.s.client().login("demo-lege", kDemo).status == 401);
    // It survives a restart: nothing comes back from the file.
    r.s.stop();
    TestServerOptions no_demo;
    no_demo.demo = false;  // the demo would make the demo account again
    TestServer again(no_demo, dir);
    auto h = again.client();
    REQUIRE(h.login("demo-sykehus", kDemo).status == 200);
    const json fresh = h.post("/api/pull", {{"client_id", "hf2"}, {"cookie", 0}}).json();
    CHECK_FALSE(has_change(fresh, "doctor", "d-demo-lege", false));
    CHECK(has_change(fresh, "doctor", "d-demo-lege2", false));
    CHECK(again.client().login("demo-lege", kDemo).status == 401);
}
