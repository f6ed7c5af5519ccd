// The HTTP front end: health, static files, traversal, body limits, malformed requests, no CORS.
#include <doctest/doctest.h>

#include <fstream>

#include "origins.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

TEST_CASE("health tells a stranger only the status; the ALIS office sees the details") {
    TestServer s;
    auto c = s.client();
    auto r = c.get("/api/health");
    REQUIRE(r.status == 200);
    CHECK(r.json() == nlohmann::json{{"status", "ok"}});
    CHECK(r.body.find(s.data_dir()) == std::string::npos);
    CHECK(r.header("content-type") == "application/json");
    CHECK(r.header("cache-control") == "no-store");
    // No version anywhere in the headers either.
    CHECK(r.header("server") == "alis-sync");
    for (const auto& [name, value] : r.headers) CHECK(value.find(ALIS_VERSION) == std::string::npos);
    // A logged-in GP is still a stranger to the server's internals.
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", alis::server::kDemoPassword).status == 200);
    CHECK(gp.get("/api/health").json() == nlohmann::json{{"status", "ok"}});
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", alis::server::kDemoPassword).status == 200);
    auto j = office.get("/api/health").json();
    CHECK(j["status"] == "ok");
    CHECK(j["version"] == ALIS_VERSION);
    CHECK(j["database"]["state"] == "ok");
    CHECK(j["database"]["schema_version"].get<int>() >= 1);
    CHECK(j["database"]["path"].get<std::string>().find(s.data_dir()) == 0);
    CHECK(j["today"] == "2027-01-04");
    CHECK(j["test_clock"] == true);
}

TEST_CASE("allowed origins come from the listen address or --public-url, never from the Host header") {
    TestServer s;
    auto c = s.client();
    const nlohmann::json login = {{"username", "demo-lege"}, {"password", alis::server::kDemoPassword}};
    // An attacker's page at a name that resolves to this server sends its own Host and Origin.
    auto evil = c.post("/api/login", login, {{"Host", "evil.example"}, {"Origin", "http://evil.example"}});
    CHECK(evil.status == 403);
    CHECK(evil.json()["error"]["rule"] == "cross_origin");
    CHECK(c.post("/api/login", login, {{"Origin", "https://127.0.0.1:" + std::to_string(s.port)}}).status == 403);
    CHECK(c.post("/api/login", login, {{"Origin", "http://localhost:" + std::to_string(s.port)}}).status == 200);
    CHECK(c.post("/api/login", login).status == 200);  // http://127.0.0.1:PORT, the listen address
}

TEST_CASE("public URLs are reduced to origins as browsers send them") {
    using alis::server::origin_of_url;
    CHECK(origin_of_url("https://ALIS.Example.no/portal/") == "https://alis.example.no");
    CHECK(origin_of_url("https://alis.example.no:443") == "https://alis.example.no");
    CHECK(origin_of_url("http://alis.example.no:8080/x?y") == "http://alis.example.no:8080");
    CHECK(origin_of_url("http://[::1]:8080") == "http://[::1]:8080");
    CHECK_FALSE(origin_of_url("alis.example.no"));
    CHECK_FALSE(origin_of_url("ftp://alis.example.no"));
    CHECK_FALSE(origin_of_url("https://user@alis.example.no"));
    CHECK_FALSE(origin_of_url("https://alis.example.no:99999"));
    CHECK(alis::server::origins_of_urls({"https://a.example, https://b.example/", "https://a.example"}) ==
          std::vector<std::string>{"https://a.example", "https://b.example"});
    CHECK_THROWS_AS(alis::server::origins_of_urls({"https://a.example,nonsense"}), std::invalid_argument);
}

TEST_CASE("static files are served with their content types") {
    TestServer s;
    auto c = s.client();
    struct Case {
        const char* path;
        const char* type;
    };
    const Case cases[] = {
        {"/", "text/html; charset=utf-8"},
        {"/index.html", "text/html; charset=utf-8"},
        {"/app.js", "text/javascript; charset=utf-8"},
        {"/app.wasm", "application/wasm"},
        {"/manifest.webmanifest", "application/manifest+json"},
        {"/data.json", "application/json"},
        {"/icons/icon.png", "image/png"},
        {"/icons/icon.svg", "image/svg+xml"},
        {"/style.css", "text/css; charset=utf-8"},
        {"/font.ttf", "font/ttf"},
    };
    for (const auto& k : cases) {
        CAPTURE(k.path);
        auto r = c.get(k.path);
        CHECK(r.status == 200);
        CHECK(r.header("content-type") == k.type);
        CHECK(r.header("x-content-type-options") == "nosniff");
    }
    CHECK(c.get("/app.wasm").body == std::string("\0asm\1\0\0\0", 8));
    CHECK(c.get("/").body.find("<title>ALIS</title>") != std::string::npos);
    auto head = c.request("HEAD", "/app.js");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(std::string("console.log('alis');").size()));
    CHECK(c.get("/api/health").status == 200);  // the connection is still in step after a HEAD
}

