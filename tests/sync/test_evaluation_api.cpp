// POST /api/evaluation over HTTP: the office gets the figures of a window (the demo's three periods),
// a malformed or reversed window is refused naming the field and the rule, and a GP may not ask.
#include <doctest/doctest.h>

#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

TEST_CASE("the office gets the evaluation figures; a bad window names the field; a GP is refused") {
    TestServer s;
    auto o = s.client();
    REQUIRE(o.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    auto answer = o.post("/api/evaluation", {{"from", "2000-01-01"}, {"to", "2099-12-31"}});
    REQUIRE(answer.status == 200);
    const json figures = answer.json();
    CHECK(figures["total"]["periods"] == 3);
    CHECK(figures["window"]["from"] == "2000-01-01");
    CHECK(figures["by_hospital"].size() >= 1);
    CHECK(figures["by_hospital"][0]["name"].get<std::string>().find(' ') != std::string::npos);  // a name, not an id

    CHECK(figures["scheme_start"].is_string());

    // The download: the CSV of the same window, as `alis-sync report --format csv` writes it.
    auto csv = o.post("/api/evaluation", {{"from", "2000-01-01"}, {"to", "2099-12-31"}, {"format", "csv"}});
    REQUIRE(csv.status == 200);
    CHECK(csv.header("content-type").rfind("text/csv", 0) == 0);
    CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv.body.find("Totalt;;Perioder;3\r\n") != std::string::npos);
    auto bad_format = o.post("/api/evaluation", {{"from", "2000-01-01"}, {"to", "2099-12-31"}, {"format", "xlsx"}});
    REQUIRE(bad_format.status == 422);
    CHECK(bad_format.json()["problems"][0]["field"] == "format");
    CHECK(bad_format.json()["problems"][0]["rule"] == "one_of");

    auto empty = o.post("/api/evaluation", {{"from", "1990-01-01"}, {"to", "1990-12-31"}});
    REQUIRE(empty.status == 200);
    CHECK(empty.json()["total"]["periods"] == 0);

    auto bad = o.post("/api/evaluation", {{"from", "01.01.2027"}, {"to", "2026-12-31"}});
    REQUIRE(bad.status == 422);
    const json problems = bad.json()["problems"];
    REQUIRE(problems.size() == 1);
    CHECK(problems[0]["field"] == "from");
    CHECK(problems[0]["rule"] == "date_format");
    auto reversed = o.post("/api/evaluation", {{"from", "2027-02-01"}, {"to", "2027-01-01"}});
    REQUIRE(reversed.status == 422);
    CHECK(reversed.json()["problems"][0]["field"] == "to");
    CHECK(reversed.json()["problems"][0]["rule"] == "window_order");

    // A GP has no part of the figures (hospitals and municipalities: test_evaluation_parts.cpp).
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", alis::server::kDemoPassword).status == 200);
    auto refused = gp.post("/api/evaluation", {{"from", "2000-01-01"}, {"to", "2099-12-31"}});
    CHECK(refused.status == 403);
    CHECK(refused.json()["error"]["rule"] == "evaluation_not_for_role");
    CHECK(s.client().post("/api/evaluation", {{"from", "2000-01-01"}, {"to", "2099-12-31"}}).status == 401);
}
