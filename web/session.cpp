#include "session.hpp"

#include <algorithm>
#include <limits>

namespace alis::web {

using nlohmann::json;

namespace {

constexpr const char* kSessionFile = "session.json";
constexpr double kPullEverySeconds = 15;
constexpr double kMaxBackoffSeconds = 60;

// The one replica file of builds before every tab was its own client.
std::string legacy_replica_file(const std::string& user_id) { return "replica-" + user_id + ".json"; }
// The Web Lock a tab holds on each client file it writes.
std::string lock_of(const std::string& file) { return "alis-" + file; }

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

std::string Session::client_file(const std::string& client_id) const {
    return "client-" + user_->id + "-" + client_id + ".json";
}

// Every stored client file of this user: each tab's, and the one file of builds before tabs had
// their own (replica-<user>.json), which is adopted like the file of a tab that has ended.
std::vector<std::string> Session::client_files() const {
    std::vector<std::string> files = platform_.list_files("client-" + user_->id + "-");
    if (!platform_.read_file(legacy_replica_file(user_->id)).empty()) files.push_back(legacy_replica_file(user_->id));
    return files;
}

std::optional<sync::Replica> Session::read_client(const std::string& file) {
    const std::string text = platform_.read_file(file);
    if (text.empty()) return std::nullopt;
    Problems problems;
    auto replica = sync::Replica::from_json(json::parse(text, nullptr, false), problems);
    if (replica && replica->actor() == actor()) return replica;
    return std::nullopt;
}

void Session::start(const SessionUser& user) {
    ++generation_;
    for (const Held& h : own_) platform_.release(lock_of(h.file));
    user_ = user;
    account_deleted_ = false;
    needs_login_ = false;
    in_flight_ = false;
    failures_ = 0;
    next_attempt_ = 0;
    recovered_ = false;
    own_.clear();
    others_.clear();
    other_text_.clear();
    waiting_.clear();
    notifications_.clear();
    platform_.write_file(kSessionFile, user_to_json(user).dump());
    store_seen_ = platform_.store_revision();
    read_others(false);
    // This tab's own client starts from the newest snapshot on this machine, so it opens offline
    // with everything the user saw; other tabs' pending changes are shown from their own files.
    const sync::Replica* newest = nullptr;
    for (const auto& [file, r] : others_) {
        if (!newest || r.cookie() > newest->cookie()) newest = &r;
    }
    const std::string id = platform_.random_id();
    Held mine{newest ? newest->fresh_client(id) : sync::Replica(id, actor()), client_file(id)};
    platform_.claim(lock_of(mine.file), false, [](bool) {});  // held for as long as this tab lives
    own_.push_back(std::move(mine));
    save(0);
    for (const std::string& file : client_files()) {
        if (file != own_.front().file) wait_for(file);
    }
    compose();
}

// Reads the other clients' files again (another tab saved, or at start), and asks for the lock of
// each new one (claim). Returns whether any changed.
bool Session::read_others(bool claim) {
    bool changed = false;
    std::set<std::string> present;
    for (const std::string& file : client_files()) {
        if (std::any_of(own_.begin(), own_.end(), [&](const Held& h) { return h.file == file; })) continue;
        present.insert(file);
        if (claim) wait_for(file);
        std::string text = platform_.read_file(file);
        if (other_text_.count(file) && other_text_[file] == text) continue;
        changed = true;
        other_text_[file] = std::move(text);
        if (auto r = read_client(file)) {
            others_.insert_or_assign(file, std::move(*r));
        } else {
            others_.erase(file);  // damaged: set aside by whoever adopts it, never shown half-read
        }
    }
    for (auto it = others_.begin(); it != others_.end();) {
        if (present.count(it->first)) {
            ++it;
        } else {
            other_text_.erase(it->first);
            it = others_.erase(it);
            changed = true;
        }
    }
    return changed;
}

// Asks for the lock of another client's file; it is granted when the tab holding it has ended.
void Session::wait_for(const std::string& file) {
    if (!waiting_.insert(file).second) return;
    const auto generation = generation_;
    platform_.claim(lock_of(file), true, [this, generation, file](bool granted) {
        if (generation != generation_ || !granted) return;
        adopt(file);
    });
}

// The tab that wrote `file` has ended and this tab now holds its lock: its pending changes are sent
// from here under their own client id (so none is sent twice), then the file is deleted.
void Session::adopt(const std::string& file) {
    if (own_.empty()) return;  // not started yet: start() asks again
    waiting_.erase(file);
    others_.erase(file);
    other_text_.erase(file);
    std::optional<sync::Replica> replica = read_client(file);
    const std::string text = platform_.read_file(file);
    if (!replica && !text.empty()) {
        // Damaged or unreadable: kept aside under another name, never silently replaced; its pending
        // changes are recovered when the rest of it can be read without the snapshot (the next pull
        // brings the whole snapshot again).
        platform_.write_file("damaged-" + file + "-" + platform_.random_id().substr(0, 8), text);
        json j = json::parse(text, nullptr, false);
        if (j.is_object()) {
            j.erase("snapshot");
            j.erase("rejections");
            j["cookie"] = 0;
            Problems problems;
            replica = sync::Replica::from_json(j, problems);
            if (replica && !(replica->actor() == actor())) replica.reset();
        }
        recovered_ = true;
    }
    if (!replica) {
        if (!text.empty()) platform_.remove_file(file);
        platform_.release(lock_of(file));
        compose();
        changed_ = true;
        return;
    }
    own_.push_back({std::move(*replica), file});
    if (finished(own_.size() - 1)) {
        drop(own_.size() - 1);
    } else {
        save(own_.size() - 1);
        next_attempt_ = 0;
        adopted_ = true;  // not in a round under way: send it right after
    }
    compose();
    changed_ = true;
}

// An adopted client with nothing left to send or show.
bool Session::finished(std::size_t i) const {
    return i > 0 && own_[i].replica.pending().empty() && own_[i].replica.rejections().empty();
}

void Session::drop(std::size_t i) {
    platform_.remove_file(own_[i].file);
    platform_.release(lock_of(own_[i].file));
    own_.erase(own_.begin() + static_cast<std::ptrdiff_t>(i));
}

void Session::save(std::size_t i) {
    if (user_) platform_.write_file(own_[i].file, own_[i].replica.to_json().dump());
}

// The view every tab of this user shows: clients in client id order, so all tabs compose alike.
void Session::compose() {
    std::vector<const sync::Replica*> clients;
    for (const Held& h : own_) clients.push_back(&h.replica);
    for (const auto& [file, r] : others_) clients.push_back(&r);
    std::sort(clients.begin(), clients.end(),
              [](const sync::Replica* a, const sync::Replica* b) { return a->client_id() < b->client_id(); });
    view_today_ = platform_.today();
    view_ = sync::shared_view(clients, view_today_);
    revision_ = sync::new_view_revision();
    collect_rejections();
}

void Session::collect_rejections() {
    rejections_.clear();
    for (const Held& h : own_) rejections_.insert(rejections_.end(), h.replica.rejections().begin(), h.replica.rejections().end());
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
    for (const Held& h : own_) {
        if (h.replica.pending().empty()) platform_.remove_file(h.file);
        platform_.release(lock_of(h.file));
    }
    platform_.remove_file(kSessionFile);
    platform_.post_json("/api/logout", "{}", [](const HttpResponse&) {});
    end_session();
}

void Session::forget_account() {
    if (!user_) return;
    for (const std::string& file : client_files()) platform_.remove_file(file);
    // Copies of damaged files set aside (adopt) hold the user's data too.
    for (const std::string& file : platform_.list_files("damaged-client-" + user_->id + "-")) platform_.remove_file(file);
    // Documents still waiting to be sent (documents_queue.hpp): the server would refuse them now.
    for (const std::string& file : platform_.list_files("docq-" + user_->id + "-")) platform_.remove_file(file);
    for (const Held& h : own_) {
        platform_.remove_file(h.file);
        platform_.release(lock_of(h.file));
    }
    platform_.remove_file(kSessionFile);
    end_session();
    account_deleted_ = true;
    show_start_ = true;
}

// What log_out and forget_account both leave behind: no user, no replica in memory.
void Session::end_session() {
    ++generation_;
    user_.reset();
    own_.clear();
    others_.clear();
    other_text_.clear();
    waiting_.clear();
    view_ = sync::PortalState();
    revision_ = sync::new_view_revision();
    rejections_.clear();
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

// What every call outside the replica learns from its answer: a 401 to the session that made it
// means the server no longer knows that session (one made before another log-in says nothing).
void Session::note_server_answer(std::uint64_t generation, const HttpResponse& r) {
    if (generation == generation_ && r.status == 401) needs_login_ = true;
}

void Session::server_call(const std::string& path, const json& body, Answer done) {
    const auto generation = generation_;
    platform_.post_json(path, body.dump(), [this, generation, done](const HttpResponse& r) {
        if (generation != generation_) return;
        note_server_answer(generation, r);
        done(r);
    });
}

void Session::server_post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes, Answer done) {
    const auto generation = generation_;
    platform_.post_bytes(path, content_type, bytes, [this, generation, done](const HttpResponse& r) {
        note_server_answer(generation, r);
        done(r);
    });
}

sync::Outcome Session::mutate(const std::string& name, const json& args) {
    if (own_.empty()) return {};
    sync::Replica& mine = own_.front().replica;
    sync::Outcome outcome = mine.mutate(name, args, platform_.today());
    if (outcome.accepted) {
        // The shared view takes the change at once, like the replica's own view (no full replay).
        sync::apply_mutation(view_, actor(), mine.pending().back(), platform_.today());
        revision_ = sync::new_view_revision();
        save(0);
        next_attempt_ = std::min(next_attempt_, platform_.now_seconds());
    }
    return outcome;
}

void Session::dismiss_rejection(std::int64_t mutation_id) {
    for (std::size_t i = 0; i < own_.size(); ++i) {
        const auto before = own_[i].replica.rejections().size();
        own_[i].replica.dismiss_rejection(mutation_id);
        if (own_[i].replica.rejections().size() != before) save(i);
    }
    for (std::size_t i = own_.size(); i-- > 1;) {
        if (finished(i)) drop(i);
    }
    collect_rejections();
}

SyncStatus Session::status() const {
    std::size_t pending = 0;
    for (const Held& h : own_) pending += h.replica.pending().size();
    // Other tabs' changes wait on this machine too: "all sent" only when none of the user's does.
    for (const auto& [file, r] : others_) pending += r.pending().size();
    return {online_, pending, last_sync_, needs_login_, in_flight_, !platform_.unsaved(), recovered_};
}

bool Session::tick() {
    bool was_changed = changed_;
    changed_ = false;
    if (user_ && platform_.store_revision() != store_seen_) {
        store_seen_ = platform_.store_revision();
        if (read_others(true)) {
            compose();
            was_changed = true;
        }
    }
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
    const bool newer = (!own_.empty() && own_.front().replica.next_mutation_id() > next_id_at_send_) || adopted_;
    next_attempt_ = platform_.now_seconds() + (newer ? 0 : kPullEverySeconds);
    changed_ = true;
    fetch_notifications();
}

// Beside the pull, not inside it: the server's job makes notifications on its own schedule (a
// release warning needs no change in the portal), and they are kept outside the replica.
void Session::fetch_notifications() {
    server_call("/api/notifications", json::object(), [this](const HttpResponse& r) {
        if (r.status == 200 && notifications_.take(r.body)) changed_ = true;
    });
}

void Session::mark_notifications_read() {
    if (!user_ || !online_ || needs_login_) return;
    const std::vector<std::int64_t> ids = notifications_.start_marking();
    if (ids.empty()) return;
    server_call("/api/notifications/read", {{"ids", ids}}, [this](const HttpResponse& r) {
        notifications_.marking_done(r.status == 200 && notifications_.take(r.body));
        changed_ = true;
    });
}

// By file, not client id: two files can carry one client id (a fork), and the server sorts it out.
std::optional<std::size_t> Session::index_of(const std::string& file) const {
    for (std::size_t i = 0; i < own_.size(); ++i) {
        if (own_[i].file == file) return i;
    }
    return std::nullopt;
}

void Session::push_then_pull() {
    in_flight_ = true;
    adopted_ = false;
    next_id_at_send_ = own_.front().replica.next_mutation_id();
    // The adopted clients first, this tab's own last: its pull then brings what they sent, so the
    // view keeps showing their changes after their files are gone.
    round_.clear();
    for (std::size_t i = own_.size(); i-- > 0;) round_.push_back(own_[i].file);
    sync_next();
}

// One round sends and pulls each held client in turn.
void Session::sync_next() {
    while (!round_.empty() && !index_of(round_.front())) round_.erase(round_.begin());
    if (round_.empty()) {
        succeeded();
        return;
    }
    const std::size_t i = *index_of(round_.front());
    const sync::PushRequest push = own_[i].replica.make_push();
    if (push.mutations.empty()) {
        pull(i);
        return;
    }
    const auto generation = generation_;
    const std::string id = own_[i].file;
    platform_.post_json("/api/push", sync::to_json(push).dump(), [this, generation, id](const HttpResponse& r) {
        if (generation != generation_) return;
        const auto j = index_of(id);
        if (!j) {
            sync_next();
            return;
        }
        if (r.status == 409) {
            const json answer = json::parse(r.body, nullptr, false);
            if (answer.is_object() && answer.value("status", "") == "forked") {
                fork(*j, answer.value("forked_id", std::int64_t{1}));
                round_.front() = own_[*j].file;
                sync_next();  // the same changes again, under the new id
                return;
            }
        }
        // A gap or a refusal is settled by the pull: it tells which ids the server processed.
        if (r.status == 200 || r.status == 409) {
            pull(*j);
        } else {
            failed(r.status);
        }
    });
}

// Another client numbers from this client's id (the server refused the push as forked): the
// still-pending changes move to a new client id and a new file; the old file is this tab's to delete.
void Session::fork(std::size_t i, std::int64_t forked_id) {
    Held& h = own_[i];
    const std::string old_file = h.file;
    const std::string id = platform_.random_id();
    h.replica.fork(id, forked_id);
    h.file = client_file(id);
    platform_.claim(lock_of(h.file), false, [](bool) {});
    save(i);
    platform_.remove_file(old_file);
    platform_.release(lock_of(old_file));
    compose();
}

void Session::pull(std::size_t i) {
    const auto generation = generation_;
    const std::string id = own_[i].file;
    platform_.post_json("/api/pull", sync::to_json(own_[i].replica.make_pull()).dump(),
                        [this, generation, id](const HttpResponse& r) {
        if (generation != generation_) return;
        const auto j = index_of(id);
        if (!j) {
            sync_next();
            return;
        }
        if (r.status != 200) {
            failed(r.status);
            return;
        }
        Problems problems;
        const json body = json::parse(r.body, nullptr, false);
        auto response = sync::parse_pull_response(body, problems);
        if (!response) {
            failed(502);
            return;
        }
        sync::Replica& replica = own_[*j].replica;
        const auto revision = replica.revision();
        const auto rejections = replica.rejections().size();
        replica.apply_pull(*response, platform_.today());
        const bool changed = replica.revision() != revision || replica.rejections().size() != rejections ||
                             platform_.today() != view_today_;
        save(*j);
        if (finished(*j)) drop(*j);
        if (changed) compose();
        if (!round_.empty()) round_.erase(round_.begin());
        sync_next();
    });
}

}  // namespace alis::web
