#include "sync_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <shared_mutex>

#include "alis/sync/authorization.hpp"
#include "alis/sync/documents.hpp"
#include "documents.hpp"
#include "alis/sync/facts.hpp"
#include "kept_facts.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/protocol.hpp"
#include "alis/sync/server.hpp"
#include "alis/sync/settings.hpp"

namespace alis::server {

using nlohmann::json;

Principal principal_of(const UserRecord& u) { return {u.id, u.role, u.organisation_id, u.doctor_id}; }

namespace {

sync::Actor actor_of(const Principal& p) {
    sync::Actor a;
    a.user_id = p.user_id;
    a.role = sync::role_from_string(p.role).value_or(sync::Role::gp);
    a.organisation_id = p.organisation_id;
    a.doctor_id = p.doctor_id;
    return a;
}

StoredRecord stored(const sync::RecordChange& c) {
    return {sync::to_string(c.key.kind), c.key.id, c.version, c.deleted, c.deleted ? json(nullptr) : c.body};
}

// Doctor data is personal data: every read and write of it is audited, naming whose it is.
bool is_doctor_data(sync::RecordKind k) {
    using K = sync::RecordKind;
    return k == K::doctor || k == K::available_time || k == K::wish || k == K::candidate || k == K::offer || k == K::document;
}

std::string doctor_of(const sync::RecordChange& c) {
    if (c.key.kind == sync::RecordKind::doctor) return c.key.id;
    if (c.body.is_object()) {
        auto it = c.body.find("doctor_id");
        if (it != c.body.end() && it->is_string()) return it->get<std::string>();
    }
    return {};
}

Response bad_json_shape(const Problems& problems) {
    return Response::problems(400, "invalid_request",
                              {"Forespørselen har ugyldige felt.", "Førespurnaden har ugyldige felt.",
                               "The request has invalid fields."},
                              problems);
}

Response too_many_mutations(double wait_seconds) {
    const int after = std::max(1, static_cast<int>(std::ceil(wait_seconds)));
    const std::string n = std::to_string(after);
    Response r = Response::error(429, "push_rate",
                                 {"For mange endringer på kort tid; prøv igjen om " + n + " s.",
                                  "For mange endringar på kort tid; prøv att om " + n + " s.",
                                  "Too many mutations in a short time; try again in " + n + " s."},
                                 "mutations");
    r.headers.emplace_back("Retry-After", n);
    return r;
}

// Token buckets of mutations, one per user. The map is bounded by the number of accounts.
class PushRateLimiter {
public:
    explicit PushRateLimiter(PushPolicy p) : policy_(p) {}

    // 0 when `n` mutations may go now (and takes them), else the seconds until they may.
    double take(const std::string& user_id, std::size_t n) {
        using namespace std::chrono;
        const double now = duration<double>(steady_clock::now().time_since_epoch()).count();
        std::lock_guard lock(mutex_);
        auto [it, fresh] = buckets_.try_emplace(user_id, Bucket{policy_.burst, now});
        Bucket& b = it->second;
        if (!fresh) b.tokens = std::min(policy_.burst, b.tokens + (now - b.at) * policy_.mutations_per_second);
        b.at = now;
        const double need = static_cast<double>(n);
        if (need <= b.tokens) {
            b.tokens -= need;
            return 0;
        }
        // A push larger than the whole bucket can never go; it waits for a full bucket and is refused
        // again, so the client learns to split it (kMaxMutationsPerPush stays below the burst).
        return (std::min(need, policy_.burst) - b.tokens) / policy_.mutations_per_second;
    }

private:
    struct Bucket {
        double tokens;
        double at;
    };
    PushPolicy policy_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace

// Group commit: a push changes the in-memory state under the exclusive lock (fast), queues what it
// changed, releases the lock, and waits until a commit that includes its write is on disk. Whoever
// finds no commit running takes everything queued and commits it in one transaction, so concurrent
// pushes share one fsync. Pulls wait until every write queued before they read is durable, so no
// client ever sees (and drops from its pending queue) a change the server could still lose.
struct SyncService::Impl {
    Storage& storage;
    const Clock& clock;
    AuditLog& audit;
    mutable std::shared_mutex mutex;  // the in-memory state: pushes and jobs exclusive; pulls shared
    sync::SyncServer server;

