#include "alis/sync/server.hpp"

#include <algorithm>
#include <map>

#include "alis/sync/authorization.hpp"
#include "alis/sync/documents.hpp"
#include "alis/sync/retention.hpp"

namespace alis::sync {

namespace {

// Organisations decide what whole sets of records a user may see (a department's parent and
// specialty decide which hospitals see a wish), so a change to one makes every older cookie pull the
// whole view. A user record decides nothing about other records (the Actor comes from the account),
// so a new user (a registration) needs no reset; a changed one keeps it, for the clients of that
// user whose own view changed. A deleted user has no clients left that may pull (the account is
// gone with it), so its deletion reaches the others as plain tombstones.
bool changes_visibility_broadly(const RecordKey& key, bool is_new, bool deleted) {
    return key.kind == RecordKind::organisation || (key.kind == RecordKind::user && !is_new && !deleted);
}

// Keeps the last row per key, so a push persists each record once.
std::vector<RecordChange> last_per_key(std::vector<RecordChange> rows) {
    std::map<RecordKey, size_t> last;
    for (size_t i = 0; i < rows.size(); ++i) last[rows[i].key] = i;
    std::vector<RecordChange> out;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (last[rows[i].key] == i) out.push_back(std::move(rows[i]));
    }
    return out;
}

}  // namespace

RecordChange SyncServer::change_row(const RecordKey& key, const RecordMeta& meta) const {
    RecordChange row{key, meta.version, meta.deleted, nullptr};
    if (!meta.deleted) {
        if (auto body = record_body(state_, key)) row.body = std::move(*body);
    }
    return row;
}

std::vector<RecordChange> SyncServer::stamp(const std::vector<RecordKey>& changed) {
    std::vector<RecordChange> rows;
    bool organisation_changed = false;
    for (const RecordKey& key : changed) {
        auto [it, is_new] = meta_.try_emplace(key);
        RecordMeta& meta = it->second;
        if (meta.version != 0) by_version_.erase(meta.version);
        meta.version = ++version_;
        meta.deleted = !contains(state_, key);
        // Who could see it now joins who could see it before; a deleted record keeps its last audience.
        if (!meta.deleted) meta.audience.merge(audience(state_, key));
        by_version_[meta.version] = key;
        if (changes_visibility_broadly(key, is_new, meta.deleted)) reset_version_ = version_;
        organisation_changed = organisation_changed || key.kind == RecordKind::organisation;
        rows.push_back(change_row(key, meta));
    }
    // A department's change can show a wish to another hospital without re-versioning the wish; the
    // reset sends it there, and its audience must know, for the tombstone when it is deleted.
    if (organisation_changed) refresh_audiences();
    return rows;
}

void SyncServer::refresh_audiences() {
    for (auto& [key, now] : all_audiences(state_)) {
        auto it = meta_.find(key);
        if (it != meta_.end() && !it->second.deleted) it->second.audience.merge(now);
    }
}

bool SyncServer::load(const ServerSnapshot& snapshot, Problems& out) {
    *this = SyncServer();
    const size_t before = out.size();
    std::int64_t highest = snapshot.version;
    for (size_t i = 0; i < snapshot.records.size(); ++i) {
        const RecordChange& row = snapshot.records[i];
        if (!row.deleted) {
            put_record(state_, row.key.kind, row.body, out);
            if (out.size() != before) {
                out.push_back({"records[" + std::to_string(i) + "]", "bad_record",
                               {"Ugyldig post: " + to_string(row.key) + ".", "Ugyldig post: " + to_string(row.key) + ".",
                                "Invalid record: " + to_string(row.key) + "."}});
                break;
            }
        }
        meta_[row.key] = {row.version, row.deleted, {}};
        by_version_[row.version] = row.key;
        highest = std::max(highest, row.version);
    }
    for (const ClientRow& c : snapshot.clients) clients_[c.client_id] = c;
    for (const Rejection& r : snapshot.rejections) {
        rejections_[r.client_id].push_back(r);
        highest = std::max(highest, r.version);
        auto c = clients_.find(r.client_id);
        if (c != clients_.end()) ++rejections_by_user_[c->second.user_id];
    }
    for (auto& [id, list] : rejections_) {
        std::sort(list.begin(), list.end(), [](const Rejection& a, const Rejection& b) { return a.version < b.version; });
    }
    if (out.size() != before) {
        *this = SyncServer();
        return false;
    }
    version_ = highest;
    // Who could see each record before the restart is not stored: a client whose cookie is older than
    // the restart pulls its whole view once; tombstones from here on go to those who could see the
    // record since.
    reset_version_ = std::max(snapshot.reset_version, highest);
    refresh_audiences();
    return true;
}

