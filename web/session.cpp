#include "session.hpp"

#include <algorithm>
#include <limits>

namespace alis::web {

using nlohmann::json;

namespace {

constexpr const char* kSessionFile = "session.json";
constexpr double kPullEverySeconds = 15;
constexpr double kMaxBackoffSeconds = 60;

std::string replica_file(const std::string& user_id) { return "replica-" + user_id + ".json"; }

std::optional<SessionUser> user_from_json(const json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return std::nullopt;
    SessionUser u;
    u.id = j.value("id", "");
    u.username = j.value("username", "");
    u.role = sync::role_from_string(j.value("role", "gp")).value_or(sync::Role::gp);
    u.organisation_id = j.value("organisation_id", "");
    u.doctor_id = j.value("doctor_id", "");
    u.name = j.value("name", "");
    u.email = j.value("email", "");
    u.must_change_password = j.value("must_change_password", false);
    if (u.id.empty()) return std::nullopt;
    return u;
}

json user_to_json(const SessionUser& u) {
    return {{"id", u.id}, {"username", u.username}, {"role", sync::to_string(u.role)},
            {"organisation_id", u.organisation_id}, {"doctor_id", u.doctor_id}, {"name", u.name}, {"email", u.email},
            {"must_change_password", u.must_change_password}};
}

Problem general(const std::string& rule, Text message) { return {"(server)", rule, std::move(message)}; }

}  // namespace

Problems problems_from_answer(const HttpResponse& r) {
    if (r.status == 0) {
        return {general("offline", {"Får ikke kontakt med serveren. Prøv igjen når du er på nett.",
                                    "Får ikkje kontakt med serveren. Prøv igjen når du er på nett.",
                                    "Cannot reach the server. Try again when you are online."})};
    }
    const json j = json::parse(r.body, nullptr, false);
    Problems out;
    if (j.is_object() && j.contains("problems") && j["problems"].is_array()) {
        for (const auto& p : j["problems"]) {
            if (!p.is_object() || !p.contains("message") || !p["message"].is_object()) continue;
            const auto& m = p["message"];
            out.push_back({p.value("field", ""), p.value("rule", ""),
                           {m.value("nb", ""), m.value("nn", ""), m.value("en", "")}});
        }
    }
    if (out.empty() && j.is_object() && j.contains("error") && j["error"].is_object()) {
        const auto& e = j["error"];
        const json m = e.value("message", json::object());
        if (m.is_object()) {
            out.push_back({e.value("field", ""), e.value("rule", ""),
                           {m.value("nb", ""), m.value("nn", ""), m.value("en", "")}});
        }
    }
    if (out.empty()) {
        const std::string code = std::to_string(r.status);
        out.push_back(general("http_" + code, {"Serveren svarte med feil " + code + ".",
                                               "Serveren svarte med feil " + code + ".",
                                               "The server answered with error " + code + "."}));
    }
    return out;
}

Session::Session(Platform& platform) : platform_(platform) {}

sync::Actor Session::actor() const {
    if (!user_) return {};
    return {user_->id, user_->role, user_->organisation_id, user_->doctor_id};
}

void Session::restore() {
    const json saved = json::parse(platform_.read_file(kSessionFile), nullptr, false);
    if (auto user = user_from_json(saved)) start(*user);
}

void Session::start(const SessionUser& user) {
    ++generation_;
    user_ = user;
    needs_login_ = false;
    in_flight_ = false;
    failures_ = 0;
    next_attempt_ = 0;
    platform_.write_file(kSessionFile, user_to_json(user).dump());
    // A replica left by this user (perhaps with changes made offline) is kept; a damaged one is
    // set aside rather than overwritten, so nothing pending is silently lost.
    const std::string text = platform_.read_file(replica_file(user.id));
    if (!text.empty()) {
        Problems problems;
        const json j = json::parse(text, nullptr, false);
        if (auto replica = sync::Replica::from_json(j, problems); replica && replica->actor() == actor()) {
            replica_ = std::move(*replica);
            return;
        }
        platform_.write_file(replica_file(user.id) + ".damaged", text);
    }
    replica_ = sync::Replica(platform_.random_id(), actor());
    save_replica();
}

void Session::save_replica() {
    if (user_) platform_.write_file(replica_file(user_->id), replica_.to_json().dump());
}

void Session::handle_auth_answer(const HttpResponse& r, Done done) {
    if (r.status == 200 || r.status == 201) {
        const json j = json::parse(r.body, nullptr, false);
        if (auto user = user_from_json(j.is_object() ? j.value("user", json()) : json())) {
            start(*user);
            done({});
            return;
        }
    }
    done(problems_from_answer(r));
}

void Session::log_in(const std::string& username, const std::string& password, Done done) {
    const json body = {{"username", username}, {"password", password}};
    platform_.post_json("/api/login", body.dump(),
                        [this, done](const HttpResponse& r) { handle_auth_answer(r, done); });
}

void Session::register_gp(const json& form, Done done) {
    platform_.post_json("/api/register", form.dump(),
                        [this, done](const HttpResponse& r) { handle_auth_answer(r, done); });
}

void Session::log_out() {
    // The replica stays on this machine only while it holds changes the server has not confirmed;
    // otherwise a shared computer keeps nothing of the user's data.
    if (user_ && replica_.pending().empty()) platform_.remove_file(replica_file(user_->id));
    platform_.remove_file(kSessionFile);
    platform_.post_json("/api/logout", "{}", [](const HttpResponse&) {});
    ++generation_;
    user_.reset();
    replica_ = sync::Replica();
}

void Session::change_password(const std::string& current, const std::string& next, Done done) {
    const json body = {{"current_password", current}, {"new_password", next}};
    server_call("/api/password", body, [this, done](const HttpResponse& r) {
        if (r.status == 200 && user_) {
            user_->must_change_password = false;
            platform_.write_file(kSessionFile, user_to_json(*user_).dump());
            needs_login_ = false;  // the answer came with a fresh session cookie
            sync_now();
            done({});
            return;
        }
        done(problems_from_answer(r));
    });
}

void Session::server_call(const std::string& path, const json& body, Answer done) {
    const auto generation = generation_;
    platform_.post_json(path, body.dump(), [this, generation, done](const HttpResponse& r) {
        if (generation != generation_) return;
        if (r.status == 401) needs_login_ = true;
        done(r);
    });
}

sync::Outcome Session::mutate(const std::string& name, const json& args) {
    sync::Outcome outcome = replica_.mutate(name, args, platform_.today());
    if (outcome.accepted) {
        save_replica();
        next_attempt_ = std::min(next_attempt_, platform_.now_seconds());
    }
    return outcome;
}

void Session::dismiss_rejection(std::int64_t mutation_id) {
    replica_.dismiss_rejection(mutation_id);
    save_replica();
}

SyncStatus Session::status() const {
    return {online_, replica_.pending().size(), last_sync_, needs_login_, in_flight_};
}

bool Session::tick() {
    const bool was_changed = changed_;
    changed_ = false;
    if (!user_ || in_flight_ || needs_login_ || user_->must_change_password) return was_changed;
    if (platform_.now_seconds() < next_attempt_) return was_changed;
    push_then_pull();
    return was_changed;
}

double Session::next_sync_due() const {
    if (!user_ || in_flight_ || needs_login_ || user_->must_change_password) return std::numeric_limits<double>::infinity();
    return next_attempt_;
}

void Session::failed(int status) {
    in_flight_ = false;
    if (status == 401) {
        needs_login_ = true;  // the replica and its pending changes stay; log in again to send them
        return;
    }
    online_ = status != 0 ? online_ : false;
    ++failures_;
    const double backoff = std::min(kMaxBackoffSeconds, 1.0 * (1 << std::min(failures_, 6)));
    next_attempt_ = platform_.now_seconds() + backoff;
    changed_ = true;
}

void Session::succeeded() {
    in_flight_ = false;
    online_ = true;
    failures_ = 0;
    last_sync_ = platform_.wall_clock_hhmm();
    // A change made while this round was under way was not in its push: send it now, not at the
    // next periodic pull.
    const bool newer = replica_.next_mutation_id() > next_id_at_send_;
    next_attempt_ = platform_.now_seconds() + (newer ? 0 : kPullEverySeconds);
    changed_ = true;
}

void Session::push_then_pull() {
    in_flight_ = true;
    next_id_at_send_ = replica_.next_mutation_id();
    const sync::PushRequest push = replica_.make_push();
    if (push.mutations.empty()) {
        pull();
        return;
    }
    const auto generation = generation_;
    platform_.post_json("/api/push", sync::to_json(push).dump(), [this, generation](const HttpResponse& r) {
        if (generation != generation_) return;
        // A gap or a refusal is settled by the pull: it tells which ids the server processed.
        if (r.status == 200 || r.status == 409) {
            pull();
        } else {
            failed(r.status);
        }
    });
}

void Session::pull() {
    const auto generation = generation_;
    platform_.post_json("/api/pull", sync::to_json(replica_.make_pull()).dump(), [this, generation](const HttpResponse& r) {
        if (generation != generation_) return;
        if (r.status != 200) {
            failed(r.status);
            return;
        }
        Problems problems;
        const json j = json::parse(r.body, nullptr, false);
        auto response = sync::parse_pull_response(j, problems);
        if (!response) {
            failed(502);
            return;
        }
        replica_.apply_pull(*response, platform_.today());
        save_replica();
        succeeded();
    });
}

}  // namespace alis::web
