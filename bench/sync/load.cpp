// Load generator for alis-sync on loopback. Prints figures; never fails on time.
//   sync_load --port N [--clients 100] [--seconds 5] [--mode pull|push] [--batch 100]
// pull: empty pulls (cookie = the server's version) per second and their latency.
// push: durable mutations per second, `batch` mutations per push, each push acknowledged only after
//       its SQLite commit; every client uses its own client id.
// login-flood: empty pulls by `clients` clients, first alone (the reference), then while `--logins`
//       more clients (default 40) log in as fast as they can, each again as soon as it has its answer
//       (a 503 busy too: the worst case, no client honours Retry-After). Prints the pull p50/p99 of both
//       phases and the log-ins' answers.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Conn {
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    std::string host;
    unsigned short port;
    std::string cookie;

    Conn(unsigned short p, std::string c) : host("127.0.0.1"), port(p), cookie(std::move(c)) {
        stream.connect(tcp::endpoint(asio::ip::make_address(host), port));
        stream.socket().set_option(tcp::no_delay(true));
    }

    http::response<http::string_body> post(const std::string& target, const std::string& body) {
        http::request<http::string_body> req{http::verb::post, target, 11};
        req.set(http::field::host, host + ":" + std::to_string(port));
        req.set(http::field::content_type, "application/json");
        if (!cookie.empty()) req.set(http::field::cookie, "alis_session=" + cookie);
        req.body() = body;
        req.keep_alive(true);
        req.prepare_payload();
        http::write(stream, req);
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        return res;
    }
};

