// Request bodies of the anonymous, GP and office endpoints (log-in, registration, push, pull, the
// evaluation, a GP's export and deletion of their own data) through the whole application
// (App::handle: routing, same-origin checks, bounded parsing, the handlers), on a real SQLite
// database in a temporary folder. The first byte chooses the endpoint. The server must answer every input with a well-formed JSON response (or the evaluation's
// CSV, which starts with its byte order mark) and never a 5xx.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string>

#include "app.hpp"
#include "bootstrap.hpp"
#include "clock.hpp"
#include "crypto.hpp"

namespace {

using namespace alis::server;

constexpr const char* kDeletablePassword = "et langt passord";  // the seed delete-good sends it

struct Fixture {
    std::unique_ptr<App> app;
    std::string gp_cookie, office_cookie;
    std::string deletable_cookie;  // a GP of its own for /api/me/delete: the demo GP must survive
    int registered = 0;

    Fixture() {
        init_crypto();
        char tmpl[] = "/tmp/alis-fuzz-XXXXXX";
        const std::string dir = mkdtemp(tmpl);
        AppOptions options;
        options.data_dir = dir + "/data";
        options.test_clock = true;
        // The fuzzer is one user at one address sending fast; the rate limits are tested elsewhere.
        options.push = {1e9, 1e9};
        options.accounts.register_per_hour = 1000000000;
        app = std::make_unique<App>(options, open_sqlite_storage(options.data_dir), std::make_unique<TestClock>(1798761600));
        std::ostringstream ignored;
        seed_demo(*app, ignored);
        gp_cookie = log_in("demo-lege");
        office_cookie = log_in("demo-kontor");
    }

    std::string log_in(const std::string& username) {
        Request login = post("/api/login", R"({"username":")" + username + R"(","password":")" + std::string(kDemoPassword) + "\"}");
        return cookie_of(app->handle(login));
    }

    // The GP that /api/me/delete acts as; a fresh one is registered after each one deleted.
    const std::string& deletable_gp() {
        if (deletable_cookie.empty()) {
            const std::string body = R"({"username":"fuzz-lege-)" + std::to_string(++registered) + R"(","password":")" +
                                     kDeletablePassword + R"(","name":"Fuzz Lege","email":"fuzz@example.no","language":"nb"})";
            deletable_cookie = cookie_of(app->handle(post("/api/register", body)));
        }
        return deletable_cookie;
    }

    static std::string cookie_of(const Response& r) {
        std::string cookie;
        for (auto& [name, value] : r.headers) {
            if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
        }
        if ((r.status != 200 && r.status != 201) || cookie.empty()) {  // log-in 200, registration 201
            std::fprintf(stderr, "fixture: no session (%d): %s\n", r.status, r.body.c_str());  // the harness's own set-up failed
            std::abort();
        }
        return cookie;
    }

    static Request post(const std::string& path, std::string body) {
        Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["content-type"] = "application/json";
        r.headers["host"] = "127.0.0.1:8080";
        r.body = std::move(body);
        r.remote_ip = "127.0.0.1";
        return r;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static Fixture f;
    // The seeds' first bytes are '*' (42) to '0' (48): 42 % 7 == 0 is /api/login, and so on in order.
    static const char* const paths[] = {"/api/login", "/api/register", "/api/push",     "/api/pull",
                                        "/api/evaluation", "/api/me/export", "/api/me/delete"};
    const std::string path = paths[data[0] % std::size(paths)];
    // The HTTP front end refuses bodies over the endpoint's limit before the handler sees them.
    if (size - 1 > (path == "/api/push" ? (1u << 20) : 8192u)) return 0;
    Request req = Fixture::post(path, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    if (path == "/api/push" || path == "/api/pull" || path == "/api/me/export") req.headers["cookie"] = f.gp_cookie;
    if (path == "/api/evaluation") req.headers["cookie"] = f.office_cookie;
    if (path == "/api/me/delete") req.headers["cookie"] = f.deletable_gp();
    const Response res = f.app->handle(req);
    if (path == "/api/me/delete" && res.status == 200) f.deletable_cookie.clear();  // that GP is gone
    if (res.status >= 500 && res.status != 503) std::abort();
    if (res.content_type.rfind("text/csv", 0) == 0) {
        if (res.status != 200 || res.body.rfind("\xEF\xBB\xBF", 0) != 0) std::abort();
        return 0;
    }
    if (nlohmann::json::parse(res.body, nullptr, false).is_discarded()) std::abort();
    return 0;
}