TEST_CASE("the offline shell: service worker, manifest and icon are revalidated on every load") {
    TestServer s;
    {
        std::ofstream(s.web_root() + "/sw.js") << "self.addEventListener('fetch', () => {});";
        std::ofstream(s.web_root() + "/icon.svg") << "<svg/>";
    }
    auto c = s.client();
    struct Case {
        const char* path;
        const char* type;
    };
    // A stale sw.js would keep every GP on the old build: the browser must ask the server each time.
    const Case cases[] = {
        {"/sw.js", "text/javascript; charset=utf-8"},
        {"/manifest.webmanifest", "application/manifest+json"},
        {"/icon.svg", "image/svg+xml"},
        {"/index.html", "text/html; charset=utf-8"},
        {"/app.js?build=0123abcd", "text/javascript; charset=utf-8"},  // the page asks by its build id
        {"/app.wasm?build=0123abcd", "application/wasm"},
    };
    for (const auto& k : cases) {
        CAPTURE(k.path);
        auto r = c.get(k.path);
        CHECK(r.status == 200);
        CHECK(r.header("content-type") == k.type);
        CHECK(r.header("cache-control") == "no-cache");
    }
    CHECK(c.get("/app.wasm?build=0123abcd").body == std::string("\0asm\1\0\0\0", 8));
    CHECK(c.get("/sw.js").body.find("addEventListener('fetch'") != std::string::npos);
}

TEST_CASE("unknown files, other extensions and traversal get 404") {
    TestServer s;
    auto c = s.client();
    CHECK(c.get("/missing.js").status == 404);
    CHECK(c.get("/notes.exe").status == 404);       // not an allowed extension
    CHECK(c.get("/.secret.json").status == 404);    // hidden files
    CHECK(c.get("/link.json").status == 404);       // a symbolic link out of the web root
    CHECK(c.get("/icons").status == 404);           // a folder
    CHECK(c.get("/api/nothing").status == 404);
    // Targets a browser would normalise, sent raw.
    const char* targets[] = {"/../outside.json", "/icons/../../outside.json", "/%2e%2e/outside.json",
                             "/%2E%2E%2Foutside.json", "/icons/%2e%2e/%2e%2e/outside.json", "/..%5coutside.json",
                             "//outside.json", "/index.html%00.json"};
    for (const char* t : targets) {
        CAPTURE(t);
        auto r = raw_exchange("127.0.0.1", s.port,
                              std::string("GET ") + t + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        CHECK(r.status == 404);
        CHECK(r.body.find("secret") == std::string::npos);
    }
}

TEST_CASE("a declared body over the limit gets 413 before it is read") {
    TestServerOptions o;
    o.body_limit = 64 * 1024;
    TestServer s(o);
    auto c = s.client();
    auto r = c.post("/api/push", {{"client_id", std::string(100 * 1024, 'x')}, {"mutations", json::array()}});
    CHECK(r.status == 413);
    CHECK(r.json()["error"]["rule"] == "body_too_large");
    // Just under the limit is read (and refused for its content, not its size).
    REQUIRE(c.login("demo-lege", alis::server::kDemoPassword).status == 200);
    auto ok = c.post("/api/push", {{"client_id", std::string(60 * 1024, 'x')}, {"mutations", json::array()}});
    CHECK(ok.status == 400);
    // A log-in takes a few KB at most, whatever --body-limit says.
    auto login = c.post("/api/login", {{"username", std::string(10 * 1024, 'x')}, {"password", "x"}});
    CHECK(login.status == 413);
    CHECK(login.json()["error"]["rule"] == "body_too_large");
}

TEST_CASE("a chunked body over the limit gets 413 while it streams") {
    TestServerOptions o;
    o.body_limit = 64 * 1024;
    TestServer s(o);
    // Signed in: an anonymous push is answered 401 from its header, before any body (test_early_auth.cpp).
    auto gp = s.client();
    REQUIRE(gp.login("demo-lege", alis::server::kDemoPassword).status == 200);
    auto r = stream_chunked("127.0.0.1", s.port, "/api/push", 64ull << 20, "Cookie: alis_session=" + gp.session + "\r\n");
    CHECK(r.status == 413);
    CHECK(r.response.find("body_too_large") != std::string::npos);
    CHECK(r.sent < (64ull << 20));
    // The server is still well.
    CHECK(s.client().get("/api/health").status == 200);
}

TEST_CASE("malformed HTTP and wrong methods are refused with a reason") {
    TestServer s;
    auto bad = raw_exchange("127.0.0.1", s.port, "GARBAGE\r\n\r\n");
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["rule"] == "malformed_http");
    auto c = s.client();
    auto r = c.request("DELETE", "/api/push");
    CHECK(r.status == 405);
    CHECK(r.header("allow") == "POST");
    CHECK(c.request("PUT", "/index.html").status == 405);
    CHECK(c.request("GET", "/api/pull").status == 405);
}

TEST_CASE("no CORS headers, not even for a preflight") {
    TestServer s;
    auto c = s.client();
    auto r = c.request("OPTIONS", "/api/push", "",
                       {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
    CHECK(r.status >= 400);
    CHECK(r.header("access-control-allow-origin").empty());
    auto h = c.request("GET", "/api/health", "", {{"Origin", "http://evil.example"}});
    CHECK(h.header("access-control-allow-origin").empty());
}

TEST_CASE("keep-alive: many requests on one connection") {
    TestServer s;
    auto c = s.client();
    for (int i = 0; i < 50; ++i) REQUIRE(c.get("/api/health").status == 200);
    CHECK(s.app().storage().integrity_check() == "ok");
}