ServerSnapshot SyncServer::export_snapshot() const {
    ServerSnapshot s;
    for (const auto& [version, key] : by_version_) s.records.push_back(change_row(key, meta_.at(key)));
    for (const auto& [id, c] : clients_) s.clients.push_back(c);
    for (const auto& [id, list] : rejections_) s.rejections.insert(s.rejections.end(), list.begin(), list.end());
    s.version = version_;
    s.reset_version = reset_version_;
    return s;
}

std::int64_t SyncServer::last_mutation_id(const std::string& client_id) const {
    auto it = clients_.find(client_id);
    return it == clients_.end() ? 0 : it->second.last_mutation_id;
}

PushResult SyncServer::push(const Actor& actor, const PushRequest& request, const Date& today) {
    PushResult r;
    auto finish = [&]() -> PushResult& {
        r.changes = last_per_key(std::move(r.changes));
        r.version = version_;
        r.reset_version = reset_version_;
        return r;
    };
    if (request.client_id.empty() || request.client_id.size() > kClientIdBytes) {
        r.status = PushStatus::refused;
        r.problems.push_back({"client_id", "not_a_client_id",
                              {"Ugyldig klient-id.", "Ugyldig klient-id.", "Invalid client id."}});
        return finish();
    }
    auto it = clients_.find(request.client_id);
    if (it != clients_.end() && it->second.user_id != actor.user_id) {
        // A client id is bound to the user who first used it; another user must not advance it.
        r.status = PushStatus::refused;
        r.problems.push_back({"client_id", "client_of_other_user",
                              {"Klient-id-en tilhører en annen bruker.", "Klient-id-en høyrer til ein annan brukar.",
                               "The client id belongs to another user."}});
        return finish();
    }
    if (rejections_held(actor.user_id) >= kMaxRejectionsPerUser) {
        // Nothing is processed, so the client resends the same mutations after it has pulled.
        r.status = PushStatus::refused;
        const std::string n = std::to_string(kMaxRejectionsPerUser);
        r.problems.push_back({"mutations", "too_many_rejections",
                              {"Over " + n + " avviste endringer venter på å bli hentet; hent dem før du sender flere.",
                               "Over " + n + " avviste endringar ventar på å bli henta; hent dei før du sender fleire.",
                               "Over " + n + " rejected mutations wait to be pulled; pull them before pushing more."}});
        return finish();
    }
    if (it == clients_.end()) {
        it = clients_.emplace(request.client_id, ClientRow{request.client_id, actor.user_id, 0, {}}).first;
        r.client_changed = true;
    }
    ClientRow& client = it->second;
    for (size_t i = 0; i < request.mutations.size(); ++i) {
        const Mutation& m = request.mutations[i];
        if (m.id <= client.last_mutation_id) {
            // Already processed: a replayed push resends the same content and is skipped. Other
            // content under a processed id means two clients number from one id (a copied profile,
            // two tabs that loaded one replica): skipping it would drop a change the client then
            // believes sent, so the push is refused and the client takes a new id for it.
            auto seen = client.digests.find(m.id);
            if (seen != client.digests.end() && seen->second != mutation_digest(m)) {
                r.status = PushStatus::forked;
                r.forked_id = m.id;
                r.problems.push_back({"mutations[" + std::to_string(i) + "].id", "forked_client",
                                      {"Endring " + std::to_string(m.id) + " er allerede mottatt med annet innhold fra "
                                       "denne klienten. Ta en ny klient-id for endringene som venter.",
                                       "Endring " + std::to_string(m.id) + " er alt motteken med anna innhald frå denne "
                                       "klienten. Ta ein ny klient-id for endringane som ventar.",
                                       "Mutation " + std::to_string(m.id) + " was already received with other content "
                                       "from this client. Take a new client id for the pending changes."}});
                break;
            }
            continue;
        }
        if (m.id != client.last_mutation_id + 1) {
            r.status = PushStatus::gap;
            r.expected_id = client.last_mutation_id + 1;
            r.problems.push_back({"mutations[" + std::to_string(i) + "].id", "gap",
                                  {"Endring " + std::to_string(r.expected_id) + " mangler.",
                                   "Endring " + std::to_string(r.expected_id) + " manglar.",
                                   "Mutation " + std::to_string(r.expected_id) + " is missing."}});
            break;
        }
        const Outcome outcome = apply_mutation(state_, actor, m, today);
        if (outcome.accepted) {
            auto rows = stamp(outcome.changed);
            r.changes.insert(r.changes.end(), rows.begin(), rows.end());
            r.applied.push_back(m.id);
        } else {
            Rejection rej{request.client_id, m.id, m.name, outcome.problems, ++version_};
            rejections_[request.client_id].push_back(rej);
            ++rejections_by_user_[actor.user_id];
            r.new_rejections.push_back(std::move(rej));
        }
        client.last_mutation_id = m.id;
        client.digests[m.id] = mutation_digest(m);
        while (client.digests.size() > kForkWindow) client.digests.erase(client.digests.begin());
        r.client_changed = true;
    }
    r.client = client;
    r.last_mutation_id = client.last_mutation_id;
    if (r.status != PushStatus::gap) r.expected_id = client.last_mutation_id + 1;
    return finish();
}

