// `alis-sync sweep` on the real binary: the dry run, the report by kind, and no deleted text left in
// the database file (secure_delete, then VACUUM).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;

namespace {

// Whether the database folder's files (database and write-ahead log) hold `text` anywhere.
bool data_holds(const std::string& data, const std::string& text) {
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
        if (entry.path().filename().string().rfind("alis.sqlite3", 0) != 0) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (bytes.find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_SUITE("abuse") {
TEST_CASE("sweep: --dry-run reports and keeps; the sweep deletes, reports by kind, and leaves no deleted text in the file") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"init", "--data", data, "--demo"}, out) == 0);
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"sweep", "--data", data, "--dry-run"}, out) == 0);
    CHECK(out.find("would delete nothing") != std::string::npos);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"sweep", "--data", data, "--today", "2031-01-01"}, out) == 2);  // needs --test-clock

    const std::vector<std::string> later{"--test-clock", "--today", "2031-01-01"};
    std::vector<std::string> args{"sweep", "--data", data, "--dry-run"};
    args.insert(args.end(), later.begin(), later.end());
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, args, out) == 0);
    CHECK(out.find("would delete available_time 2, period 3") != std::string::npos);
    CHECK(data_holds(data, "Foreldrepermisjon"));  // a demo period's reason

    args = {"sweep", "--data", data};
    args.insert(args.end(), later.begin(), later.end());
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, args, out) == 0);
    CHECK(out.find("deleted available_time 2, period 3") != std::string::npos);
    CHECK(out.find("  period: 3") != std::string::npos);
    CHECK(out.find("period facts recorded: 3 (kept in all: 3)") != std::string::npos);
    CHECK_FALSE(data_holds(data, "Foreldrepermisjon"));

    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, args, out) == 0);
    CHECK(out.find("deleted nothing") != std::string::npos);
    CHECK(out.find("kept in all: 3") != std::string::npos);
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"check", "--data", data}, out) == 0);
}
}
