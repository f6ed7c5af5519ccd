#include "alis/sync/state.hpp"

#include <algorithm>

#include "alis/json_fields.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

// Calls f(map, parser) with the typed map of `kind`, so generic code is written once.
template <typename State, typename F>
decltype(auto) with_map(State& s, RecordKind kind, F&& f) {
    switch (kind) {
        case RecordKind::organisation: return f(s.organisations, [](const json& j, Problems& p) { return parse_organisation(j, p, "organisation"); });
        case RecordKind::user: return f(s.users, [](const json& j, Problems& p) { return parse_user(j, p, "user"); });
        case RecordKind::doctor: return f(s.doctors, [](const json& j, Problems& p) { return parse_doctor_profile(j, p, "doctor"); });
        case RecordKind::available_time: return f(s.available_times, [](const json& j, Problems& p) { return parse_available_time(j, p, "available_time"); });
        case RecordKind::wish: return f(s.wishes, [](const json& j, Problems& p) { return parse_wish(j, p, "wish"); });
        case RecordKind::period: return f(s.periods, [](const json& j, Problems& p) { return parse_period(j, p, "period"); });
        case RecordKind::candidate: return f(s.candidates, [](const json& j, Problems& p) { return parse_candidate(j, p, "candidate"); });
        case RecordKind::regional_list: return f(s.regional_lists, [](const json& j, Problems& p) { return parse_regional_list(j, p, "regional_list"); });
        case RecordKind::subscription: return f(s.subscriptions, [](const json& j, Problems& p) { return parse_subscription(j, p, "subscription"); });
        case RecordKind::offer: break;
        case RecordKind::document: return f(s.documents, [](const json& j, Problems& p) { return parse_document_record(j, p, "document"); });
        case RecordKind::setting: return f(s.settings, [](const json& j, Problems& p) { return parse_setting(j, p, "setting"); });
    }
    return f(s.offers, [](const json& j, Problems& p) { return parse_offer(j, p, "offer"); });
}

template <typename Map>
const typename Map::mapped_type* find_in(const Map& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? nullptr : &it->second;
}

}  // namespace

bool contains(const PortalState& state, const RecordKey& key) {
    return with_map(state, key.kind, [&](const auto& m, auto) { return m.count(key.id) > 0; });
}

std::optional<json> record_body(const PortalState& state, const RecordKey& key) {
    return with_map(state, key.kind, [&](const auto& m, auto) -> std::optional<json> {
        auto it = m.find(key.id);
        if (it == m.end()) return std::nullopt;
        return json(it->second);
    });
}

bool put_record(PortalState& state, RecordKind kind, const json& body, Problems& out) {
    return with_map(state, kind, [&](auto& m, auto parse) {
        auto record = parse(body, out);
        if (!record) return false;
        const std::string id = record->id;
        m.insert_or_assign(id, std::move(*record));
        return true;
    });
}

bool erase_record(PortalState& state, const RecordKey& key) {
    return with_map(state, key.kind, [&](auto& m, auto) { return m.erase(key.id) > 0; });
}

std::vector<RecordKey> all_keys(const PortalState& state) {
    std::vector<RecordKey> keys;
    for (RecordKind kind : all_record_kinds()) {
        with_map(state, kind, [&](const auto& m, auto) {
            for (const auto& [id, record] : m) keys.push_back({kind, id});
            return 0;
        });
    }
    return keys;
}

std::size_t record_count(const PortalState& state) {
    std::size_t n = 0;
    for (RecordKind kind : all_record_kinds()) n += with_map(state, kind, [](const auto& m, auto) { return m.size(); });
    return n;
}

json state_to_json(const PortalState& state) {
    json records = json::array();
    for (const RecordKey& key : all_keys(state)) {
        records.push_back({{"kind", to_string(key.kind)}, {"id", key.id}, {"body", *record_body(state, key)}});
    }
    return {{"records", std::move(records)}};
}

std::optional<PortalState> state_from_json(const json& j, Problems& out) {
    const size_t before = out.size();
    if (!j.is_object() || !j.contains("records") || !j["records"].is_array()) {
        out.push_back({"records", "not_a_list", {"Må være en liste.", "Må vera ei liste.", "Must be a list."}});
        return std::nullopt;
    }
    PortalState state;
    const json& records = j["records"];
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string prefix = "records[" + std::to_string(i) + "]";
        JsonFields f(records[i], prefix, out);
        if (!f.is_object()) continue;
        const std::string kind_name = f.text("kind", 32, true);
        const auto kind = record_kind_from_string(kind_name);
        if (!kind) {
            if (!kind_name.empty()) f.add("kind", "unknown_kind", {"Ukjent posttype.", "Ukjend posttype.", "Unknown record kind."});
            continue;
        }
        if (!records[i].contains("body")) {
            f.add("body", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
            continue;
        }
        put_record(state, *kind, records[i]["body"], out);
    }
    if (out.size() != before) return std::nullopt;
    return state;
}

const Organisation* find_organisation(const PortalState& s, const std::string& id) { return find_in(s.organisations, id); }
const DoctorProfile* find_doctor(const PortalState& s, const std::string& id) { return find_in(s.doctors, id); }
const Period* find_period(const PortalState& s, const std::string& id) { return find_in(s.periods, id); }
const Offer* find_offer(const PortalState& s, const std::string& id) { return find_in(s.offers, id); }
const Candidate* find_candidate(const PortalState& s, const std::string& id) { return find_in(s.candidates, id); }

int accepted_offer_count(const PortalState& s, const std::string& period_id) {
    return static_cast<int>(std::count_if(s.offers.begin(), s.offers.end(), [&](const auto& kv) {
        return kv.second.period_id == period_id && kv.second.status == OfferStatus::accepted;
    }));
}

}  // namespace alis::sync
