// `alis-sync sweep` on the real binary: the dry run, the report by kind, and no deleted text left in
// the database file (secure_delete, then VACUUM).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <ctime>
#include <iterator>

#include "alis/date.hpp"

#include "data_files.hpp"
#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;

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

TEST_CASE("sweep: inactive accounts are warned on their day, then deleted on theirs; --dry-run reports by kind and keeps") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"init", "--data", data, "--demo"}, out) == 0);
    // The demo accounts were made today and never logged in: under the defaults (24 months) they are
    // warned 30 days before the day 24 months on, and deleted on it.
    const alis::Date created = alis::civil_from_days(static_cast<long>(std::time(nullptr) / 86400));
    const alis::Date deletion = alis::add_months(created, 24);
    const std::string warn_day = alis::to_iso(alis::add_days(deletion, -30)), delete_day = alis::to_iso(deletion);
    auto sweep = [&](const std::string& day, bool dry_run) {
        std::vector<std::string> args{"sweep", "--data", data, "--test-clock", "--today", day};
        if (dry_run) args.push_back("--dry-run");
        out.clear();
        REQUIRE(run_command(ALIS_SYNC_BINARY, args, out) == 0);
        return out;
    };
    CHECK(sweep(alis::to_iso(alis::add_days(deletion, -31)), true).find("inactivity warnings due: 0") != std::string::npos);
    CHECK(sweep(warn_day, true).find("inactivity warnings due: 0") == std::string::npos);
    const std::string warned = sweep(warn_day, false);
    CHECK(warned.find("inactivity warnings queued: 0") == std::string::npos);
    CHECK(warned.find("account (") == std::string::npos);  // warned, nothing deleted yet
    CHECK(sweep(warn_day, false).find("inactivity warnings queued: 0") != std::string::npos);  // once

    const std::string before = alis::to_iso(alis::add_days(deletion, -1));
    CHECK(sweep(before, true).find("account (") == std::string::npos);
    const std::string dry = sweep(delete_day, true);
    CHECK(dry.find("account (hospital, inactive): 2") != std::string::npos);
    CHECK(dry.find("account (municipality, inactive): 2") != std::string::npos);
    CHECK(dry.find("account (alis_office, inactive): 1") != std::string::npos);  // one office account stays
    CHECK(sweep(delete_day, true) == dry);  // the dry run changed nothing
    CHECK(data_holds(data, "demo-sykehus2"));

    const std::string done = sweep(delete_day, false);
    CHECK(done.find("account (hospital, inactive): 2") != std::string::npos);
    CHECK(done.find("audit entries folded into counts: 0") != std::string::npos);
    CHECK_FALSE(data_holds(data, "demo-sykehus2"));
    CHECK(sweep(delete_day, false).find("account (") == std::string::npos);
}
}
