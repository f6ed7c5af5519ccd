// Serve's configuration on the real binary: --public-url decides the allowed origins, and without
// --web-root the server serves build/web/site of the folder it was started in.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "process.hpp"
#include "test_server.hpp"

using namespace alis::test;
namespace fs = std::filesystem;

TEST_SUITE("abuse") {
TEST_CASE("--public-url: its origins may call, the listen address then may not, a bad URL stops the start") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    ServerProcess server(ALIS_SYNC_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data", data, "--public-url",
                                            "https://alis.example.no/, https://ALIS.helse-vest.no:8443", "--demo"});
    CHECK(server.output().find("allowed origins: https://alis.example.no https://alis.helse-vest.no:8443") != std::string::npos);
    HttpClient c("127.0.0.1", server.port);
    const nlohmann::json login = {{"username", "demo-lege"}, {"password", alis::server::kDemoPassword}};
    CHECK(c.post("/api/login", login, {{"Origin", "https://alis.example.no"}}).status == 200);
    CHECK(c.post("/api/login", login, {{"Origin", "https://alis.helse-vest.no:8443"}}).status == 200);
    CHECK(c.post("/api/login", login).status == 403);  // the listen address is not the public URL
    CHECK(c.post("/api/login", login, {{"Host", "evil.example"}, {"Origin", "http://evil.example"}}).status == 403);
    std::string out;
    CHECK(run_command(ALIS_SYNC_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data", dir.path() + "/other",
                                         "--public-url", "alis.example.no"}, out) == 2);
    CHECK(out.find("--public-url must be an http:// or https:// URL") != std::string::npos);
}

TEST_CASE("without --web-root, serve uses build/web/site of its working folder and says so") {
    TempDir dir;
    fs::create_directories(dir.path() + "/build/web/site");
    std::ofstream(dir.path() + "/build/web/site/index.html") << "<!doctype html><title>ALIS default root</title>";
    const fs::path before = fs::current_path();
    fs::current_path(dir.path());  // the child inherits the working folder
    std::unique_ptr<ServerProcess> server;
    try {
        server = std::make_unique<ServerProcess>(ALIS_SYNC_BINARY, std::vector<std::string>{"serve", "--listen", "127.0.0.1:0", "--data", "data"});
    } catch (...) {
        fs::current_path(before);
        throw;
    }
    fs::current_path(before);
    CHECK(server->output().find("web root: " + fs::canonical(dir.path()).string() + "/build/web/site") != std::string::npos);
    HttpClient c("127.0.0.1", server->port);
    auto page = c.get("/");
    CHECK(page.status == 200);
    CHECK(page.body.find("ALIS default root") != std::string::npos);
}
}