PullResponse SyncServer::pull(const Actor& actor, const PullRequest& request) const {
    PullResponse resp;
    resp.cookie = version_;
    // A cookie from the future means the server was restored from an older backup: start over.
    resp.reset = request.cookie <= 0 || request.cookie < reset_version_ || request.cookie > version_;
    auto client = clients_.find(request.client_id);
    const bool own_client = client != clients_.end() && client->second.user_id == actor.user_id;
    resp.last_mutation_id = own_client ? client->second.last_mutation_id : 0;
    if (resp.reset) {
        for (const RecordKey& key : all_keys(state_)) {
            if (!may_see(state_, actor, key)) continue;
            auto m = meta_.find(key);
            resp.changes.push_back(change_row(key, m == meta_.end() ? RecordMeta{} : m->second));
        }
    } else {
        for (auto it = by_version_.upper_bound(request.cookie); it != by_version_.end(); ++it) {
            const RecordKey& key = it->second;
            const RecordMeta& meta = meta_.at(key);
            // Deleted or not visible (any more): a tombstone, so a copy the client may hold is removed.
            // It carries no content, and goes only to those who could have seen the record since the
            // server started, so nobody learns the id of a record that was never theirs to see.
            if (meta.deleted || !may_see(state_, actor, key)) {
                if (in_audience(meta.audience, actor)) resp.changes.push_back({key, meta.version, true, nullptr});
            } else {
                resp.changes.push_back(change_row(key, meta));
            }
        }
    }
    if (own_client) {
        auto rj = rejections_.find(request.client_id);
        if (rj != rejections_.end()) {
            const bool all = request.cookie > version_;
            for (const Rejection& x : rj->second) {
                if (all || x.version > request.cookie) resp.rejections.push_back(x);
            }
        }
    }
    return resp;
}