    std::mutex commit_mutex;  // taken after `mutex` when both are needed, never before
    std::condition_variable commit_cv;
    std::vector<SyncWrite> queue;
    std::uint64_t enqueued = 0;   // sequence number of the last queued write
    std::uint64_t committed = 0;  // every write up to here is durable or failed
    std::vector<std::pair<std::uint64_t, std::uint64_t>> failed;  // (first, last] sequences lost
    bool committing = false;

    PushRateLimiter push_rate;
    DocumentFiles* files = nullptr;

    // After the tombstones are durable: a crash before this leaves a file no record names, which the
    // next load removes; never a record without its file.
    void remove_files(const std::vector<sync::RecordChange>& changes) {
        if (!files) return;
        for (const auto& c : changes) {
            if (c.deleted && c.key.kind == sync::RecordKind::document) files->remove(c.key.id);
        }
    }

    Impl(Storage& s, const Clock& c, AuditLog& a, PushPolicy p) : storage(s), clock(c), audit(a), push_rate(p) {}

    void load_locked() {
        SyncSnapshot snap = storage.load_sync();
        sync::ServerSnapshot core;
        core.version = snap.version;
        core.reset_version = snap.reset_version;
        Problems problems;
        for (auto& r : snap.records) {
            auto kind = sync::record_kind_from_string(r.kind);
            if (!kind) {
                problems.push_back({"records/" + r.kind + "/" + r.id, "unknown_kind", {}});
                continue;
            }
            core.records.push_back({{*kind, r.id}, r.version, r.deleted, r.deleted ? json(nullptr) : r.body});
        }
        for (auto& c : snap.clients) {
            core.clients.push_back({c.client_id, c.user_id, c.last_mutation_id, sync::digests_from_json(c.digests)});
        }
        for (auto& r : snap.rejections) {
            if (auto rej = sync::parse_rejection(r.body, problems, "rejections/" + r.client_id)) {
                core.rejections.push_back(*rej);
            }
        }
        sync::SyncServer fresh;
        if (!fresh.load(core, problems) || !problems.empty()) {
            std::string what;
            for (auto& p : problems) what += "\n  " + p.field + ": " + p.rule + " " + p.message.en;
            throw StorageError("the stored sync state does not load:" + what);
        }
        server = std::move(fresh);
    }

    // Call with `mutex` held exclusively, right after the change was made in memory.
    std::uint64_t enqueue(const std::vector<sync::RecordChange>& changes, std::int64_t version,
                          std::int64_t reset_version, std::vector<AuditEntry> audit_entries,
                          const sync::PushResult* push) {
        SyncWrite w;
        for (auto& c : changes) w.records.push_back(stored(c));
        if (push) {
            w.clients.push_back({push->client.client_id, push->client.user_id, push->client.last_mutation_id, version,
                                 sync::digests_to_json(push->client.digests)});
            for (auto& r : push->new_rejections) {
                w.rejections.push_back({r.client_id, r.mutation_id, r.version, sync::to_json(r)});
            }
        }
        w.audit = std::move(audit_entries);
        w.version = version;
        w.reset_version = reset_version;
        return enqueue_write(std::move(w));
    }

    std::uint64_t enqueue_write(SyncWrite w) {
        std::lock_guard cl(commit_mutex);
        queue.push_back(std::move(w));
        return ++enqueued;
    }

    std::uint64_t last_enqueued() {
        std::lock_guard cl(commit_mutex);
        return enqueued;
    }

    bool lost(std::uint64_t seq) const {
        for (auto& [first, last] : failed) {
            if (seq > first && seq <= last) return true;
        }
        return false;
    }

    // True once `seq` is on disk; false when its commit failed (the state was then reloaded).
    bool wait_durable(std::uint64_t seq) {
        std::unique_lock cl(commit_mutex);
        while (committed < seq) {
            if (committing) {
                commit_cv.wait(cl);
                continue;
            }
            committing = true;
            std::vector<SyncWrite> batch;
            batch.swap(queue);
            const std::uint64_t first = committed, last = enqueued;
            cl.unlock();
            bool ok = true;
            try {
                storage.commit_sync(batch);
            } catch (const std::exception& e) {
                ok = false;
                std::cerr << "alis-sync: commit failed, reloading the state from storage: " << e.what() << std::endl;
            }
            if (!ok) recover(first);
            cl.lock();
            committing = false;
            if (ok) committed = last;
            commit_cv.notify_all();
        }
        return !lost(seq);
    }

