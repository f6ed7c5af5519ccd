// `alis-sync user add|passwd` apply the portal's account rules (alis/sync/account.hpp), as the office's
// form and registration do: no weak password, no malformed username or e-mail from the terminal.
#include <doctest/doctest.h>

#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;

TEST_SUITE("abuse") {
TEST_CASE("the CLI refuses a weak password, a bad username and a bad e-mail, naming the rule") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"init", "--data", data}, out) == 0);
    REQUIRE(run_command(ALIS_SYNC_BINARY, {"org", "add", "--data", data, "--id", "helse-fonna", "--kind", "hospital_trust",
                                           "--name", "Helse Fonna"}, out) == 0);
    auto add = [&](const std::string& username, const std::string& password, const std::string& email) {
        out.clear();
        std::vector<std::string> args{"user", "add", "--data", data, "--username", username, "--role", "hospital",
                                      "--organisation", "helse-fonna", "--password", password};
        if (!email.empty()) args.insert(args.end(), {"--email", email});
        return run_command(ALIS_SYNC_BINARY, args, out);
    };
    CHECK(add("koordinator", "password12", "") != 0);
    CHECK(out.find("common_password") != std::string::npos);
    CHECK(add("koordinator", "kort", "") != 0);
    CHECK(out.find("too_short") != std::string::npos);
    CHECK(add("koordinator", "koordinator-passord", "") != 0);
    CHECK(out.find("contains_username") != std::string::npos);
    CHECK(add("ko ordinator", "et-godt-passord", "") != 0);
    CHECK(out.find("username_format") != std::string::npos);
    CHECK(add("koordinator", "et-godt-passord", "kari@x") != 0);
    CHECK(out.find("email_format") != std::string::npos);
    REQUIRE(add("koordinator", "et-godt-passord", "kari@fonna.no") == 0);

    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"user", "passwd", "--data", data, "--username", "koordinator", "--password",
                                         "1234567890"}, out) != 0);
    CHECK(out.find("common_password") != std::string::npos);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"user", "passwd", "--data", data, "--username", "koordinator", "--password",
                                         "ærø-kåpe-9"}, out) == 0);
}

TEST_CASE("serve refuses a trusted proxy that is no address and a hashing queue that would take most threads") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    std::string out;
    CHECK(run_command(ALIS_SYNC_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data", data, "--trusted-proxy", "proxy.example"},
                      out) == 2);
    CHECK(out.find("--trusted-proxy must be an IPv4 or IPv6 address") != std::string::npos);
    out.clear();
    CHECK(run_command(ALIS_SYNC_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data", data, "--threads", "8",
                                         "--hash-threads", "2", "--hash-queue", "4"}, out) == 2);
    CHECK(out.find("must leave at least half of --threads") != std::string::npos);
}
}
