#pragma once
// A Platform for headless screen tests: files in memory (they survive a new App, as IndexedDB
// survives a reload), a clock the test sets, and HTTP answered by the real core sync server
// (alis::sync::SyncServer) behind a tiny in-memory login. Requests wait until the test delivers
// them, and fail with status 0 while the test has the platform offline.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alis/sync/personal_data.hpp"
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

// What a browser profile keeps for every tab: the stored files (IndexedDB) and the locks tabs hold
// (Web Locks), with the tabs waiting for them.
struct TestProfile {
    std::map<std::string, std::string> files;
    sync::User logged_in;  // the session cookie, shared by every tab
    std::uint64_t revision = 0;  // moves with every committed write
    std::map<std::string, const void*> holders;
    struct Waiter {
        const void* tab;
        std::string name;
        std::function<void(const std::string&)> grant;
    };
    std::deque<Waiter> waiters;

    void release(const void* tab, const std::string& name) {
        auto it = holders.find(name);
        if (it == holders.end() || it->second != tab) return;
        holders.erase(it);
        for (auto w = waiters.begin(); w != waiters.end(); ++w) {
            if (w->name != name) continue;
            holders[name] = w->tab;
            auto grant = std::move(w->grant);
            waiters.erase(w);
            grant(name);
            return;
        }
    }
    // The tab ended (closed or killed): the browser releases its locks and forgets its requests.
    void end(const void* tab) {
        for (auto w = waiters.begin(); w != waiters.end();) w = w->tab == tab ? waiters.erase(w) : w + 1;
        std::vector<std::string> held;
        for (const auto& [name, holder] : holders) {
            if (holder == tab) held.push_back(name);
        }
        for (const auto& name : held) release(tab, name);
    }
};

// One browser tab. Its writes reach the profile when flushed (at once while auto_flush is on, the
// default); until then only this tab sees them, and crash() loses them, as a killed browser would.
class TestPlatform : public Platform {
public:
    explicit TestPlatform(TestPortal& portal) : TestPlatform(portal, nullptr) {}
    TestPlatform(TestPortal& portal, TestProfile& profile) : TestPlatform(portal, &profile) {}
    ~TestPlatform() override { profile_.end(this); }

    bool offline = false;
    // What the browser says (navigator.onLine); `offline` alone fails requests while it says online.
    bool browser_offline = false;
    bool online() override { return !browser_offline; }
    bool auto_flush = true;
    bool fail_writes = false;  // the storage refuses writes (QuotaExceededError) until cleared
    double clock = 1000;
    std::vector<std::string> paths_sent;
    struct Download {
        std::string file_name, mime_type, bytes;
    };
    std::vector<Download> downloads;  // what the screens handed to the browser's downloads
    struct Picker {
        std::string accept;
        std::size_t max_bytes = 0;
        std::function<void(const ChosenFile&)> done;
    };
    std::optional<Picker> picker;  // the file picker a screen opened, until the test chooses a file

    // The person chooses a file in the open picker, as the browser shell hands it over: refused by
    // size before its bytes are read. False when no picker is open.
    bool choose(const std::string& name, const std::string& bytes) {
        if (!picker) return false;
        auto open = std::move(*picker);
        picker.reset();
        ChosenFile file{name, {}, bytes.size(), bytes.size() > open.max_bytes};
        if (!file.too_large) file.bytes = bytes;
        open.done(file);
        return true;
    }

    TestProfile& profile() { return profile_; }

    // The page is reloaded (its App destroyed, a new one made on this platform): the old page's
    // requests and tasks die with it, as a browser forgets them, so no answer reaches a gone App.
    void reload() {
        queue_.clear();
        tasks_.clear();
        profile_.end(this);
    }