    // The memory ran ahead of a commit that failed: everything queued since `first` is lost, and the
    // state is rebuilt from what the disk holds.
    void recover(std::uint64_t first) {
        std::unique_lock state(mutex);
        {
            std::lock_guard cl(commit_mutex);
            failed.emplace_back(first, enqueued);
            queue.clear();
            committed = enqueued;
        }
        load_locked();
    }

    // Pulls: wait (without leading a commit) until what they read is durable.
    bool wait_visible(std::uint64_t seq) {
        std::unique_lock cl(commit_mutex);
        commit_cv.wait(cl, [&] { return committed >= seq; });
        return !lost(seq);
    }
};

static Response storage_failed() {
    return Response::error(503, "storage_failed",
                           {"Endringene kunne ikke lagres; prøv igjen.", "Endringane kunne ikkje lagrast; prøv att.",
                            "The changes could not be stored; try again."});
}

SyncService::SyncService(Storage& storage, const Clock& clock, AuditLog& audit, PushPolicy policy)
    : impl_(std::make_unique<Impl>(storage, clock, audit, policy)) {}
SyncService::~SyncService() = default;

void SyncService::load() {
    std::unique_lock lock(impl_->mutex);
    impl_->load_locked();
    // Only at start: while serving, a file is written before its record is committed.
    if (impl_->files) {
        for (const std::string& id : impl_->files->ids()) {
            if (!impl_->server.state().documents.count(id)) impl_->files->remove(id);
        }
    }
}

void SyncService::set_document_files(DocumentFiles* files) { impl_->files = files; }

std::optional<Problem> SyncService::may_upload_document(const Principal& who, const std::string& doctor_id,
                                                        sync::DocumentKind kind) const {
    std::shared_lock lock(impl_->mutex);
    return sync::check_may_upload_document(impl_->server.state(), actor_of(who), doctor_id, kind);
}

std::optional<Problem> SyncService::may_read_documents(const Principal& who, const std::string& doctor_id) const {
    std::shared_lock lock(impl_->mutex);
    return sync::check_may_read_documents(impl_->server.state(), actor_of(who), doctor_id);
}

std::optional<sync::DocumentRecord> SyncService::document(const std::string& id) const {
    std::shared_lock lock(impl_->mutex);
    const auto& documents = impl_->server.state().documents;
    const auto it = documents.find(id);
    if (it == documents.end()) return std::nullopt;
    return it->second;
}

std::optional<Problem> SyncService::put_document(const Principal& who, const sync::DocumentRecord& document) {
    std::unique_lock lock(impl_->mutex);
    if (auto refused = sync::check_may_upload_document(impl_->server.state(), actor_of(who), document.doctor_id, document.kind)) {
        return refused;
    }
    sync::ServerChanges ch = impl_->server.put_document(document);
    std::vector<AuditEntry> entries;
    for (auto& c : ch.changes) {
        entries.push_back({0, impl_->clock.now(), who.user_id, who.role, "write", "document", c.key.id, document.doctor_id,
                           c.deleted ? "replaced" : "uploaded"});
    }
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, std::move(entries), nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the document could not be stored");
    impl_->remove_files(ch.changes);
    return std::nullopt;
}

std::optional<Problem> SyncService::delete_document(const Principal& who, const std::string& id) {
    std::unique_lock lock(impl_->mutex);
    const auto& documents = impl_->server.state().documents;
    const auto it = documents.find(id);
    if (it == documents.end()) {
        return Problem{"id", "unknown_document", {"Dokumentet finnes ikke.", "Dokumentet finst ikkje.", "There is no such document."}};
    }
    if (auto refused = sync::check_may_delete_document(actor_of(who), it->second)) return refused;
    const std::string doctor_id = it->second.doctor_id;
    sync::ServerChanges ch = impl_->server.delete_document(id);
    std::vector<AuditEntry> entries{{0, impl_->clock.now(), who.user_id, who.role, "delete", "document", id, doctor_id, "deleted"}};
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, std::move(entries), nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the deletion could not be stored");
    impl_->remove_files(ch.changes);
    return std::nullopt;
}

Response SyncService::push(const Principal& who, json body) {
    Problems problems;
    auto req = sync::parse_push_request(body, problems);
    body = nullptr;  // a large push would otherwise hold its arguments twice while it is applied
    if (!req) return bad_json_shape(problems);
    // An unknown mutation name is a client bug, not a rule the user broke: refuse the whole push with
    // 400 naming it, instead of recording a rejection the user cannot act on.
    for (std::size_t i = 0; i < req->mutations.size(); ++i) {
        const auto& name = req->mutations[i].name;
        const auto& cat = sync::mutation_catalogue();
        if (std::none_of(cat.begin(), cat.end(), [&](const sync::MutationInfo& m) { return m.name == name; })) {
            problems.push_back({"mutations[" + std::to_string(i) + "].name", "unknown_mutation",
                                {"Ukjent endring: " + name + ".", "Ukjend endring: " + name + ".",
                                 "Unknown mutation: " + name + "."}});
        }
    }
    if (!problems.empty()) return bad_json_shape(problems);
    if (double wait = impl_->push_rate.take(who.user_id, req->mutations.size()); wait > 0) {
        return too_many_mutations(wait);
    }
    const sync::Actor actor = actor_of(who);
    std::unique_lock lock(impl_->mutex);
    // The evaluation's facts (kept_facts.hpp): the day a GP registers, and what is kept of a GP who
    // deletes the profile (its offers go with it).
    std::optional<FactsBefore> before;
    const auto named = [&](const char* name) {
        return std::any_of(req->mutations.begin(), req->mutations.end(), [&](const auto& m) { return m.name == name; });
    };
    if (named("delete_doctor")) record_period_facts(impl_->storage, impl_->server.state());
    if (named("delete_doctor") || named("register_doctor")) before = facts_before(impl_->storage, impl_->server.state());
    sync::PushResult r = impl_->server.push(actor, *req, impl_->clock.today());
    if (r.status == sync::PushStatus::refused) {
        bool foreign = false, held = false;
        for (auto& p : r.problems) {
            foreign = foreign || p.field.find("client_id") != std::string::npos;
            held = held || p.rule == "too_many_rejections";
        }
        Response res = Response::json(foreign ? 403 : held ? 429 : 400, sync::push_response_json(r));
        if (held) res.headers.emplace_back("Retry-After", "1");
        return res;
    }
    if (r.persist_needed()) {
        std::vector<AuditEntry> entries;
        for (auto& c : r.changes) {
            if (!is_doctor_data(c.key.kind)) continue;
            entries.push_back({0, impl_->clock.now(), who.user_id, who.role, "write", sync::to_string(c.key.kind),
                               c.key.id, doctor_of(c), c.deleted ? "deleted" : "written"});
        }
        const FactsToKeep keep = facts_to_keep(before ? &*before : nullptr, impl_->server.state(), impl_->clock.today());
        const auto seq = impl_->enqueue(r.changes, r.version, r.reset_version, std::move(entries), &r);
        lock.unlock();
        if (!impl_->wait_durable(seq)) return storage_failed();
        impl_->remove_files(r.changes);
        keep_facts(impl_->storage, keep, impl_->clock.today());
    } else {
        // Nothing new (e.g. all duplicates), but the answer may rest on writes still in flight.
        const auto seq = impl_->last_enqueued();
        lock.unlock();
        if (!impl_->wait_visible(seq)) return storage_failed();
    }
    // Acknowledged only now, after the commit. A forked client's push is refused from the reused id
    // on (409, rule forked_client); what came before it in the request is stored like any other.
    return Response::json(r.status == sync::PushStatus::forked ? 409 : 200, sync::push_response_json(r));
}

Response SyncService::pull(const Principal& who, const json& body) {
    Problems problems;
    auto req = sync::parse_pull_request(body, problems);
    if (!req) return bad_json_shape(problems);
    const sync::Actor actor = actor_of(who);
    sync::PullResponse resp;
    std::uint64_t seq = 0;
    {
        std::shared_lock lock(impl_->mutex);
        resp = impl_->server.pull(actor, *req);
        seq = impl_->last_enqueued();
    }
    if (!impl_->wait_visible(seq)) return storage_failed();
    forget_received_rejections(actor, *req);
    for (auto& c : resp.changes) {
        if (c.deleted || !is_doctor_data(c.key.kind)) continue;
        impl_->audit.record({0, 0, who.user_id, who.role, "read", sync::to_string(c.key.kind), c.key.id, doctor_of(c),
                             "pull"});
    }
    return Response::json(200, sync::to_json(resp));
}

// The pull's cookie proves the client has the rejections up to it, so their rows go. Done after the
// answer is built and only when there is something to forget (the common pull takes no write lock).
void SyncService::forget_received_rejections(const sync::Actor& actor, const sync::PullRequest& req) {
    {
        std::shared_lock lock(impl_->mutex);
        if (!impl_->server.has_received_rejections(actor, req)) return;
    }
    std::unique_lock lock(impl_->mutex);
    auto gone = impl_->server.forget_received_rejections(actor, req);
    if (gone.empty()) return;
    SyncWrite w;
    for (auto& r : gone) w.forgotten_rejections.push_back({r.client_id, r.mutation_id, r.version, nullptr});
    w.version = impl_->server.version();
    w.reset_version = impl_->server.reset_version();
    const auto seq = impl_->enqueue_write(std::move(w));
    lock.unlock();
    // Led like a push's commit (a queued write must have someone to commit it). If it fails, the
    // state is reloaded from disk and the rows are forgotten at a later pull.
    impl_->wait_durable(seq);
}

json SyncService::apply_direct(const std::string& name, const json& args) {
    std::unique_lock lock(impl_->mutex);
    std::optional<FactsBefore> before;
    if (name == "delete_doctor") record_period_facts(impl_->storage, impl_->server.state());
    if (name == "delete_doctor" || name == "register_doctor") before = facts_before(impl_->storage, impl_->server.state());
    sync::ServerChanges ch = impl_->server.apply_direct(sync::system_actor(), name, args, impl_->clock.today());
    if (!ch.outcome.accepted) return json(ch.outcome.problems);
    const FactsToKeep keep = facts_to_keep(before ? &*before : nullptr, impl_->server.state(), impl_->clock.today());
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, {}, nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the change could not be stored");
    impl_->remove_files(ch.changes);
    keep_facts(impl_->storage, keep, impl_->clock.today());
    return json::array();
}

std::size_t SyncService::release_unmatched() {
    std::unique_lock lock(impl_->mutex);
    sync::ServerChanges ch = impl_->server.release_unmatched(impl_->clock.today());
    if (ch.changes.empty()) return 0;
    std::vector<AuditEntry> entries;
    for (auto& c : ch.changes) {
        if (!is_doctor_data(c.key.kind)) continue;
        entries.push_back({0, impl_->clock.now(), "system", "alis_office", "write", sync::to_string(c.key.kind), c.key.id,
                           doctor_of(c), "two-month release"});
    }
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, std::move(entries), nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the two-month release could not be stored");
    return ch.changes.size();
}

SyncService::SweepReport SyncService::expire_outdated(const sync::RetentionPolicy& unset, bool dry_run) {
    SweepReport report;
    const Date today = impl_->clock.today();
    std::unique_lock lock(impl_->mutex);
    // Read under the lock, so a set_retention pushed meanwhile applies from the next run on, whole.
    const sync::RetentionPolicy policy = sync::stored_retention_policy(impl_->server.state(), unset);
    report.policy = policy;
    if (dry_run) {
        sync::PortalState copy = impl_->server.state();
        for (const auto& key : sync::expire_outdated(copy, today, policy)) {
            if (!sync::contains(copy, key)) ++report.deleted[sync::to_string(key.kind)];
        }
        return report;
    }
    // The facts first: a crash after them and before the deletion only repeats the deletion later.
    std::vector<json> facts;
    for (const auto& f : sync::period_facts(impl_->server.state())) facts.push_back(f);
    impl_->storage.upsert_period_facts(facts);
    report.facts = facts.size();
    const FactsBefore before = facts_before(impl_->storage, impl_->server.state());
    sync::ServerChanges ch = impl_->server.expire_outdated(today, policy);
    if (ch.changes.empty()) return report;
    const FactsToKeep keep = facts_to_keep(&before, impl_->server.state(), today);
    std::vector<AuditEntry> entries;
    for (auto& c : ch.changes) {
        // Doctors are only re-versioned (who may see them changed); the rest are deletions.
        if (!c.deleted || c.key.kind == sync::RecordKind::doctor) continue;
        ++report.deleted[sync::to_string(c.key.kind)];
        entries.push_back({0, impl_->clock.now(), "system", "alis_office", "delete", sync::to_string(c.key.kind), c.key.id, "",
                           "expired"});
    }
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, std::move(entries), nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the expiry could not be stored");
    impl_->remove_files(ch.changes);
    keep_facts(impl_->storage, keep, today);
    impl_->storage.compact(false);
    return report;
}

json SyncService::personal_data(const sync::DataSubject& who) const {
    std::shared_lock lock(impl_->mutex);
    return sync::personal_data(impl_->server.state(), who);
}

sync::InactiveStep SyncService::inactive_step(const std::string& doctor_id, const Date& last_login,
                                              const std::optional<Date>& warned_on, int months) const {
    const Date today = impl_->clock.today();
    std::shared_lock lock(impl_->mutex);
    return sync::inactive_step(impl_->server.state(), doctor_id, last_login, warned_on, today, months);
}

std::map<std::string, std::size_t> SyncService::erase_personal_data(const sync::DataSubject& who, const std::string& by_role,
                                                                    const std::string& why, const std::string& by) {
    std::map<std::string, std::size_t> deleted;
    std::unique_lock lock(impl_->mutex);
    // The facts first: the evaluation's figures must not change because a doctor left.
    std::vector<json> facts;
    for (const auto& f : sync::period_facts(impl_->server.state())) facts.push_back(f);
    impl_->storage.upsert_period_facts(facts);
    const FactsBefore before = facts_before(impl_->storage, impl_->server.state());
    sync::ServerChanges ch = impl_->server.erase_personal_data(who, impl_->clock.today());
    if (ch.changes.empty()) return deleted;
    const FactsToKeep keep = facts_to_keep(&before, impl_->server.state(), impl_->clock.today());
    std::vector<AuditEntry> entries;
    for (auto& c : ch.changes) {
        if (!c.deleted) continue;  // reopened periods and renumbered entries are ordinary writes
        ++deleted[sync::to_string(c.key.kind)];
        entries.push_back({0, impl_->clock.now(), by.empty() ? who.user_id : by, by_role, "delete", sync::to_string(c.key.kind),
                           c.key.id, who.doctor_id, why});
    }
    const auto seq = impl_->enqueue(ch.changes, ch.version, ch.reset_version, std::move(entries), nullptr);
    lock.unlock();
    if (!impl_->wait_durable(seq)) throw StorageError("the deletion could not be stored");
    impl_->remove_files(ch.changes);
    keep_facts(impl_->storage, keep, impl_->clock.today());
    return deleted;
}

std::vector<events::Event> SyncService::events() const {
    const Date today = impl_->clock.today();
    std::shared_lock lock(impl_->mutex);
    const auto& state = impl_->server.state();
    return events::all_events(state, events::compute_fits(state, today), today);
}

sync::Evaluation SyncService::evaluate(const sync::EvaluationWindow& window, const sync::EvaluationScope& scope) const {
    std::shared_lock lock(impl_->mutex);
    return sync::evaluate(evaluation_facts(impl_->storage, impl_->server.state()), window, scope);
}

std::map<std::string, std::string> SyncService::organisation_names() const {
    std::shared_lock lock(impl_->mutex);
    std::map<std::string, std::string> names;
    for (const auto& [id, o] : impl_->server.state().organisations) names[id] = o.name;
    return names;
}

std::vector<std::string> SyncService::email_subscriptions(const std::string& user_id) const {
    std::shared_lock lock(impl_->mutex);
    std::vector<std::string> out;
    for (const auto& [id, sub] : impl_->server.state().subscriptions) {
        if (sub.user_id == user_id && sub.channel == sync::Channel::email) out.push_back(id);
    }
    return out;
}

std::size_t SyncService::record_count() const {
    std::shared_lock lock(impl_->mutex);
    return sync::record_count(impl_->server.state());
}

std::int64_t SyncService::version() const {
    std::shared_lock lock(impl_->mutex);
    return impl_->server.version();
}

json SyncService::catalogue() const {
    json out = json::array();
    for (auto& m : sync::mutation_catalogue()) {
        json roles = json::array();
        for (auto r : m.roles) roles.push_back(sync::to_string(r));
        out.push_back({{"name", m.name}, {"roles", roles}, {"summary", m.summary}});
    }
    return out;
}

}  // namespace alis::server
