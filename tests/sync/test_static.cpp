// Static files like a real web server: precompressed copies chosen by Accept-Encoding, strong ETags
// and 304, immutable caching only for this build's files, everything read once at start.
#include <doctest/doctest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>

#include "static_files.hpp"
#include "test_server.hpp"

using namespace alis::test;
using alis::server::choose_encoding;
using alis::server::Request;
using alis::server::StaticFiles;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

std::string sha256(const std::string& s) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    std::string out;
    for (unsigned char b : h) {
        static const char* d = "0123456789abcdef";
        out += d[b >> 4];
        out += d[b & 15];
    }
    return out;
}

// A site as the build writes it: app.js with smaller .br and .gz copies beside it, a build id.
struct Site {
    TempDir dir;
    std::string root = dir.path() + "/site";
    const std::string js = "console.log('" + std::string(2000, 'a') + "');";
    const std::string wasm = std::string("\0asm\1\0\0\0", 8);
    Site() {
        write(root + "/index.html", "<!doctype html><title>ALIS</title>");
        write(root + "/app.js", js);
        write(root + "/app.js.br", "BROTLI-BYTES");
        write(root + "/app.js.gz", "GZIP-BYTES-LONGER");
        write(root + "/app.wasm", wasm);
        write(root + "/sw.js", "self;");
        write(root + "/.build-id", "0123abcd\n/app.js " + sha256(js) + "\n/app.wasm " + sha256(wasm) + "\n/index.html " +
                                       sha256("<!doctype html><title>ALIS</title>") + "\n/sw.js " + sha256("self;") + "\n");
    }
};

Request get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = "GET";
    r.target = target;
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    for (auto& [k, v] : headers) r.headers[k] = v;
    return r;
}

std::string header(const alis::server::Response& r, const std::string& name) {
    for (auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return "";
}

}  // namespace

TEST_CASE("Accept-Encoding: Brotli before gzip before identity, and q=0 refuses a coding") {
    const std::vector<std::string> both{"br", "gzip"};
    CHECK(choose_encoding("gzip, deflate, br", both) == "br");
    CHECK(choose_encoding("gzip, deflate", both) == "gzip");
    CHECK(choose_encoding("br;q=0, gzip;q=0.5", both) == "gzip");
    CHECK(choose_encoding("br;q=0.000, gzip;q=0", both) == "");
    CHECK(choose_encoding("*", both) == "br");
    CHECK(choose_encoding("*;q=0, gzip", both) == "gzip");
    CHECK(choose_encoding("BR;Q=0.1", both) == "br");
    CHECK(choose_encoding("", both) == "");
    CHECK(choose_encoding("identity", both) == "");
    CHECK(choose_encoding("br, gzip", {"gzip"}) == "gzip");  // no Brotli copy of this file
    CHECK(choose_encoding(std::string(10000, ','), both) == "");
}

TEST_CASE("the best precompressed copy, with its own strong ETag, Vary, and 304 for a matching If-None-Match") {
    Site site;
    StaticFiles files(site.root);
    auto br = files.serve(get("/app.js", {{"accept-encoding", "gzip, deflate, br"}}));
    REQUIRE(br);
    CHECK(br->status == 200);
    CHECK(br->body == "BROTLI-BYTES");
    CHECK(header(*br, "Content-Encoding") == "br");
    CHECK(header(*br, "Vary") == "Accept-Encoding");
    CHECK(br->content_type == "text/javascript; charset=utf-8");
    auto gz = files.serve(get("/app.js", {{"accept-encoding", "gzip"}}));
    CHECK(gz->body == "GZIP-BYTES-LONGER");
    CHECK(header(*gz, "Content-Encoding") == "gzip");
    auto plain = files.serve(get("/app.js"));
    CHECK(plain->body == site.js);
    CHECK(header(*plain, "Content-Encoding").empty());
    // Strong (no W/), and distinct per encoding: a cache must never mix them up.
    const std::string etag_br = header(*br, "ETag"), etag_gz = header(*gz, "ETag"), etag_plain = header(*plain, "ETag");
    CHECK(etag_br.size() == 34);
    CHECK(etag_br.front() == '"');
    CHECK(etag_br != etag_gz);
    CHECK(etag_gz != etag_plain);
    // Revalidation: same encoding and tag → 304 without a body; another encoding's tag → the body.
    auto same = files.serve(get("/app.js", {{"accept-encoding", "br"}, {"if-none-match", "\"x\", " + etag_br}}));
    CHECK(same->status == 304);
    CHECK(same->body.empty());
    CHECK(header(*same, "ETag") == etag_br);
    auto other = files.serve(get("/app.js", {{"accept-encoding", "br"}, {"if-none-match", etag_gz}}));
    CHECK(other->status == 200);
    CHECK(other->body == "BROTLI-BYTES");
    // A file without copies has no Vary and is sent as it is.
    auto wasm = files.serve(get("/app.wasm", {{"accept-encoding", "br"}}));
    CHECK(header(*wasm, "Content-Encoding").empty());
    CHECK(header(*wasm, "Vary").empty());
    // The copies themselves are not files of their own.
    CHECK_FALSE(files.serve(get("/app.js.br")));
    CHECK_FALSE(files.serve(get("/.build-id")));
}

