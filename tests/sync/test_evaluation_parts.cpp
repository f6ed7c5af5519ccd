// POST /api/evaluation for a hospital and a municipality: each gets its own part of the figures and
// never another's; and over HTTP, a GP's registration is counted from its day and the figures of a
// window stay the same after the GP deletes everything (the server keeps facts that name no one).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>

#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {
const char* kDemo = alis::server::kDemoPassword;
const json kYear = {{"from", "2027-01-01"}, {"to", "2027-12-31"}};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<std::string> ids(const json& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r["id"]);
    return out;
}

json figures_of(const TestServer& s, const char* user, const json& window = kYear) {
    auto c = s.client();
    REQUIRE(c.login(user, kDemo).status == 200);
    auto r = c.post("/api/evaluation", window);
    REQUIRE(r.status == 200);
    return r.json();
}

std::vector<std::string> column(const std::string& data_dir, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((data_dir + "/alis.sqlite3").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}
}  // namespace

TEST_CASE("a hospital gets its own trust's figures and a municipality its own; never another's") {
    TestServer s;  // the demo: Helse Bergen 2 periods, Haraldsplass 1; Bergen's 2 GPs, both on its list
    const json office = figures_of(s, "demo-kontor");
    CHECK(office["total"]["periods"] == 3);
    CHECK(lower(office.dump()).find("haraldsplass") != std::string::npos);
    CHECK(office["doctors"]["registered"] == 2);

    const json bergen_hf = figures_of(s, "demo-sykehus");
    CHECK(bergen_hf["total"]["periods"] == 2);
    CHECK(ids(bergen_hf["by_hospital"]) == std::vector<std::string>{"helse-bergen"});
    CHECK(bergen_hf["doctors"]["registered"] == 0);
    CHECK(lower(bergen_hf.dump()).find("haraldsplass") == std::string::npos);
    CHECK(bergen_hf["scheme_start"] == office["scheme_start"]);
    const json stavanger = figures_of(s, "demo-sykehus2");
    CHECK(stavanger["total"]["periods"] == 0);
    CHECK(stavanger["by_hospital"].empty());

    const json bergen = figures_of(s, "demo-kommune");
    CHECK(bergen["doctors"]["registered"] == 2);
    CHECK(bergen["doctors"]["candidates"] == 2);
    CHECK(ids(bergen["by_municipality"]) == std::vector<std::string>{"bergen"});
    CHECK(bergen["by_municipality"][0]["gps"]["suppressed"] == true);  // 2 GPs: withheld even from Bergen
    CHECK(bergen["total"]["periods"] == 0);  // none of its GPs placed yet
    CHECK(lower(bergen.dump()).find("haraldsplass") == std::string::npos);
    CHECK(figures_of(s, "demo-kommune2")["doctors"]["registered"] == 0);

    // The download is the same part.
    auto c = s.client();
    REQUIRE(c.login("demo-sykehus", kDemo).status == 200);
    json csv_body = kYear;
    csv_body["format"] = "csv";
    auto csv = c.post("/api/evaluation", csv_body);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("Totalt;;Perioder;2\r\n") != std::string::npos);
    CHECK(lower(csv.body).find("haraldsplass") == std::string::npos);
}

TEST_CASE("a GP counts from the day of registering; a past window's figures stay after the GP deletes everything") {
    TestServer s;  // today 04.01.2027
    HttpClient gp1 = s.client(), gp2 = s.client(), hospital = s.client();
    REQUIRE(gp1.login("demo-lege", kDemo).status == 200);
    REQUIRE(gp2.login("demo-lege2", kDemo).status == 200);
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
    for (auto [c, d, n] : {std::tuple{&gp1, "d-demo-lege", "1"}, std::tuple{&gp2, "d-demo-lege2", "2"}}) {
        json push = {{"client_id", std::string("gp-") + n},
                     {"mutations", {mutation(1, "register_doctor", doctor_body(d, "bergen", std::string("Lege ") + n)),
                                    mutation(2, "put_available_time", available_time_body(std::string("a-") + n, d)),
                                    mutation(3, "put_wish", wish_body(std::string("w-") + n, d))}}};
        REQUIRE(c->post("/api/push", push).json()["applied"].size() == 3);
    }
    json offer = {{"id", "o-1"}, {"period_id", "p-ev"}, {"doctor_id", "d-demo-lege"}, {"start", "2027-03-01"}, {"end", "2027-08-31"}};
    REQUIRE(hospital.post("/api/push", {{"client_id", "hf"},
                                        {"mutations", {mutation(1, "publish_period", period_body("p-ev", "helse-bergen", "helse-bergen-indremedisin")),
                                                       mutation(2, "make_offer", offer)}}})
                .json()["applied"].size() == 2);
    REQUIRE(gp1.post("/api/push", {{"client_id", "gp-1"}, {"mutations", {mutation(4, "accept_offer", {{"offer_id", "o-1"}})}}})
                .json()["applied"].size() == 1);

    // By hand, 2027: the demo's 2 GPs and the 2 new ones registered today (all 4 new in the window),
    // each in general practice 3 years by now, free in 2027 with a wish; 1 offer made and accepted;
    // p-ev matched with a GP of Bergen; 4 periods.
    const json before = figures_of(s, "demo-kontor");
    CHECK(before["doctors"]["registered"] == 4);
    CHECK(before["doctors"]["newly_registered"] == 4);
    CHECK(before["doctors"]["eligible"] == 4);
    CHECK(before["doctors"]["with_free_time_and_wishes"] == 4);
    CHECK(before["offers"]["made"] == 1);
    CHECK(before["offers"]["accepted"] == 1);
    CHECK(before["total"]["matched"] == 1);
    CHECK(figures_of(s, "demo-kontor", {{"from", "2026-01-01"}, {"to", "2026-12-31"}})["doctors"]["registered"] == 0);

    REQUIRE(gp1.post("/api/me/delete", {{"password", kDemo}}).status == 200);
    const json after = figures_of(s, "demo-kontor");
    for (const char* part : {"doctors", "offers", "total", "days_to_match"}) {
        INFO(part);
        json a = after[part], b = before[part];
        if (std::string(part) == "doctors") {
            CHECK(a["left"] == 1);  // deleted today, in the window
            a.erase("left");
            b.erase("left");
        }
        CHECK(a == b);
    }
    // From February the deleted GP is no longer registered.
    CHECK(figures_of(s, "demo-kontor", {{"from", "2027-02-01"}, {"to", "2027-12-31"}})["doctors"]["registered"] == 3);

    // What the file keeps names no one: no id, name or HPR number of the GP, and no registration row.
    const auto kept = column(s.data_dir(), "SELECT kind || ' ' || body FROM departed_facts");
    CHECK(kept.size() == 2);  // the GP and the offer
    for (const auto& row : kept) {
        INFO(row);
        CHECK(row.find("d-demo-lege") == std::string::npos);
        CHECK(row.find("Lege 1") == std::string::npos);
        CHECK(row.find("1234567") == std::string::npos);
        CHECK(row.find("o-1") == std::string::npos);
    }
    CHECK(column(s.data_dir(), "SELECT doctor_id FROM doctor_registrations WHERE doctor_id = 'd-demo-lege'").empty());
    CHECK(column(s.data_dir(), "SELECT doctor_id FROM doctor_registrations WHERE doctor_id = 'd-demo-lege2'").size() == 1);
}
