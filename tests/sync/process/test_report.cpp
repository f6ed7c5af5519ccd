// `alis-sync report` on the real binary: the demo's periods counted, the same figures after the sweep
// has deleted the periods (the anonymous facts are kept), CSV for Excel, and a bad window refused.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;

TEST_SUITE("cli") {
TEST_CASE("report: the demo's periods, the same figures after the sweep, CSV with BOM, a bad window refused") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"init", "--data", data, "--demo"}, out) == 0);
    const std::vector<std::string> json_report{"report", "--data", data, "--from", "2000-01-01", "--to", "2099-12-31", "--format", "json"};
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, json_report, out) == 0);
    const auto before = nlohmann::json::parse(out, nullptr, false);
    REQUIRE_MESSAGE(before.is_object(), out);
    CHECK(before["total"]["periods"] == 3);
    CHECK(before["window"]["to"] == "2099-12-31");

    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"sweep", "--data", data, "--test-clock", "--today", "2031-01-01"}, out) == 0);
    REQUIRE(out.find("period: 3") != std::string::npos);
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, json_report, out) == 0);
    const auto after = nlohmann::json::parse(out, nullptr, false);
    REQUIRE_MESSAGE(after.is_object(), out);
    // The periods are gone from the state; the facts kept say what became of them: the sweep applied
    // the two-month rule on its day before deleting, so the open ones count as released.
    CHECK(after["total"]["periods"] == before["total"]["periods"]);
    CHECK(after["total"]["places"] == before["total"]["places"]);
    CHECK(after["total"]["released"] == 3);
    CHECK(after["total"]["open"] == 0);
    CHECK(after["by_hospital"].size() == before["by_hospital"].size());

    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"report", "--data", data, "--from", "2000-01-01", "--to", "2099-12-31"}, out) == 0);
    CHECK(out.rfind("\xEF\xBB\xBF" "Del;Nøkkel;Mål;Verdi\r\n", 0) == 0);
    CHECK(out.find("Totalt;;Perioder;3\r\n") != std::string::npos);

    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"report", "--data", data, "--from", "2027-02-01", "--to", "2027-01-01"}, out) == 2);
    CHECK(out.find("--from not after --to") != std::string::npos);
}

TEST_CASE("report and POST /api/evaluation agree byte for byte, for the office and for a hospital's part") {
    std::string office_json, office_csv, hospital_json;
    TestServer s;
    {
        auto office = s.client();
        REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
        const nlohmann::json window = {{"from", "2027-01-01"}, {"to", "2027-12-31"}};
        auto answer = office.post("/api/evaluation", window);
        REQUIRE(answer.status == 200);
        office_json = answer.body;
        nlohmann::json csv = window;
        csv["format"] = "csv";
        office_csv = office.post("/api/evaluation", csv).body;
        auto hospital = s.client();
        REQUIRE(hospital.login("demo-sykehus", alis::server::kDemoPassword).status == 200);
        hospital_json = hospital.post("/api/evaluation", window).body;
    }
    s.stop();
    const std::vector<std::string> base{"report", "--data", s.data_dir(), "--from", "2027-01-01", "--to", "2027-12-31"};
    auto report = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        std::string out;
        REQUIRE(run_command(ALIS_SYNC_BINARY, args, out) == 0);
        return out;
    };
    const auto office_cli = nlohmann::json::parse(report({"--format", "json"}), nullptr, false);
    REQUIRE(office_cli.is_object());
    CHECK(office_cli == nlohmann::json::parse(office_json));
    CHECK(office_cli["doctors"]["registered"] == 2);
    CHECK(report({}) == office_csv);
    const auto hospital_cli = nlohmann::json::parse(report({"--format", "json", "--hospital", "helse-bergen"}), nullptr, false);
    CHECK(hospital_cli == nlohmann::json::parse(hospital_json));
    CHECK(hospital_cli["total"]["periods"] == 2);
}
}  // TEST_SUITE