std::size_t SyncServer::rejections_held(const std::string& user_id) const {
    auto it = rejections_by_user_.find(user_id);
    return it == rejections_by_user_.end() ? 0 : it->second;
}

bool SyncServer::has_received_rejections(const Actor& actor, const PullRequest& request) const {
    auto client = clients_.find(request.client_id);
    if (client == clients_.end() || client->second.user_id != actor.user_id) return false;
    auto rj = rejections_.find(request.client_id);
    // A cookie from the future (a restored server) proves nothing about what the client has.
    return rj != rejections_.end() && !rj->second.empty() && request.cookie <= version_ &&
           rj->second.front().version <= request.cookie;
}

std::vector<Rejection> SyncServer::forget_received_rejections(const Actor& actor, const PullRequest& request) {
    std::vector<Rejection> forgotten;
    if (!has_received_rejections(actor, request)) return forgotten;
    auto& list = rejections_[request.client_id];
    auto keep = std::find_if(list.begin(), list.end(), [&](const Rejection& x) { return x.version > request.cookie; });
    forgotten.assign(std::make_move_iterator(list.begin()), std::make_move_iterator(keep));
    list.erase(list.begin(), keep);
    if (list.empty()) rejections_.erase(request.client_id);
    auto& held = rejections_by_user_[actor.user_id];
    held -= std::min(held, forgotten.size());
    if (held == 0) rejections_by_user_.erase(actor.user_id);
    return forgotten;
}

ServerChanges SyncServer::apply_direct(const Actor& actor, const std::string& name, const nlohmann::json& args,
                                       const Date& today) {
    ServerChanges out;
    out.outcome = apply_mutation(state_, actor, Mutation{0, name, args}, today);
    if (out.outcome.accepted) out.changes = stamp(out.outcome.changed);
    out.version = version_;
    out.reset_version = reset_version_;
    return out;
}

ServerChanges SyncServer::system_changes(std::vector<RecordKey> changed) {
    ServerChanges out;
    out.outcome.accepted = true;
    out.outcome.changed = std::move(changed);
    out.changes = stamp(out.outcome.changed);
    out.version = version_;
    out.reset_version = reset_version_;
    return out;
}

ServerChanges SyncServer::release_unmatched(const Date& today) {
    return system_changes(release_unmatched_periods(state_, today));
}

ServerChanges SyncServer::expire_outdated(const Date& today, const RetentionPolicy& policy) {
    return system_changes(sync::expire_outdated(state_, today, policy));
}

ServerChanges SyncServer::put_document(const DocumentRecord& document) {
    std::vector<RecordKey> changed;
    if (const DocumentRecord* old = find_document(state_, document.doctor_id, document.kind, document.municipality_id)) {
        changed.push_back({RecordKind::document, old->id});
        state_.documents.erase(old->id);
    }
    state_.documents.insert_or_assign(document.id, document);
    changed.push_back({RecordKind::document, document.id});
    return system_changes(std::move(changed));
}

ServerChanges SyncServer::delete_document(std::string id) {
    if (!state_.documents.erase(id)) return system_changes({});
    return system_changes({{RecordKind::document, id}});
}

ServerChanges SyncServer::erase_personal_data(const DataSubject& who, const Date& today) {
    return system_changes(sync::erase_personal_data(state_, who, today));
}

std::vector<RecordKey> SyncServer::purge_tombstones(std::int64_t through) {
    std::vector<RecordKey> purged;
    for (auto it = meta_.begin(); it != meta_.end();) {
        if (it->second.deleted && it->second.version <= through) {
            reset_version_ = std::max(reset_version_, it->second.version);
            by_version_.erase(it->second.version);
            purged.push_back(it->first);
            it = meta_.erase(it);
        } else {
            ++it;
        }
    }
    return purged;
}

PortalState SyncServer::view_for(const Actor& actor) const { return visible_state(state_, actor); }

}  // namespace alis::sync
