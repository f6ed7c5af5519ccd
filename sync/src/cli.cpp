// The alis-sync command line: `serve` and the admin commands, on CLI11.
#include "cli.hpp"

#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "alis/sync/account.hpp"
#include "alis/sync/evaluation_report.hpp"
#include "app.hpp"
#include "bootstrap.hpp"
#include "crypto.hpp"
#include "http_server.hpp"
#include "inactivity.hpp"
#include "jobs.hpp"
#include "memory.hpp"
#include "outbox.hpp"
#include "notifications.hpp"
#include "request_limits.hpp"
#include "origins.hpp"

namespace alis::server {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultWebRoot = "build/web/site";

// One process at a time may change the data folder: the server keeps the sync state in memory, so a
// second writer would hand out versions the server does not know. Read-only commands skip this.
class DataLock {
public:
    explicit DataLock(const std::string& dir) {
        fs::create_directories(dir);
        std::string path = (fs::path(dir) / "alis-sync.lock").string();
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0 || ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            throw std::runtime_error("the data folder " + dir +
                                     " is in use by another alis-sync process (a running server?); stop it first");
        }
    }
    ~DataLock() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    int fd_ = -1;
};

bool parse_listen(const std::string& listen, std::string& host, unsigned short& port) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return false;
    host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        std::size_t used = 0;
        int p = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || p < 0 || p > 65535) return false;
        port = static_cast<unsigned short>(p);
    } catch (...) {
        return false;
    }
    return !host.empty();
}

std::unique_ptr<App> open_app(const AppOptions& options, std::unique_ptr<Clock> clock = nullptr) {
    if (!clock) clock = std::make_unique<RealClock>();
    return std::make_unique<App>(options, open_sqlite_storage(options.data_dir), std::move(clock));
}

struct ServeArgs {
    std::string listen = "127.0.0.1:8080";
    std::string data = "./data";
    std::string web_root;
    std::vector<std::string> public_urls;
    bool demo = false;
    std::size_t body_limit = 4u << 20;
    std::size_t body_budget = 32u << 20;
    std::size_t max_connections = 1000;
    double push_rate = 50;
    double push_burst = 2000;
    bool test_clock = false;
    std::string today;
    int threads = 16;
    int read_timeout = 30;
    int job_interval = 60;
    int idle_minutes = 120;
    int max_hours = 12;
    bool secure_cookies = false;
    std::vector<std::string> trusted_proxies;
    // Argon2id threads: half the cores, so hashing never takes every core from pulls and pushes.
    int hash_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
    int hash_queue = -1;  // -1: as many as fit in half of --threads beside the hash threads (1 to 6)
    int register_per_hour = 20;
    sync::RetentionPolicy retention;
    int keep_notification_days = kKeepNotificationDays;
    std::string smtp_url, smtp_user, smtp_password_file, mail_from;
};

void add_retention_flags(CLI::App* cmd, sync::RetentionPolicy& policy) {
    // Defaults only: once the office sets the policy in its screen (setting `retention`), that wins.
    cmd->add_option("--keep-struck-days", policy.struck_candidate_days,
                    "Days a struck candidate entry is kept after the strike, until the office sets the retention policy")
        ->capture_default_str()->check(CLI::Range(0, 100000));
    cmd->add_option("--keep-periods-months", policy.ended_period_months,
                    "Months a period and its offers are kept after the period ended (its anonymous facts stay), until the office "
                    "sets the retention policy")
        ->capture_default_str()->check(CLI::Range(0, 1200));
    cmd->add_option("--inactive-profile-months", policy.inactive_profile_months,
                    "Months after the last log-in a GP profile with nothing current is deleted (warned 30 days before), "
                    "until the office sets the retention policy")
        ->capture_default_str()->check(CLI::Range(1, 1200));
    cmd->add_option("--inactive-account-months", policy.inactive_account_months,
                    "Months after the last log-in a hospital, municipality or office account is deleted (warned 30 days "
                    "before), until the office sets the retention policy")
        ->capture_default_str()->check(CLI::Range(1, 1200));
    cmd->add_option("--audit-years", policy.audit_years,
                    "Years audit entries are kept whole before they are folded into counts, until the office sets the "
                    "retention policy")
        ->capture_default_str()->check(CLI::Range(1, 100));
}

