#include "alis/sync/replica.hpp"

#include <algorithm>
#include <atomic>

#include "alis/json_fields.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {
std::uint64_t next_revision() {
    static std::atomic<std::uint64_t> counter{0};  // tests run replicas on several threads
    return ++counter;
}
}  // namespace

std::uint64_t new_view_revision() { return next_revision(); }

PortalState shared_view(const std::vector<const Replica*>& clients, const Date& today) {
    const Replica* newest = nullptr;
    for (const Replica* c : clients) {
        if (!newest || c->cookie() > newest->cookie()) newest = c;
    }
    if (!newest) return {};
    PortalState view = newest->snapshot();
    for (const Replica* c : clients) {
        for (const Mutation& m : c->pending()) apply_mutation(view, c->actor(), m, today);
    }
    return view;
}

Replica Replica::fresh_client(std::string client_id) const {
    Replica r(std::move(client_id), actor_);
    r.snapshot_ = snapshot_;
    r.cookie_ = cookie_;
    r.last_today_ = last_today_;
    r.rebuild_view(last_today_);
    return r;
}

void Replica::fork(std::string new_client_id, std::int64_t forked_id) {
    std::vector<Mutation> still;
    for (const Mutation& m : pending_) {
        if (m.id >= forked_id) still.push_back({static_cast<std::int64_t>(still.size()) + 1, m.name, m.args});
    }
    client_id_ = std::move(new_client_id);
    pending_ = std::move(still);
    last_mutation_id_ = 0;
    next_mutation_id_ = static_cast<std::int64_t>(pending_.size()) + 1;
    rebuild_view(last_today_);
}

Replica::Replica(std::string client_id, Actor actor) : client_id_(std::move(client_id)), actor_(std::move(actor)) {}

Outcome Replica::mutate(const std::string& name, const json& args, const Date& today) {
    const Mutation m{next_mutation_id_, name, args};
    Outcome outcome = apply_mutation(view_, actor_, m, today);
    last_today_ = today;
    if (outcome.accepted) {
        pending_.push_back(m);
        ++next_mutation_id_;
        revision_ = next_revision();
    }
    return outcome;
}

PushRequest Replica::make_push() const { return {client_id_, pending_}; }

PullRequest Replica::make_pull() const { return {client_id_, cookie_}; }

bool Replica::apply_pull(const PullResponse& response, const Date& today) {
    // An incremental answer older than what we have would undo newer changes. A reset is always taken:
    // it is the whole truth as of its cookie (and after a server restore its cookie is lower than ours).
    if (!response.reset && response.cookie < cookie_) return false;
    const std::size_t pending_before = pending_.size();
    if (response.reset) snapshot_ = PortalState();
    Problems ignored;  // a body this build cannot read is skipped; the server validated it already
    for (const RecordChange& c : response.changes) {
        if (c.deleted) {
            erase_record(snapshot_, c.key);
        } else {
            put_record(snapshot_, c.key.kind, c.body, ignored);
        }
    }
    last_mutation_id_ = std::max(last_mutation_id_, response.last_mutation_id);
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const Mutation& m) { return m.id <= last_mutation_id_; }),
                   pending_.end());
    for (const Rejection& r : response.rejections) {
        const bool known = std::any_of(rejections_.begin(), rejections_.end(), [&](const Rejection& x) {
            return x.mutation_id == r.mutation_id && x.client_id == r.client_id;
        });
        if (!known) rejections_.push_back(r);
    }
    cookie_ = response.cookie;
    next_mutation_id_ = std::max(next_mutation_id_, last_mutation_id_ + 1);
    // The periodic pull mostly brings nothing: then the view is the same records, and keeping it
    // (and its revision) spares every screen rebuilding what it derived from it.
    const bool same_view = !response.reset && response.changes.empty() && pending_.size() == pending_before &&
                           today == last_today_;
    if (!same_view) rebuild_view(today);
    return true;
}

