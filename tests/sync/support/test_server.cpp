#include "test_server.hpp"
#include "request_limits.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto.hpp"

namespace alis::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::string templ = (fs::temp_directory_path() / "alis-sync-test-XXXXXX").string();
    if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

namespace {
void write_file(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}
}  // namespace

TestServer::TestServer(TestServerOptions options) : own_dir_(std::make_unique<TempDir>()) {
    data_dir_ = own_dir_->path() + "/data";
    start(options);
}

TestServer::TestServer(TestServerOptions options, std::string data_dir) : data_dir_(std::move(data_dir)) {
    start(options);
}

void TestServer::start(const TestServerOptions& options) {
    server::init_crypto();
    web_root_ = fs::path(data_dir_).parent_path() / "web";
    write_file(fs::path(web_root_) / "index.html", "<!doctype html><title>ALIS</title>");
    write_file(fs::path(web_root_) / "app.js", "console.log('alis');");
    write_file(fs::path(web_root_) / "app.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(fs::path(web_root_) / "manifest.webmanifest", "{}");
    write_file(fs::path(web_root_) / "icons/icon.png", "png");
    write_file(fs::path(web_root_) / "icons/icon.svg", "<svg/>");
    write_file(fs::path(web_root_) / "style.css", "body{}");
    write_file(fs::path(web_root_) / "font.ttf", "ttf");
    write_file(fs::path(web_root_) / "data.json", "[]");
    write_file(fs::path(web_root_) / "notes.exe", "MZ");
    write_file(fs::path(web_root_) / ".secret.json", "{}");
    write_file(fs::path(web_root_).parent_path() / "outside.json", "{\"secret\":true}");
    std::error_code ec;
    fs::create_symlink(fs::path(web_root_).parent_path() / "outside.json", fs::path(web_root_) / "link.json", ec);

    server::AppOptions app_options;
    app_options.data_dir = data_dir_;
    app_options.web_root = web_root_;
    app_options.test_clock = true;
    app_options.sessions = options.sessions;
    app_options.body_limit = options.body_limit;
    app_options.push = options.push;
    app_options.accounts = options.accounts;
    auto d = parse_iso(options.today);
    auto clock = std::make_unique<server::TestClock>(days_from_civil(*d) * 86400 + 12 * 3600);
    clock_ = clock.get();
    app_ = std::make_unique<server::App>(app_options, server::open_sqlite_storage(data_dir_), std::move(clock));
    if (auto pw = server::ensure_administrator(*app_)) admin_password = *pw;
    if (options.demo) {
        std::ostringstream ignored;
        server::seed_demo(*app_, ignored);
    }
    server::HttpOptions http;
    http.host = "127.0.0.1";
    http.port = 0;
    http.body_limit = options.body_limit;
    http.body_limit_for = [limit = options.body_limit](std::string_view path) {
        return server::limits_for(path, limit).body_bytes;
    };
    http.body_budget = options.body_budget;
    http.screen_head = [this](const server::Request& head) { return app_->screen_head(head); };
    http.threads = 2;
    http_ = std::make_unique<server::HttpServer>(http, [this](const server::Request& r) { return app_->handle(r); });
    port = http_->start();
    app_->set_listen_address(http.host, port);
}

void TestServer::stop() {
    if (http_) http_->stop();
    http_.reset();
    app_.reset();
}

TestServer::~TestServer() { stop(); }

}  // namespace alis::test
