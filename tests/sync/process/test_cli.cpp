// The admin command line and the server's lifecycle, on the real binary.
#include <doctest/doctest.h>

#include <filesystem>

#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;

TEST_SUITE("abuse") {
TEST_CASE("admin CLI: init, user add, org add, passwd, backup, check; SIGTERM stops cleanly") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"init", "--data", data}, out) == 0);
    CHECK(out.find("username admin, one-time password ") != std::string::npos);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"init", "--data", data}, out) == 0);
    CHECK(out.find("already initialised") != std::string::npos);

    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"org", "add", "--data", data, "--id", "helse-fonna", "--kind", "hospital_trust",
                                           "--name", "Helse Fonna"}, out) == 0);
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"user", "add", "--data", data, "--username", "koordinator", "--role", "hospital",
                                           "--organisation", "helse-fonna", "--password", "et-godt-passord"}, out) == 0);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"user", "add", "--data", data, "--username", "koordinator", "--role", "hospital",
                                         "--organisation", "helse-fonna", "--password", "et-godt-passord"}, out) != 0);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"user", "add", "--data", data, "--username", "x", "--role", "pilot"}, out) != 0);
    out.clear();
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"user", "passwd", "--data", data, "--username", "koordinator"}, out) == 0);
    auto at = out.find("one-time password: ");
    REQUIRE(at != std::string::npos);
    std::string one_time = out.substr(at + 19, 19);

    {
        ServerProcess server(ALIS_SYNC_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data", data});
        HttpClient c("127.0.0.1", server.port);
        auto r = c.login("koordinator", one_time);
        REQUIRE(r.status == 200);
        CHECK(r.json()["user"]["organisation_id"] == "helse-fonna");
        CHECK(r.json()["user"]["must_change_password"] == true);
        // While the server runs, commands that change data refuse; backup and check work.
        out.clear();
        CHECK(run_command(ALIS_SYNC_BINARY, {"org", "add", "--data", data, "--id", "x", "--kind", "municipality", "--name", "X"}, out) != 0);
        CHECK(out.find("in use") != std::string::npos);
        out.clear();
        REQUIRE(run_command(ALIS_SYNC_BINARY, {"backup", "--data", data, "--to", dir.path() + "/backup.sqlite3"}, out) == 0);
        CHECK(std::filesystem::file_size(dir.path() + "/backup.sqlite3") > 0);
        out.clear();
        CHECK(run_command(ALIS_SYNC_BINARY, {"check", "--data", data}, out) == 0);
        CHECK(out.find("integrity_check: ok") != std::string::npos);
        int status = server.terminate();
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        CHECK(server.output().find("alis-sync stopped") != std::string::npos);
    }
    // The backup is a working database.
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"check", "--data", data}, out) == 0);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"serve", "--listen", "nonsense", "--data", data}, out) == 2);
    CHECK(out.find("--listen must be HOST:PORT") != std::string::npos);
}
}
