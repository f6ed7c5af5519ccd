#pragma once
// The server in-process on an ephemeral port, on a fresh temporary data folder and web root, with a
// settable clock and the demo accounts. Stopped and removed when the fixture ends.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "app.hpp"
#include "bootstrap.hpp"
#include "http_client.hpp"
#include "http_server.hpp"

namespace alis::test {

// True when an error answer names `field` with `rule`, with a message in bokmål, nynorsk and English.
inline bool has_problem(const nlohmann::json& j, const std::string& field, const std::string& rule) {
    for (auto& p : j["problems"]) {
        if (p["field"] == field && p["rule"] == rule) {
            return !p["message"]["nb"].get<std::string>().empty() && !p["message"]["nn"].get<std::string>().empty() &&
                   !p["message"]["en"].get<std::string>().empty();
        }
    }
    return false;
}

// A fresh folder under /tmp, removed with everything in it at the end.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct TestServerOptions {
    std::size_t body_limit = 1u << 20;
    std::size_t body_budget = 32u << 20;
    server::PushPolicy push;
    bool demo = true;
    std::string today = "2027-01-04";
    server::SessionPolicy sessions;
    server::AccountOptions accounts;
};

class TestServer {
public:
    explicit TestServer(TestServerOptions options = {});
    TestServer(TestServerOptions options, std::string data_dir);  // reuse a data folder (restart tests)
    ~TestServer();

    HttpClient client() const { return HttpClient("127.0.0.1", port); }
    server::App& app() { return *app_; }
    server::TestClock& clock() { return *clock_; }
    const std::string& data_dir() const { return data_dir_; }
    const std::string& web_root() const { return web_root_; }
    void stop();

    unsigned short port = 0;
    std::string admin_password;

private:
    void start(const TestServerOptions& options);

    std::unique_ptr<TempDir> own_dir_;
    std::string data_dir_;
    std::string web_root_;
    server::TestClock* clock_ = nullptr;
    std::unique_ptr<server::App> app_;
    std::unique_ptr<server::HttpServer> http_;
};

}  // namespace alis::test