void Replica::dismiss_rejection(std::int64_t mutation_id) {
    rejections_.erase(std::remove_if(rejections_.begin(), rejections_.end(),
                                     [&](const Rejection& r) { return r.mutation_id == mutation_id; }),
                      rejections_.end());
}

// Pending mutations that the new snapshot makes impossible stay pending: the server decides, and
// its rejection will come back with the reason.
void Replica::rebuild_view(const Date& today) {
    last_today_ = today;
    view_ = snapshot_;
    for (const Mutation& m : pending_) apply_mutation(view_, actor_, m, today);
    revision_ = next_revision();
}

json Replica::to_json() const {
    json pending = json::array();
    for (const Mutation& m : pending_) pending.push_back(m);
    json rejections = json::array();
    for (const Rejection& r : rejections_) rejections.push_back(sync::to_json(r));
    return {{"format", 1},
            {"client_id", client_id_},
            {"actor",
             {{"user_id", actor_.user_id},
              {"role", to_string(actor_.role)},
              {"organisation_id", actor_.organisation_id},
              {"doctor_id", actor_.doctor_id}}},
            {"snapshot", state_to_json(snapshot_)},
            {"pending", std::move(pending)},
            {"rejections", std::move(rejections)},
            {"cookie", cookie_},
            {"last_mutation_id", last_mutation_id_},
            {"next_mutation_id", next_mutation_id_},
            {"today", to_iso(last_today_)}};
}

std::optional<Replica> Replica::from_json(const json& j, Problems& out) {
    const size_t before = out.size();
    JsonFields f(j, "replica", out);
    if (!f.is_object()) return std::nullopt;
    Replica r;
    r.client_id_ = f.text("client_id", kClientIdBytes, true);
    const json empty = json::object();
    const json& a = j.contains("actor") ? j["actor"] : empty;
    JsonFields af(a, "replica.actor", out);
    if (af.is_object()) {
        r.actor_.user_id = af.text("user_id", 64, true);
        const std::string role = af.text("role", 32, true);
        if (auto parsed = role_from_string(role)) {
            r.actor_.role = *parsed;
        } else if (!role.empty()) {
            af.add("role", "unknown_value", {"Ukjent rolle.", "Ukjend rolle.", "Unknown role."});
        }
        r.actor_.organisation_id = af.text("organisation_id", 64, false);
        r.actor_.doctor_id = af.text("doctor_id", 64, false);
    }
    auto counter = [&](const char* name, std::int64_t min) -> std::int64_t {
        if (!j.contains(name) || !j[name].is_number_integer() || j[name].get<std::int64_t>() < min) {
            f.add(name, "not_a_count", {"Må være et heltall.", "Må vera eit heiltal.", "Must be a whole number."});
            return min;
        }
        return j[name].get<std::int64_t>();
    };
    r.cookie_ = counter("cookie", 0);
    r.last_mutation_id_ = counter("last_mutation_id", 0);
    r.next_mutation_id_ = counter("next_mutation_id", 1);
    if (auto today = f.date("today", false)) r.last_today_ = *today;
    if (j.contains("snapshot")) {
        if (auto s = state_from_json(j["snapshot"], out)) r.snapshot_ = std::move(*s);
    }
    if (j.contains("pending") && j["pending"].is_array()) {
        const json& ps = j["pending"];
        for (size_t i = 0; i < ps.size(); ++i) {
            if (auto m = parse_mutation(ps[i], out, "replica.pending[" + std::to_string(i) + "]")) r.pending_.push_back(*m);
        }
    }
    if (j.contains("rejections") && j["rejections"].is_array()) {
        const json& rs = j["rejections"];
        for (size_t i = 0; i < rs.size(); ++i) {
            if (auto x = parse_rejection(rs[i], out, "replica.rejections[" + std::to_string(i) + "]")) r.rejections_.push_back(*x);
        }
    }
    if (out.size() != before) return std::nullopt;
    r.rebuild_view(r.last_today_);
    return r;
}

}  // namespace alis::sync