    void post_json(const std::string& path, const std::string& body, std::function<void(const HttpResponse&)> done) override {
        paths_sent.push_back(path);
        queue_.push_back({path, body, std::move(done)});
    }
    // Raw bytes (a PDF upload) go where JSON goes; the test's `documents` answers them.
    void post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes,
                    std::function<void(const HttpResponse&)> done) override {
        paths_sent.push_back(path);
        content_types.push_back(content_type);
        queue_.push_back({path, bytes, std::move(done)});
    }
    std::vector<std::string> content_types;  // of the bytes posted, in order
    // The server's document routes (sync/, not core): a test that uses them answers for them, with
    // the user the session cookie names. Unset: 404, as a server without them.
    std::function<HttpResponse(const std::string& path, const std::string& body, const sync::User& user)> documents;
    // Answers every request sent so far (and those their answers cause), like a network round trip,
    // after running what the browser would have run meanwhile (granted locks).
    int deliver() {
        run_tasks();
        int n = 0;
        while (!queue_.empty() && n < 100) {
            auto request = std::move(queue_.front());
            queue_.pop_front();
            request.done(offline ? HttpResponse{0, ""} : answer(request.path, request.body));
            ++n;
            run_tasks();
        }
        return n;
    }
    void run_tasks() {
        while (!tasks_.empty()) {
            auto task = std::move(tasks_.front());
            tasks_.pop_front();
            task();
        }
    }
    // Commits this tab's writes to the profile; false (and storage_error set) while fail_writes.
    bool flush() {
        if (unflushed_.empty()) return true;
        if (fail_writes) {
            error_ = "QuotaExceededError";
            return false;
        }
        for (auto& [name, content] : unflushed_) {
            if (content) {
                profile_.files[name] = *content;
            } else {
                profile_.files.erase(name);
            }
        }
        unflushed_.clear();
        error_.clear();
        ++profile_.revision;
        return true;
    }
    // A reload: the old document's locks and lock requests end with it. Its writes were started
    // (IndexedDB transactions) before its locks went, so they land before any write of a tab that
    // takes a lock after it, or not at all (a failing write is lost: beforeunload warned).
    void end_document() {
        if (!flush()) unflushed_.clear();
        tasks_.clear();
        queue_.clear();
        profile_.end(this);
    }
    // The browser killed: unflushed writes are gone, locks released.
    void crash() {
        unflushed_.clear();
        tasks_.clear();
        queue_.clear();
        profile_.end(this);
    }

    std::string read_file(const std::string& name) override {
        auto mine = unflushed_.find(name);
        if (mine != unflushed_.end()) return mine->second.value_or("");
        auto it = profile_.files.find(name);
        return it == profile_.files.end() ? "" : it->second;
    }
    bool write_file(const std::string& name, const std::string& content) override {
        unflushed_[name] = content;
        if (auto_flush) flush();
        return true;
    }
    void remove_file(const std::string& name) override {
        unflushed_[name] = std::nullopt;
        if (auto_flush) flush();
    }
    std::string storage_error() override { return error_; }
    bool unsaved() override { return !unflushed_.empty(); }
    std::vector<std::string> list_files(const std::string& prefix) override {
        std::set<std::string> names;
        for (const auto& [name, content] : profile_.files) {
            if (name.rfind(prefix, 0) == 0) names.insert(name);
        }
        for (const auto& [name, content] : unflushed_) {
            if (name.rfind(prefix, 0) != 0) continue;
            if (content) {
                names.insert(name);
            } else {
                names.erase(name);
            }
        }
        return {names.begin(), names.end()};
    }
    std::uint64_t store_revision() override { return profile_.revision; }
    void claim(const std::string& name, bool wait, std::function<void(bool)> done) override {
        auto it = profile_.holders.find(name);
        // A lock this tab holds is its own again: a reload ends the document that took it.
        if (it == profile_.holders.end() || it->second == this) {
            profile_.holders[name] = this;
            tasks_.push_back([done] { done(true); });
        } else if (!wait) {
            tasks_.push_back([done] { done(false); });
        } else {
            profile_.waiters.push_back({this, name, [this, done](const std::string&) { tasks_.push_back([done] { done(true); }); }});
        }
    }
    // The writes this tab made before letting a lock go were started before it: they land before
    // any write of the tab that takes the lock next (IndexedDB commits in creation order).
    void release(const std::string& name) override {
        flush();
        profile_.release(this, name);
    }
    void save_download(const std::string& file_name, const std::string& mime_type, const std::string& bytes) override {
        downloads.push_back({file_name, mime_type, bytes});
    }
    void choose_file(const std::string& accept, std::size_t max_bytes, std::function<void(const ChosenFile&)> done) override {
        picker = Picker{accept, max_bytes, std::move(done)};
    }
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
        if (path.rfind("/api/documents/", 0) == 0) return documents ? documents(path, body, profile_.logged_in) : HttpResponse{404, "{}"};
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (path == "/api/login") {
            auto it = portal_.accounts.find(j.value("username", ""));
            if (it == portal_.accounts.end() || it->second.first != j.value("password", "")) {
                return {401, R"({"error":{"status":401,"rule":"invalid_credentials","message":{"nb":"Feil brukernavn eller passord.","nn":"x","en":"Wrong username or password."}}})"};
            }
            profile_.logged_in = it->second.second;
            return {200, nlohmann::json{{"user", profile_.logged_in}, {"role", sync::to_string(profile_.logged_in.role)}}.dump()};
        }
        if (path == "/api/logout") return {200, "{}"};
        const sync::Actor actor = sync::actor_for(profile_.logged_in);
        Problems problems;
        if (path == "/api/push") {
            auto request = sync::parse_push_request(j, problems);
            if (!request) return {400, "{}"};
            const auto result = portal_.server.push(actor, *request, portal_.today);
            const int status = result.status == sync::PushStatus::forked ? 409 : result.status == sync::PushStatus::refused ? 400 : 200;
            return {status, sync::push_response_json(result).dump()};
        }
        if (path == "/api/pull") {
            auto request = sync::parse_pull_request(j, problems);
            if (!request) return {400, "{}"};
            return {200, sync::to_json(portal_.server.pull(actor, *request)).dump()};
        }
        if (path == "/api/me/export" || path == "/api/me/delete") return own_data(path, j);
        return {404, "{}"};
    }

    // The server's GDPR endpoints over the core's functions (sync/src/personal_data_api.cpp).
    HttpResponse own_data(const std::string& path, const nlohmann::json& j) {
        const sync::User& u = profile_.logged_in;
        if (u.id.empty()) return {401, R"({"error":{"status":401,"rule":"not_logged_in","message":{"nb":"Du må logge inn.","nn":"x","en":"x"}}})"};
        if (path == "/api/me/export") {
            return {200, nlohmann::json{{"account", {{"id", u.id}, {"name", u.name}, {"email", u.email}}},
                                        {"records", sync::personal_data(portal_.server.state(), {u.id, u.doctor_id})}}
                             .dump()};
        }
        auto account = std::find_if(portal_.accounts.begin(), portal_.accounts.end(), [&](const auto& a) { return a.second.second.id == u.id; });
        if (account == portal_.accounts.end() || account->second.first != j.value("password", "")) {
            return {403, R"({"error":{"status":403,"rule":"wrong_password","message":{"nb":"Passordet er feil.","nn":"Passordet er feil.","en":"The password is wrong."}},)"
                         R"("problems":[{"field":"password","rule":"wrong_password","message":{"nb":"Passordet er feil.","nn":"Passordet er feil.","en":"The password is wrong."}}]})"};
        }
        portal_.server.erase_personal_data({u.id, u.doctor_id}, portal_.today);
        portal_.accounts.erase(account);
        profile_.logged_in = {};
        return {200, R"({"deleted":true})"};
    }

    // A tab of its own profile, or one of several sharing `shared`. own_profile_ is named only once
    // the constructor runs (it is built before profile_): naming it in a delegating constructor's
    // argument, before construction begins, is undefined behaviour (UBSan's vptr check finds it).
    TestPlatform(TestPortal& portal, TestProfile* shared)
        : profile_(shared ? *shared : own_profile_), files(profile_.files), portal_(portal) {}

    TestProfile own_profile_;
    TestProfile& profile_;

public:
    std::map<std::string, std::string>& files;  // the profile's stored files

private:
    TestPortal& portal_;
    std::deque<Request> queue_;
    std::deque<std::function<void()>> tasks_;
    std::map<std::string, std::optional<std::string>> unflushed_;  // nullopt: removed
    std::string error_;
    int ids_ = 0;
    int salt_ = 0;
};

}  // namespace alis::web::testing
