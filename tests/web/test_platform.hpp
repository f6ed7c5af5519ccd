#pragma once
// A Platform for headless screen tests: files in memory (they survive a new App, as IndexedDB
// survives a reload), a clock the test sets, and HTTP answered by the real core sync server
// (alis::sync::SyncServer) behind a tiny in-memory login. Requests wait until the test delivers
// them, and fail with status 0 while the test has the platform offline.
#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <string>

#include "alis/sync/server.hpp"
#include "platform.hpp"

namespace alis::web::testing {

class TestPortal {
public:
    sync::SyncServer server;
    std::map<std::string, std::pair<std::string, sync::User>> accounts;  // username -> password, user
    Date today{2026, 11, 23};

    void add_account(const std::string& username, const std::string& password, const sync::User& user) {
        accounts[username] = {password, user};
        apply("put_user", nlohmann::json(user));
    }
    void apply(const std::string& name, const nlohmann::json& args) {
        auto changes = server.apply_direct(sync::system_actor(), name, args, today);
        if (!changes.outcome.accepted) {
            std::string why;
            for (const auto& p : changes.outcome.problems) why += " " + p.field + ": " + p.message.en;
            throw std::runtime_error("setup mutation refused: " + name + why);
        }
    }
};

class TestPlatform : public Platform {
public:
    explicit TestPlatform(TestPortal& portal) : portal_(portal) {}

    bool offline = false;
    std::map<std::string, std::string> files;
    double clock = 1000;
    std::vector<std::string> paths_sent;

    void post_json(const std::string& path, const std::string& body, std::function<void(const HttpResponse&)> done) override {
        paths_sent.push_back(path);
        queue_.push_back({path, body, std::move(done)});
    }
    // Answers every request sent so far (and those their answers cause), like a network round trip.
    int deliver() {
        int n = 0;
        while (!queue_.empty() && n < 100) {
            auto request = std::move(queue_.front());
            queue_.pop_front();
            request.done(offline ? HttpResponse{0, ""} : answer(request.path, request.body));
            ++n;
        }
        return n;
    }
    std::string read_file(const std::string& name) override { return files.count(name) ? files[name] : ""; }
    bool write_file(const std::string& name, const std::string& content) override {
        files[name] = content;
        return true;
    }
    void remove_file(const std::string& name) override { files.erase(name); }
    Date today() override { return portal_.today; }
    double now_seconds() override { return clock; }
    std::string wall_clock_hhmm() override { return "12:00"; }
    // Unique across platforms, as the browser's random ids are: two clients never share an id.
    std::string random_id() override {
        static int platforms = 0;
        if (salt_ == 0) salt_ = ++platforms;
        char buf[40];
        std::snprintf(buf, sizeof buf, "%08d%024d", salt_, ++ids_);
        return buf;
    }

private:
    struct Request {
        std::string path, body;
        std::function<void(const HttpResponse&)> done;
    };

    HttpResponse answer(const std::string& path, const std::string& body) {
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (path == "/api/login") {
            auto it = portal_.accounts.find(j.value("username", ""));
            if (it == portal_.accounts.end() || it->second.first != j.value("password", "")) {
                return {401, R"({"error":{"status":401,"rule":"invalid_credentials","message":{"nb":"Feil brukernavn eller passord.","nn":"x","en":"Wrong username or password."}}})"};
            }
            logged_in_ = it->second.second;
            return {200, nlohmann::json{{"user", logged_in_}, {"role", sync::to_string(logged_in_.role)}}.dump()};
        }
        if (path == "/api/logout") return {200, "{}"};
        const sync::Actor actor = sync::actor_for(logged_in_);
        Problems problems;
        if (path == "/api/push") {
            auto request = sync::parse_push_request(j, problems);
            if (!request) return {400, "{}"};
            return {200, sync::push_response_json(portal_.server.push(actor, *request, portal_.today)).dump()};
        }
        if (path == "/api/pull") {
            auto request = sync::parse_pull_request(j, problems);
            if (!request) return {400, "{}"};
            return {200, sync::to_json(portal_.server.pull(actor, *request)).dump()};
        }
        return {404, "{}"};
    }

    TestPortal& portal_;
    std::deque<Request> queue_;
    sync::User logged_in_;
    int ids_ = 0;
    int salt_ = 0;
};

}  // namespace alis::web::testing