std::string login(unsigned short port, const std::string& user, const std::string& password) {
    Conn c(port, "");
    auto res = c.post("/api/login", json{{"username", user}, {"password", password}}.dump());
    if (res.result_int() != 200) throw std::runtime_error("login failed: " + res.body());
    std::string set = std::string(res[http::field::set_cookie]);
    auto start = set.find('=') + 1;
    return set.substr(start, set.find(';') - start);
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

// One phase of the login-flood mode: `pullers` clients pull for `seconds` while `logins` clients log
// in; prints the pulls' figures and the log-ins' answers by status.
void pull_phase(const char* what, unsigned short port, const std::string& cookie, std::int64_t version, int pullers,
                int logins, double seconds, const std::string& user, const std::string& password) {
    std::atomic<bool> stop{false};
    std::atomic<long> pulls{0}, pull_errors{0}, ok{0}, busy{0}, other{0};
    std::mutex mutex;
    std::vector<double> latencies, login_latencies;
    std::vector<std::thread> threads;
    const std::string login_body = json{{"username", user}, {"password", password}}.dump();
    for (int t = 0; t < logins; ++t) {
        threads.emplace_back([&] {
            std::vector<double> mine;
            try {
                Conn c(port, "");
                while (!stop.load(std::memory_order_relaxed)) {
                    auto t0 = Clock::now();
                    auto res = c.post("/api/login", login_body);
                    mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                    int status = res.result_int();
                    (status == 200 ? ok : status == 503 ? busy : other)++;
                }
            } catch (const std::exception&) {
                ++other;
            }
            std::lock_guard lock(mutex);
            login_latencies.insert(login_latencies.end(), mine.begin(), mine.end());
        });
    }
    const auto start = Clock::now();
    for (int t = 0; t < pullers; ++t) {
        threads.emplace_back([&, t] {
            std::vector<double> mine;
            try {
                Conn c(port, cookie);
                const std::string body =
                    json{{"client_id", "bench-flood-" + std::to_string(::getpid()) + "-" + std::to_string(t)}, {"cookie", version}}.dump();
                while (!stop.load(std::memory_order_relaxed)) {
                    auto t0 = Clock::now();
                    auto res = c.post("/api/pull", body);
                    if (res.result_int() != 200) {
                        ++pull_errors;
                        continue;
                    }
                    mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                    ++pulls;
                }
            } catch (const std::exception&) {
                ++pull_errors;
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : threads) th.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("  %-26s pulls/s: %6.0f  pull p50: %6.2f ms  p99: %7.2f ms  errors: %ld\n", what,
                static_cast<double>(pulls.load()) / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.99),
                pull_errors.load());
    if (logins > 0) {
        std::printf("  %-26s log-ins: %ld ok (%.1f/s), %ld busy (503), %ld other; log-in p50: %.0f ms  p99: %.0f ms\n", "",
                    ok.load(), static_cast<double>(ok.load()) / elapsed, busy.load(), other.load(),
                    percentile(login_latencies, 0.5), percentile(login_latencies, 0.99));
    }
}

}  // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    int clients = 100;
    double seconds = 5;
    std::string mode = "pull";
    int batch = 100;
    int logins = 40;
    std::string user = "demo-lege", password = "demo-passord-2027";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--port") port = static_cast<unsigned short>(std::stoi(v));
        else if (k == "--clients") clients = std::stoi(v);
        else if (k == "--seconds") seconds = std::stod(v);
        else if (k == "--mode") mode = v;
        else if (k == "--batch") batch = std::stoi(v);
        else if (k == "--logins") logins = std::stoi(v);
        else if (k == "--user") user = v;
        else if (k == "--password") password = v;
    }
    if (port == 0) {
        std::cerr << "usage: sync_load --port N [--clients 100] [--seconds 5] [--mode pull|push|login-flood] [--batch 100] [--logins 40]\n";
        return 2;
    }
    try {
        const std::string cookie = login(port, user, password);
        std::int64_t version = 0;
        std::string doctor;
        {
            Conn c(port, cookie);
            auto me = json::parse(c.post("/api/pull", json{{"client_id", "bench-probe"}, {"cookie", 0}}.dump()).body());
            version = me["cookie"].get<std::int64_t>();
            auto who = c.post("/api/login", json{{"username", user}, {"password", password}}.dump());
            doctor = json::parse(who.body())["user"]["doctor_id"].get<std::string>();
            if (mode == "push") {
                // The GP's profile must exist before free time can be added to it.
                json m = {{"id", 1}, {"name", "register_doctor"},
                          {"args", {{"id", doctor}, {"name", "Bench Lege"}, {"hpr_number", "1234567"},
                                    {"municipality_id", "bergen"}, {"general_practice_start", "2020-01-01"}}}};
                c.post("/api/push", json{{"client_id", "bench-setup-" + std::to_string(::getpid())}, {"mutations", {m}}}.dump());
            }
        }

        if (mode == "login-flood") {
            // Another account logs in, so the pulls' own session is never touched by the flood.
            std::printf("mode=login-flood pull clients=%d log-in clients=%d seconds=%.1f each phase\n", clients, logins, seconds);
            pull_phase("reference (no log-ins):", port, cookie, version, clients, 0, seconds, "", "");
            pull_phase("during the log-in flood:", port, cookie, version, clients, logins, seconds, "demo-lege2", password);
            return 0;
        }

        std::atomic<bool> stop{false};
        std::atomic<long> requests{0}, mutations{0}, errors{0};
        std::mutex mutex;
        std::vector<double> latencies;
        std::vector<std::thread> threads;
        const auto start = Clock::now();
        for (int t = 0; t < clients; ++t) {
            threads.emplace_back([&, t] {
                std::vector<double> mine;
                try {
                    Conn c(port, cookie);
                    const std::string client_id = "bench-" + std::to_string(::getpid()) + "-" + std::to_string(t);
                    std::int64_t next = 1;
                    long serial = 0;
                    const std::string pull_body = json{{"client_id", client_id}, {"cookie", version}}.dump();
                    while (!stop.load(std::memory_order_relaxed)) {
                        std::string target = "/api/pull", body = pull_body;
                        if (mode == "push") {
                            json ms = json::array();
                            for (int i = 0; i < batch; ++i) {
                                ms.push_back({{"id", next + i},
                                              {"name", "put_available_time"},
                                              // The core caps a GP at 100 spans of free time, so each client
                                              // rewrites one of its own: every mutation is still a durable write.
                                              {"args", {{"id", "b" + std::to_string(t % 90)},
                                                        {"doctor_id", doctor},
                                                        {"start", "2030-03-01"},
                                                        {"end", "2030-08-" + std::to_string(10 + (serial++ % 20))}}}});
                            }
                            target = "/api/push";
                            body = json{{"client_id", client_id}, {"mutations", ms}}.dump();
                        }
                        auto t0 = Clock::now();
                        auto res = c.post(target, body);
                        double ms_taken = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                        if (res.result_int() != 200) {
                            ++errors;
                            continue;
                        }
                        mine.push_back(ms_taken);
                        ++requests;
                        if (mode == "push") {
                            auto j = json::parse(res.body());
                            mutations += static_cast<long>(j["applied"].size());
                            next += batch;
                        }
                    }
                } catch (const std::exception& e) {
                    ++errors;
                }
                std::lock_guard lock(mutex);
                latencies.insert(latencies.end(), mine.begin(), mine.end());
            });
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        stop = true;
        for (auto& th : threads) th.join();
        double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        double p50 = percentile(latencies, 0.50), p99 = percentile(latencies, 0.99);
        std::printf("mode=%s clients=%d batch=%d seconds=%.1f\n", mode.c_str(), clients, mode == "push" ? batch : 0, elapsed);
        std::printf("  requests/s: %.0f\n", static_cast<double>(requests.load()) / elapsed);
        if (mode == "push") std::printf("  durable mutations/s: %.0f\n", static_cast<double>(mutations.load()) / elapsed);
        std::printf("  latency p50: %.2f ms  p99: %.2f ms  errors: %ld\n", p50, p99, errors.load());
    } catch (const std::exception& e) {
        std::cerr << "sync_load: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
