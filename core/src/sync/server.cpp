#include "alis/sync/server.hpp"

#include <algorithm>
#include <map>

#include "alis/sync/authorization.hpp"
#include "alis/sync/retention.hpp"

namespace alis::sync {

namespace {

// Organisations and users decide what whole sets of records a user may see (a department's parent,
// a user's role and organisation), so a change to one makes every older cookie pull the whole view.
bool changes_visibility_broadly(const RecordKey& key) {
    return key.kind == RecordKind::organisation || key.kind == RecordKind::user;
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
    for (const RecordKey& key : changed) {
        RecordMeta& meta = meta_[key];
        if (meta.version != 0) by_version_.erase(meta.version);
        meta.version = ++version_;
        meta.deleted = !contains(state_, key);
        by_version_[meta.version] = key;
        if (changes_visibility_broadly(key)) reset_version_ = version_;
        rows.push_back(change_row(key, meta));
    }
    return rows;
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
        meta_[row.key] = {row.version, row.deleted};
        by_version_[row.version] = row.key;
        highest = std::max(highest, row.version);
    }
    for (const ClientRow& c : snapshot.clients) clients_[c.client_id] = c;
    for (const Rejection& r : snapshot.rejections) {
        rejections_[r.client_id].push_back(r);
        highest = std::max(highest, r.version);
    }
    for (auto& [id, list] : rejections_) {
        std::sort(list.begin(), list.end(), [](const Rejection& a, const Rejection& b) { return a.version < b.version; });
    }
    if (out.size() != before) {
        *this = SyncServer();
        return false;
    }
    version_ = highest;
    reset_version_ = snapshot.reset_version;
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
            // It carries no content, and is left out when the user could never have held the record.
            if (meta.deleted || !may_see(state_, actor, key)) {
                if (may_ever_see(actor, key)) resp.changes.push_back({key, meta.version, true, nullptr});
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

ServerChanges SyncServer::apply_direct(const Actor& actor, const std::string& name, const nlohmann::json& args,
                                       const Date& today) {
    ServerChanges out;
    out.outcome = apply_mutation(state_, actor, Mutation{0, name, args}, today);
    if (out.outcome.accepted) out.changes = stamp(out.outcome.changed);
    out.version = version_;
    out.reset_version = reset_version_;
    return out;
}

ServerChanges SyncServer::release_unmatched(const Date& today) {
    ServerChanges out;
    out.outcome.accepted = true;
    out.outcome.changed = release_unmatched_periods(state_, today);
    out.changes = stamp(out.outcome.changed);
    out.version = version_;
    out.reset_version = reset_version_;
    return out;
}

ServerChanges SyncServer::expire_outdated(const Date& today) {
    ServerChanges out;
    out.outcome.accepted = true;
    out.outcome.changed = sync::expire_outdated(state_, today);
    out.changes = stamp(out.outcome.changed);
    out.version = version_;
    out.reset_version = reset_version_;
    return out;
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