// "available_time 3, wish 1" or "nothing".
std::string by_kind(const std::map<std::string, std::size_t>& counts) {
    std::string out;
    for (const auto& [kind, n] : counts) out += (out.empty() ? "" : ", ") + kind + " " + std::to_string(n);
    return out.empty() ? "nothing" : out;
}

// An address as the HTTP server prints a peer's (inet_ntop's canonical form), or "".
std::string canonical_address(const std::string& text) {
    unsigned char buf[sizeof(in6_addr)];
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET, text.c_str(), buf) == 1) return inet_ntop(AF_INET, buf, out, sizeof out);
    if (inet_pton(AF_INET6, text.c_str(), buf) == 1) return inet_ntop(AF_INET6, buf, out, sizeof out);
    return "";
}

// The checks the portal makes (alis/sync/account.hpp), as one line for the terminal.
void require_valid(const Problems& problems) {
    if (problems.empty()) return;
    std::string what;
    for (const auto& p : problems) what += (what.empty() ? "" : "; ") + p.field + ": " + p.rule + " (" + p.message.en + ")";
    throw std::runtime_error(what);
}

int serve(const ServeArgs& a) {
    std::string host;
    unsigned short port = 0;
    if (!parse_listen(a.listen, host, port)) {
        std::cerr << "alis-sync: --listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got '" << a.listen << "')\n";
        return 2;
    }
    AppOptions options;
    try {
        options.public_origins = origins_of_urls(a.public_urls);
    } catch (const std::invalid_argument& e) {
        std::cerr << "alis-sync: " << e.what() << "\n";
        return 2;
    }
    DataLock lock(a.data);
    options.data_dir = a.data;
    // The README's default: the web build's site folder, when serve runs from the repository.
    options.web_root = a.web_root.empty() && fs::is_directory(kDefaultWebRoot) ? kDefaultWebRoot : a.web_root;
    options.test_clock = a.test_clock;
    options.sessions.idle_seconds = std::int64_t{a.idle_minutes} * 60;
    options.sessions.absolute_seconds = std::int64_t{a.max_hours} * 3600;
    options.sessions.secure_cookie = a.secure_cookies;
    options.body_limit = a.body_limit;
    options.push = {a.push_rate, a.push_burst};
    limit_allocator_arenas();
    for (const auto& proxy : a.trusted_proxies) {
        std::string address = canonical_address(proxy);
        if (address.empty()) {
            std::cerr << "alis-sync: --trusted-proxy must be an IPv4 or IPv6 address (got '" << proxy << "')\n";
            return 2;
        }
        options.accounts.trusted_proxies.insert(address);
    }
    // Request threads waiting on the hashing pool are not serving pulls and pushes: keep at least
    // half of --threads for them. The default fits (at least one place, for small --threads); a
    // queue given explicitly must.
    const bool explicit_queue = a.hash_queue >= 0;
    const int hash_queue = explicit_queue ? a.hash_queue : std::clamp(a.threads / 2 - a.hash_threads, 1, 6);
    if (explicit_queue && a.hash_threads + hash_queue > a.threads / 2) {
        std::cerr << "alis-sync: --hash-threads + --hash-queue (" << a.hash_threads << " + " << hash_queue
                  << ") must leave at least half of --threads (" << a.threads << ") for other requests\n";
        return 2;
    }
    options.accounts.hash_threads = a.hash_threads;
    options.accounts.hash_queue = hash_queue;
    options.accounts.register_per_hour = a.register_per_hour;
    options.retention = a.retention;
    options.keep_notification_days = a.keep_notification_days;

    std::unique_ptr<Clock> clock;
    if (a.test_clock) {
        std::int64_t start = RealClock().now();
        if (!a.today.empty()) {
            auto d = parse_iso(a.today);
            if (!d) {
                std::cerr << "alis-sync: --today must be a date YYYY-MM-DD (got '" << a.today << "')\n";
                return 2;
            }
            start = days_from_civil(*d) * 86400 + 12 * 3600;
        }
        clock = std::make_unique<TestClock>(start);
    } else if (!a.today.empty()) {
        std::cerr << "alis-sync: --today needs --test-clock\n";
        return 2;
    }
    MailConfig mail;
    if (!a.smtp_url.empty()) {
        if (a.smtp_url.rfind("smtp://", 0) != 0 && a.smtp_url.rfind("smtps://", 0) != 0) {
            std::cerr << "alis-sync: --smtp-url must start with smtp:// or smtps:// (got '" << a.smtp_url << "')\n";
            return 2;
        }
        if (a.mail_from.find('@') == std::string::npos) {
            std::cerr << "alis-sync: --smtp-url needs --mail-from ADDRESS (got '" << a.mail_from << "')\n";
            return 2;
        }
        mail.smtp_url = a.smtp_url;
        mail.user = a.smtp_user;
        mail.from = a.mail_from;
        if (!a.smtp_password_file.empty()) {
            std::ifstream in(a.smtp_password_file);
            if (!in || !std::getline(in, mail.password)) {
                std::cerr << "alis-sync: cannot read --smtp-password-file " << a.smtp_password_file << "\n";
                return 2;
            }
        }
    }
    auto app = open_app(options, std::move(clock));

    std::cout << "alis-sync " << ALIS_VERSION << "\n";
    std::cout << "database: " << app->storage().location() << " (schema " << app->storage().schema_version() << ", "
              << app->sync().record_count() << " records)\n";
    if (options.web_root.empty() || !fs::exists(fs::path(app->files().root()) / "index.html")) {
        std::cout << "warning: no index.html in the web root '" << options.web_root
                  << "' (--web-root, default " << kDefaultWebRoot << " when it exists); only the API is served\n";
    } else {
        const std::string build = app->files().build();
        std::cout << "web root: " << app->files().root() << (build.empty() ? "" : " (build " + build + ")") << "\n";
    }
    if (a.test_clock) std::cout << "test clock: today is " << to_iso(app->clock().today()) << " (POST /api/test/clock)\n";
    auto admin_password = ensure_administrator(*app);
    std::ostringstream demo_accounts;
    if (a.demo) seed_demo(*app, demo_accounts);

    HttpOptions http;
    http.host = host;
    http.port = port;
    http.body_limit = a.body_limit;
    http.body_limit_for = [limit = a.body_limit](std::string_view path) { return limits_for(path, limit).body_bytes; };
    http.body_budget = a.body_budget;
    http.screen_head = [&](const Request& head) { return app->screen_head(head); };
    http.max_connections = a.max_connections;
    http.read_timeout = std::chrono::seconds(a.read_timeout);
    http.threads = a.threads;
    HttpServer server(http, [&](const Request& r) { return app->handle(r); });
    unsigned short bound = server.start();
    app->set_listen_address(host, bound);
    std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::string url = "http://" + shown_host + ":" + std::to_string(bound) + "/";
    if (admin_password) {
        std::cout << "\nFirst start: created the ALIS office administrator.\n"
                  << "  Open " << url << " and log in with\n"
                  << "    username: admin\n"
                  << "    one-time password: " << *admin_password << "\n"
                  << "  It is shown only now; the portal asks you to choose your own at the first log-in.\n\n";
    }
    if (a.demo) std::cout << "Demo: open " << url << " and log in as\n" << demo_accounts.str() << "\n";

    JobRunner jobs;
    jobs.add("audit-flush", std::chrono::seconds(1), [&] { app->audit().flush(); });
    jobs.add("two-month-release", std::chrono::seconds(a.job_interval), [&] {
        if (auto n = app->sync().release_unmatched(); n > 0) {
            std::cout << "two-month release: " << n << " records changed" << std::endl;
        }
    });
    // Daily: the first turn after start, then the first turn of each new day.
    jobs.add("expiry", std::chrono::seconds(a.job_interval), [&] {
        if (auto report = app->expire_daily(); report && !report->deleted.empty()) {
            std::cout << "expiry: deleted " << by_kind(report->deleted) << std::endl;
        }
    });
    // After the release and the expiry (jobs run in the order added): today's events, once each.
    jobs.add("notifications", std::chrono::seconds(a.job_interval), [&] {
        collect_notifications(app->storage(), app->sync(), app->clock(), a.keep_notification_days);
    });
    // After the notifications: their mails, through the relay, retried with backoff (outbox.hpp).
    std::unique_ptr<Outbox> outbox;
    if (mail.enabled()) {
        const std::string portal = a.public_urls.empty() ? url : a.public_urls.front();
        outbox = std::make_unique<Outbox>(app->storage(), app->clock(), mail, portal);
        jobs.add("mail", std::chrono::seconds(a.job_interval), [&] {
            if (auto r = outbox->run(); r.sent + r.failed > 0) {
                std::cout << "mail: sent " << r.sent << ", failed " << r.failed << " (retried later)";
                if (r.resent) std::cout << "; " << r.resent << " cut off by a crash tried again with the same Message-ID";
                std::cout << std::endl;
            }
        });
        std::cout << "mail: through " << mail.smtp_url << " from " << mail.from << "\n";
    }
    jobs.add("session-sweep", std::chrono::minutes(5), [&] { app->sessions().sweep(); });
    jobs.add("return-free-memory", std::chrono::seconds(5), [] { return_free_memory(); });
    jobs.start();

    std::cout << "allowed origins:";
    for (const std::string& o : app->allowed_origins()) std::cout << ' ' << o;
    std::cout << (a.public_urls.empty() ? " (the listen address; set --public-url behind a proxy)" : "") << "\n";
    std::cout << "listening on http://" << shown_host << ":" << bound << std::endl;
    server.run_until_signal();
    jobs.stop();
    app->audit().flush();
    std::cout << "alis-sync stopped" << std::endl;
    return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App cli{"alis-sync: the ALIS portal's sync server and admin tool"};
    cli.require_subcommand(1);

    ServeArgs sa;
    auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server");
    serve_cmd->add_option("--listen", sa.listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
    serve_cmd->add_option("--data", sa.data, "Data folder (SQLite database)")->capture_default_str();
    serve_cmd->add_option("--web-root", sa.web_root,
                          std::string("Folder with index.html, app.js, app.wasm (default ") + kDefaultWebRoot + " when it exists)");
    serve_cmd->add_option("--public-url", sa.public_urls,
                          "URL the portal is opened at, e.g. https://alis.example.no (repeatable or comma-separated); "
                          "its origin may make state-changing calls. Default: the --listen address");
    serve_cmd->add_flag("--demo", sa.demo, "Create demo organisations and one demo user per role");
    serve_cmd->add_option("--body-limit", sa.body_limit, "Largest request body in bytes")->capture_default_str()
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
    serve_cmd->add_option("--body-budget", sa.body_budget, "Bytes of request bodies held at once, all connections together")
        ->capture_default_str()->check(CLI::Range(std::size_t{1} << 20, std::size_t{1} << 34));
    serve_cmd->add_option("--max-connections", sa.max_connections, "Connections open at once")->capture_default_str()
        ->check(CLI::Range(std::size_t{16}, std::size_t{1000000}));
    serve_cmd->add_option("--push-rate", sa.push_rate, "Mutations per second one user may push (sustained)")
        ->capture_default_str()->check(CLI::Range(0.01, 1e9));
    serve_cmd->add_option("--push-burst", sa.push_burst, "Mutations one user may push at once")
        ->capture_default_str()->check(CLI::Range(1000.0, 1e9));
    serve_cmd->add_flag("--test-clock", sa.test_clock, "Use a settable clock (POST /api/test/clock); never in production");
    serve_cmd->add_option("--today", sa.today, "With --test-clock: the starting day, YYYY-MM-DD");
    serve_cmd->add_option("--threads", sa.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 64));
    serve_cmd->add_option("--read-timeout", sa.read_timeout, "Seconds to read a request or keep an idle connection")
        ->capture_default_str()->check(CLI::Range(1, 3600));
    serve_cmd->add_option("--job-interval", sa.job_interval, "Seconds between runs of the two-month release job")
        ->capture_default_str()->check(CLI::Range(1, 86400));
    serve_cmd->add_option("--session-idle-minutes", sa.idle_minutes, "Idle session expiry")->capture_default_str()
        ->check(CLI::Range(1, 100000));
    serve_cmd->add_option("--session-max-hours", sa.max_hours, "Absolute session expiry")->capture_default_str()
        ->check(CLI::Range(1, 10000));
    serve_cmd->add_flag("--secure-cookies", sa.secure_cookies, "Mark the session cookie Secure (when served over HTTPS by a proxy)");
    serve_cmd->add_option("--trusted-proxy", sa.trusted_proxies,
                          "Address of a reverse proxy whose X-Forwarded-For (last hop) names the client; repeatable or comma list")
        ->delimiter(',');
    serve_cmd->add_option("--hash-threads", sa.hash_threads, "Threads that run Argon2id (default: half the cores)")
        ->capture_default_str()->check(CLI::Range(1, 16));
    serve_cmd->add_option("--hash-queue", sa.hash_queue,
                          "Password hashes that may wait for a thread; then 503 busy (default: threads/2 - hash threads, 1 to 6)")
        ->check(CLI::Range(1, 64));
    serve_cmd->add_option("--register-per-hour", sa.register_per_hour, "GP registrations per client address per hour")
        ->capture_default_str()->check(CLI::Range(1, 100000));

    add_retention_flags(serve_cmd, sa.retention);
    serve_cmd->add_option("--keep-notifications-days", sa.keep_notification_days,
                          "Days notifications and their sent mails are kept after the event")->capture_default_str()->check(CLI::Range(1, 100000));
    serve_cmd->add_option("--smtp-url", sa.smtp_url,
                          "Mail relay: smtp://HOST:PORT (STARTTLS; required with --smtp-user) or smtps://HOST:PORT; none: no mail");
    serve_cmd->add_option("--smtp-user", sa.smtp_user, "Relay user name");
    serve_cmd->add_option("--smtp-password-file", sa.smtp_password_file, "File whose first line is the relay password");
    serve_cmd->add_option("--mail-from", sa.mail_from, "Sender address of the alert mails");

    std::string data = "./data";
    bool init_demo = false;
    auto* init_cmd = cli.add_subcommand("init", "Create the database and the administrator account");
    init_cmd->add_option("--data", data, "Data folder")->capture_default_str();
    init_cmd->add_flag("--demo", init_demo, "Also create the demo organisations and users");

    auto* user_cmd = cli.add_subcommand("user", "Manage accounts");
    user_cmd->require_subcommand(1);
    UserRecord nu;
    std::string password;
    auto* user_add = user_cmd->add_subcommand("add", "Add an account (prints a one-time password unless --password)");
    user_add->add_option("--data", data, "Data folder")->capture_default_str();
    user_add->add_option("--username", nu.username, "Login name")->required();
    user_add->add_option("--role", nu.role, "gp | hospital | municipality | alis_office")
        ->required()->check(CLI::IsMember({"gp", "hospital", "municipality", "alis_office"}));
    user_add->add_option("--organisation", nu.organisation_id, "Organisation id (hospital trust, municipality, office)");
    user_add->add_option("--name", nu.display_name, "Display name");
    user_add->add_option("--email", nu.email, "E-mail address");
    user_add->add_option("--language", nu.language, "nb | nn | en")->capture_default_str();
    user_add->add_option("--password", password, "Password (at least 10 characters)");
    std::string username;
    auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a new password (prints a one-time password unless --password)");
    user_passwd->add_option("--data", data, "Data folder")->capture_default_str();
    user_passwd->add_option("--username", username, "Login name")->required();
    user_passwd->add_option("--password", password, "New password (at least 10 characters)");

    auto* org_cmd = cli.add_subcommand("org", "Manage organisations");
    org_cmd->require_subcommand(1);
    std::string org_id, org_kind, org_name, org_parent, org_specialty;
    bool org_party = false;
    auto* org_add = org_cmd->add_subcommand("add", "Add or replace an organisation");
    org_add->add_option("--data", data, "Data folder")->capture_default_str();
    org_add->add_option("--id", org_id, "Id, e.g. helse-fonna")->required();
    org_add->add_option("--kind", org_kind, "hospital_trust | department | municipality | alis_office")
        ->required()->check(CLI::IsMember({"hospital_trust", "department", "municipality", "alis_office"}));
    org_add->add_option("--name", org_name, "Name")->required();
    org_add->add_option("--parent", org_parent, "A department's hospital trust");
    org_add->add_option("--specialty", org_specialty, "A department's specialty");
    org_add->add_flag("--party", org_party, "A municipality party to the ALIS agreement");

    std::string backup_to;
    auto* backup_cmd = cli.add_subcommand("backup", "Copy the database with SQLite's online backup (safe while serving)");
    backup_cmd->add_option("--data", data, "Data folder")->capture_default_str();
    backup_cmd->add_option("--to", backup_to, "Backup file")->required();

    bool sweep_dry_run = false, sweep_test_clock = false;
    std::string sweep_today;
    sync::RetentionPolicy sweep_policy;
    auto* sweep_cmd = cli.add_subcommand("sweep", "The yearly sweep: delete what has expired (stop the server first); prints what it deleted by kind");
    sweep_cmd->add_option("--data", data, "Data folder")->capture_default_str();
    sweep_cmd->add_flag("--dry-run", sweep_dry_run, "Change nothing; print what would be deleted");
    add_retention_flags(sweep_cmd, sweep_policy);
    int sweep_keep_notifications = kKeepNotificationDays;
    sweep_cmd->add_option("--keep-notifications-days", sweep_keep_notifications,
                          "Days notifications and their sent mails are kept after the event")->capture_default_str()->check(CLI::Range(1, 100000));
    sweep_cmd->add_flag("--test-clock", sweep_test_clock, "Judge expiry on --today instead of today; never in production");
    sweep_cmd->add_option("--today", sweep_today, "With --test-clock: the day to judge on, YYYY-MM-DD");

    std::string report_from, report_to, report_format = "csv", report_hospital, report_municipality;
    auto* report_cmd = cli.add_subcommand(
        "report", "The scheme's evaluation figures for a window (periods, GPs, offers), from the anonymous facts "
                  "(stop the server first); CSV as Norwegian Excel opens it, or JSON");
    report_cmd->add_option("--data", data, "Data folder")->capture_default_str();
    report_cmd->add_option("--from", report_from, "First day of the window, YYYY-MM-DD")->required();
    report_cmd->add_option("--to", report_to, "Last day of the window (included), YYYY-MM-DD")->required();
    report_cmd->add_option("--format", report_format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
    auto* report_hospital_opt = report_cmd->add_option("--hospital", report_hospital, "Only this hospital trust's part (its id), as its users see it");
    report_cmd->add_option("--municipality", report_municipality, "Only this municipality's part (its id), as its users see it")
        ->excludes(report_hospital_opt);

    auto* check_cmd = cli.add_subcommand("check", "Run PRAGMA integrity_check");
    check_cmd->add_option("--data", data, "Data folder")->capture_default_str();

    CLI11_PARSE(cli, argc, argv);

    try {
        init_crypto();
        if (*serve_cmd) return serve(sa);
        AppOptions options;
        options.data_dir = data;
        if (*backup_cmd) {
            auto storage = open_sqlite_storage(data);
            storage->backup_to(backup_to);
            std::cout << "backup written to " << backup_to << "\n";
            return 0;
        }
        if (*check_cmd) {
            auto storage = open_sqlite_storage(data);
            std::string result = storage->integrity_check();
            std::cout << "integrity_check: " << result << "\n";
            return result == "ok" ? 0 : 1;
        }
        std::optional<sync::EvaluationWindow> window;
        if (*report_cmd) {
            const auto from = parse_iso(report_from), to = parse_iso(report_to);
            if (!from || !to || *to < *from) {
                std::cerr << "alis-sync: report needs --from and --to as dates YYYY-MM-DD, --from not after --to (got '"
                          << report_from << "', '" << report_to << "')\n";
                return 2;
            }
            window = sync::EvaluationWindow{*from, *to};
        }
        std::unique_ptr<Clock> clock;
        if (*sweep_cmd && (sweep_test_clock || !sweep_today.empty())) {
            auto d = parse_iso(sweep_today);
            if (!sweep_test_clock || !d) {
                std::cerr << "alis-sync: sweep --today needs --test-clock and a date YYYY-MM-DD (got '" << sweep_today << "')\n";
                return 2;
            }
            clock = std::make_unique<TestClock>(days_from_civil(*d) * 86400 + 12 * 3600);
        }
        DataLock lock(data);
        auto app = open_app(options, std::move(clock));
        if (*report_cmd) {
            sync::EvaluationScope scope;
            if (!report_hospital.empty()) scope = {sync::EvaluationScope::Kind::hospital, report_hospital};
            if (!report_municipality.empty()) scope = {sync::EvaluationScope::Kind::municipality, report_municipality};
            const sync::Evaluation e = app->sync().evaluate(*window, scope);
            const auto names = app->sync().organisation_names();
            if (report_format == "json") {
                std::cout << sync::evaluation_json(e, names).dump(2) << "\n";
            } else {
                std::cout << sync::evaluation_csv(e, names);
            }
            return 0;
        }
        if (*sweep_cmd) {
            // The two-month rule first, so the facts taken before the deletion say "released".
            if (!sweep_dry_run) app->sync().release_unmatched();
            auto report = app->sync().expire_outdated(sweep_policy, sweep_dry_run);
            const auto old = expire_notifications(app->storage(), app->clock(), sweep_keep_notifications, sweep_dry_run);
            if (old.notifications) report.deleted["notification"] += old.notifications;
            if (old.mails) report.deleted["mail"] += old.mails;
            const InactivityReport idle = apply_inactivity(*app, report.policy, sweep_dry_run);
            for (const auto& [kind, n] : idle.records) report.deleted[kind] += n;
            for (const auto& [role, n] : idle.accounts) report.deleted["account (" + role + ", inactive)"] += n;
            std::cout << (sweep_dry_run ? "sweep (dry run) on " : "sweep on ") << to_iso(app->clock().today()) << ": "
                      << (sweep_dry_run ? "would delete " : "deleted ") << by_kind(report.deleted) << "\n";
            for (const auto& [kind, n] : report.deleted) std::cout << "  " << kind << ": " << n << "\n";
            const auto& used = report.policy;  // the office's stored policy wins over the flags
            std::cout << "policy: " << (used.version == 0 ? "the flags (the office never set one)"
                                                          : "the office's version " + std::to_string(used.version))
                      << ", struck candidates " << used.struck_candidate_days << " days, ended periods "
                      << used.ended_period_months << " months, inactive GP profiles " << used.inactive_profile_months
                      << " months, inactive accounts " << used.inactive_account_months << " months, audit entries "
                      << used.audit_years << " years\n";
            std::cout << (sweep_dry_run ? "inactivity warnings due: " : "inactivity warnings queued: ") << idle.warned << "\n";
            std::cout << (sweep_dry_run ? "audit entries to fold into counts: " : "audit entries folded into counts: ")
                      << idle.audit_folded << "\n";
            if (!sweep_dry_run) {
                app->audit().flush();
                app->storage().compact(true);  // VACUUM: no free page keeps deleted data
                std::cout << "period facts recorded: " << report.facts << " (kept in all: " << app->storage().period_facts().size()
                          << ")\n";
            }
            return 0;
        }
        if (*init_cmd) {
            auto pw = ensure_administrator(*app);
            std::cout << "database: " << app->storage().location() << " (schema " << app->storage().schema_version()
                      << ")\n";
            if (pw) {
                std::cout << "created the ALIS office administrator: username admin, one-time password " << *pw << "\n";
            } else {
                std::cout << "already initialised\n";
            }
            if (init_demo) seed_demo(*app, std::cout);
            return 0;
        }
        if (*user_add) {
            bool generated = password.empty();
            if (generated) password = random_password();
            // The portal's own rules: what the office's form and registration would refuse, this refuses.
            Problems problems;
            sync::check_username(problems, nu.username);
            sync::check_name(problems, nu.display_name);
            sync::check_email(problems, nu.email);
            sync::check_language(problems, nu.language);
            if (!generated) sync::check_password(problems, password, nu.username, common_password);
            require_valid(problems);
            nu.must_change_password = generated;
            auto u = create_account(app->storage(), app->sync(), app->clock(), nu, password);
            std::cout << "added " << u.username << " (" << u.role << ", id " << u.id << ")\n";
            if (generated) std::cout << "one-time password: " << password << "\n";
            return 0;
        }
        if (*user_passwd) {
            auto u = app->storage().user_by_username(username);
            if (!u) throw std::runtime_error("no user named " + username);
            bool generated = password.empty();
            if (generated) password = random_password();
            Problems problems;
            if (!generated) sync::check_password(problems, password, u->username, common_password);
            require_valid(problems);
            app->storage().set_password(u->id, hash_password(password), generated);
            app->storage().delete_sessions_of(u->id);
            std::cout << "password changed for " << u->username << "; their sessions ended\n";
            if (generated) std::cout << "one-time password: " << password << "\n";
            return 0;
        }
        if (*org_add) {
            put_organisation(*app, {{"id", org_id}, {"kind", org_kind}, {"name", org_name}, {"parent_id", org_parent},
                                    {"specialty", org_specialty}, {"party_to_agreement", org_party}});
            std::cout << "organisation " << org_id << " saved\n";
            return 0;
        }
    } catch (const DuplicateError& e) {
        std::cerr << "alis-sync: already exists: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "alis-sync: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace alis::server