TEST_CASE("this build's files are immutable for a year; the page, the worker and other builds are revalidated") {
    Site site;
    StaticFiles files(site.root);
    CHECK(files.build() == "0123abcd");
    const std::string immutable = "public, max-age=31536000, immutable";
    CHECK(header(*files.serve(get("/app.js?build=0123abcd")), "Cache-Control") == immutable);
    CHECK(header(*files.serve(get("/app.wasm?build=0123abcd")), "Cache-Control") == immutable);
    // An old page asking by its own build id gets today's file, so it must not be kept under that id.
    CHECK(header(*files.serve(get("/app.wasm?build=ffff0000")), "Cache-Control") == "no-cache");
    CHECK(header(*files.serve(get("/app.js")), "Cache-Control") == "no-cache");
    CHECK(header(*files.serve(get("/index.html?build=0123abcd")), "Cache-Control") == "no-cache");
    CHECK(header(*files.serve(get("/sw.js?build=0123abcd")), "Cache-Control") == "no-cache");
    CHECK(header(*files.serve(get("/")), "Cache-Control") == "no-cache");
    // A deploy in progress: app.wasm is already the next build's, .build-id still this one's. The
    // current id must not pin the new bytes for a year.
    write(site.root + "/app.wasm", site.wasm + "next");
    CHECK(header(*files.serve(get("/app.wasm?build=0123abcd")), "Cache-Control") == "no-cache");
}

TEST_CASE("files are read once and again only when they change, within the memory bound") {
    Site site;
    write(site.dir.path() + "/outside.json", "{\"secret\":true}");
    std::error_code ec;
    fs::create_symlink(site.dir.path() + "/outside.json", site.root + "/link.json", ec);
    write(site.root + "/big/huge.json", std::string(5000, ' '));
    alis::server::StaticLimits limits;
    limits.max_bytes = 4000;
    StaticFiles files(site.root, limits);
    CHECK_FALSE(files.serve(get("/link.json")));
    auto first = files.serve(get("/index.html"));
    REQUIRE(first);
    CHECK(files.file_count() == 1);
    CHECK(files.serve(get("/index.html"))->body == first->body);
    CHECK(files.file_count() == 1);
    // Rewritten on disk (a deploy): the new content, with a new ETag.
    write(site.root + "/index.html", "<!doctype html><title>ALIS 2</title>");
    auto second = files.serve(get("/index.html"));
    CHECK(second->body == "<!doctype html><title>ALIS 2</title>");
    CHECK(header(*second, "ETag") != header(*first, "ETag"));
    // A new app.js without new compressed copies: the stale copies are not sent for it.
    write(site.root + "/app.js", site.js + "// next build");
    fs::last_write_time(site.root + "/app.js", fs::last_write_time(site.root + "/app.js.br") + std::chrono::seconds(5));
    auto fresh = files.serve(get("/app.js", {{"accept-encoding", "br, gzip"}}));
    CHECK(fresh->body == site.js + "// next build");
    CHECK(header(*fresh, "Content-Encoding").empty());
    // Served, but never kept: it is over the bound on its own.
    CHECK(files.serve(get("/big/huge.json"))->body.size() == 5000);
    CHECK(files.bytes() <= limits.max_bytes);
    CHECK(files.serve(get("/app.js")));
    CHECK(files.bytes() <= limits.max_bytes);
}

TEST_CASE("over HTTP: Content-Encoding, Content-Length of the bytes sent, 304, and the CSP on every answer") {
    TestServer s;
    // Compressed copies beside the test server's app.js, written after it as the build does.
    write(s.web_root() + "/app.js.br", "BR");
    write(s.web_root() + "/app.js.gz", "GZ-LONGER");
    auto c = s.client();
    auto r = c.request("GET", "/app.js", "", {{"Accept-Encoding", "gzip, br"}});
    CHECK(r.status == 200);
    CHECK(r.header("content-encoding") == "br");
    CHECK(r.header("content-length") == "2");
    CHECK(r.header("vary") == "Accept-Encoding");
    const std::string csp = r.header("content-security-policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    auto again = c.request("GET", "/app.js", "", {{"Accept-Encoding", "gzip, br"}, {"If-None-Match", r.header("etag")}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("content-length").empty());  // not 0: that would claim an empty file
    auto head = c.request("HEAD", "/app.js", "", {{"Accept-Encoding", "gzip"}});
    CHECK(head.header("content-length") == "9");
    CHECK(c.get("/api/health").header("content-security-policy") == csp);
}
