#pragma once
// Private: what every mutation handler works with, and the checks they share. A handler checks
// everything first (adding problems) and writes to the state only when no problem was found, so a
// rejected mutation leaves the state untouched.
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "alis/json_fields.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/authorization.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync::detail {

// How many wishes, spans of available time or subscriptions one owner may have: far above real use,
// low enough that one account cannot grow the state (and every pull) without bound.
constexpr std::size_t kMaxPerOwner = 100;

struct Ctx {
    PortalState& s;
    const Actor& a;
    const nlohmann::json& args;
    const Date& today;
    Problems p;
    std::set<RecordKey> changed;

    bool ok() const { return p.empty(); }
    void fail(std::string field, std::string rule, Text message) { p.push_back({std::move(field), std::move(rule), std::move(message)}); }
    // A doctor's visibility follows their wishes, offers and candidate entries; their free time is
    // visible to whoever sees the doctor, so touching a doctor re-versions their free time (and their
    // documents) too.
    void touch(RecordKind kind, const std::string& id) {
        changed.insert({kind, id});
        if (kind != RecordKind::doctor) return;
        for (const auto& [aid, span] : s.available_times) {
            if (span.doctor_id == id) changed.insert({RecordKind::available_time, aid});
        }
        for (const auto& [did, document] : s.documents) {  // documents go where the profile goes, too
            if (document.doctor_id == id) changed.insert({RecordKind::document, did});
        }
    }

    // The text field args.<name>, required.
    std::string arg_id(const char* name);

    bool office() const { return a.role == Role::alis_office; }
    bool own_doctor(const std::string& doctor_id) const {
        return office() || (a.role == Role::gp && !a.doctor_id.empty() && a.doctor_id == doctor_id);
    }
    bool own_hospital(const std::string& hospital_id) const {
        return office() || (a.role == Role::hospital && !a.organisation_id.empty() && a.organisation_id == hospital_id);
    }
    bool own_municipality(const std::string& municipality_id) const {
        return office() ||
               (a.role == Role::municipality && !a.organisation_id.empty() && a.organisation_id == municipality_id);
    }
    bool own_user(const std::string& user_id) const { return office() || (!a.user_id.empty() && a.user_id == user_id); }

    // Adds too_many when a new record would take the owner over kMaxPerOwner.
    template <typename Map, typename Owned>
    void check_cap(const Map& map, const std::string& id, Owned owned, const std::string& field) {
        if (map.count(id)) return;  // replacing a record adds nothing
        std::size_t n = 0;
        for (const auto& kv : map) n += owned(kv.second) ? 1 : 0;
        if (n >= kMaxPerOwner) {
            const std::string m = std::to_string(kMaxPerOwner);
            fail(field, "too_many", {"Høyst " + m + ".", "Høgst " + m + ".", "At most " + m + "."});
        }
    }

    void not_allowed(const std::string& field);
    void not_found(const std::string& field);
    // The id of a new record is taken: already_exists when the actor may see that record, otherwise
    // not_found, like every other reference to a record the actor may not see (so ids leak nothing).
    void already_exists(RecordKind kind, const std::string& id, const std::string& field);
    void immutable(const std::string& field);

    // The record `id` of `map`, when it exists and the actor may see it; otherwise adds not_found (a
    // record the actor may not see is reported as missing, so rejections leak nothing).
    template <typename Map>
    typename Map::mapped_type* lookup(Map& map, RecordKind kind, const std::string& id, const std::string& field) {
        auto it = map.find(id);
        if (id.empty() || it == map.end() || !may_see(s, a, {kind, id})) {
            // An empty id was normally reported as required already; never let it pass silently.
            if (!id.empty() || ok()) not_found(field);
            return nullptr;
        }
        return &it->second;
    }
};

// Handlers, one per mutation, grouped by file.
void register_doctor(Ctx& c);
void update_doctor(Ctx& c);
void delete_doctor(Ctx& c);
void put_available_time(Ctx& c);
void delete_available_time(Ctx& c);
void put_wish(Ctx& c);
void delete_wish(Ctx& c);
void rank_wishes(Ctx& c);

void publish_period(Ctx& c);
void edit_period(Ctx& c);
void withdraw_period(Ctx& c);
void make_offer(Ctx& c);
void withdraw_offer(Ctx& c);
void accept_offer(Ctx& c);
void decline_offer(Ctx& c);

void put_candidate(Ctx& c);
void set_candidate_order(Ctx& c);
void strike_candidate(Ctx& c);
void delete_candidate(Ctx& c);
void import_candidate_list(Ctx& c);
void set_regional_list(Ctx& c);
void set_score_weights(Ctx& c);
void set_retention(Ctx& c);

void put_subscription(Ctx& c);
void delete_subscription(Ctx& c);
void put_organisation(Ctx& c);
void delete_organisation(Ctx& c);
void put_user(Ctx& c);
void delete_user(Ctx& c);

}  // namespace alis::sync::detail
