#include "alis/matching/rank_lists.hpp"

#include <nlohmann/json.hpp>

#include <unordered_map>

#include "alis/json_fields.hpp"

namespace alis::matching {

using nlohmann::json;

namespace {

constexpr size_t kIdBytes = 64;

std::string at(const std::string& list, size_t i) { return list + "[" + std::to_string(i) + "]"; }

// Reads the "ranks" array of one entry as ids; unknown and repeated ids are checked later, once
// both sides are known.
std::vector<std::string> read_ranks(const json& entry, const std::string& prefix, Problems& out) {
    std::vector<std::string> ranks;
    const auto it = entry.find("ranks");
    if (it == entry.end() || it->is_null()) {
        out.push_back({prefix + ".ranks", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."}});
        return ranks;
    }
    if (!it->is_array()) {
        out.push_back({prefix + ".ranks", "not_a_list",
                       {"Må være en liste med id-er.", "Må vera ei liste med id-ar.", "Must be a list of ids."}});
        return ranks;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
            out.push_back({at(prefix + ".ranks", i), "not_an_id",
                           {"Må være en id (tekst).", "Må vera ein id (tekst).", "Must be an id (text)."}});
            continue;
        }
        ranks.push_back(v.get<std::string>());
    }
    return ranks;
}

// Unique ids of one side, by index; a repeated id is reported at its second entry.
std::unordered_map<std::string, int> index_ids(const std::vector<std::string>& ids, const char* list, Problems& out) {
    std::unordered_map<std::string, int> index;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (ids[i].empty()) continue;  // already reported as missing
        if (!index.emplace(ids[i], static_cast<int>(i)).second) {
            out.push_back({at(list, i) + ".id", "duplicate_id",
                           {"Id-en \"" + ids[i] + "\" er brukt før.", "Id-en \"" + ids[i] + "\" er brukt før.",
                            "The id \"" + ids[i] + "\" is used twice."}});
        }
    }
    return index;
}

// `unknown_*` begin the sentence for an id the other side does not have ("Ukjent sykehus").
void check_ranks(const std::vector<std::string>& ranks, const std::string& prefix,
                 const std::unordered_map<std::string, int>& known, const char* unknown_nb, const char* unknown_nn,
                 const char* unknown_en, Problems& out) {
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < ranks.size(); ++i) {
        const std::string field = at(prefix + ".ranks", i);
        if (!known.count(ranks[i])) {
            out.push_back({field, "unknown_id",
                           {std::string(unknown_nb) + " \"" + ranks[i] + "\".", std::string(unknown_nn) + " \"" + ranks[i] + "\".",
                            std::string(unknown_en) + " \"" + ranks[i] + "\"."}});
        } else if (!seen.emplace(ranks[i], i).second) {
            out.push_back({field, "ranked_twice",
                           {"\"" + ranks[i] + "\" står to ganger i listen.", "\"" + ranks[i] + "\" står to gonger i lista.",
                            "\"" + ranks[i] + "\" is ranked twice."}});
        }
    }
}

const json* read_side(const json& j, const char* name, Problems& out) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_array()) {
        out.push_back({name, "not_a_list", {"Må være en liste.", "Må vera ei liste.", "Must be a list."}});
        return nullptr;
    }
    return &*it;
}

}  // namespace

std::optional<RankLists> parse_rank_lists(const json& j, Problems& out) {
    const size_t before = out.size();
    if (!j.is_object()) {
        out.push_back({"(root)", "not_an_object", {"Må være et JSON-objekt.", "Må vera eit JSON-objekt.", "Must be a JSON object."}});
        return std::nullopt;
    }
    RankLists lists;
    if (const json* residents = read_side(j, "residents", out)) {
        for (size_t i = 0; i < residents->size(); ++i) {
            const std::string prefix = at("residents", i);
            JsonFields f((*residents)[i], prefix, out);
            RankedResident& r = lists.residents.emplace_back();  // kept even when bad, so indices match
            if (!f.is_object()) continue;
            r.id = f.text("id", kIdBytes, true);
            r.ranks = read_ranks((*residents)[i], prefix, out);
        }
    }
    if (const json* hospitals = read_side(j, "hospitals", out)) {
        for (size_t i = 0; i < hospitals->size(); ++i) {
            const std::string prefix = at("hospitals", i);
            JsonFields f((*hospitals)[i], prefix, out);
            RankedHospital& h = lists.hospitals.emplace_back();
            if (!f.is_object()) continue;
            h.id = f.text("id", kIdBytes, true);
            h.capacity = f.integer("capacity", 0, 1000000, 0, true);
            h.ranks = read_ranks((*hospitals)[i], prefix, out);
        }
    }
    // Cross-checks run even after a bad field, so one run reports every problem in the file.
    std::vector<std::string> ids;
    for (const auto& r : lists.residents) ids.push_back(r.id);
    const auto resident_index = index_ids(ids, "residents", out);
    ids.clear();
    for (const auto& h : lists.hospitals) ids.push_back(h.id);
    const auto hospital_index = index_ids(ids, "hospitals", out);
    for (size_t i = 0; i < lists.residents.size(); ++i)
        check_ranks(lists.residents[i].ranks, at("residents", i), hospital_index, "Ukjent sykehus", "Ukjent sjukehus", "Unknown hospital", out);
    for (size_t i = 0; i < lists.hospitals.size(); ++i)
        check_ranks(lists.hospitals[i].ranks, at("hospitals", i), resident_index, "Ukjent kandidat", "Ukjend kandidat", "Unknown resident", out);
    if (out.size() != before) return std::nullopt;
    return lists;
}

Instance to_instance(const RankLists& lists) {
    std::unordered_map<std::string, int> resident_index, hospital_index;
    for (size_t i = 0; i < lists.residents.size(); ++i) resident_index.emplace(lists.residents[i].id, static_cast<int>(i));
    for (size_t i = 0; i < lists.hospitals.size(); ++i) hospital_index.emplace(lists.hospitals[i].id, static_cast<int>(i));
    Instance in;
    in.resident_ranks.reserve(lists.residents.size());
    for (const auto& r : lists.residents) {
        auto& out = in.resident_ranks.emplace_back();
        out.reserve(r.ranks.size());
        for (const auto& id : r.ranks) out.push_back(hospital_index.at(id));
    }
    for (const auto& h : lists.hospitals) {
        auto& out = in.hospital_ranks.emplace_back();
        out.reserve(h.ranks.size());
        for (const auto& id : h.ranks) out.push_back(resident_index.at(id));
        in.capacity.push_back(h.capacity);
    }
    return in;
}

IdMatching solve(const RankLists& lists) {
    const auto assigned = solve(to_instance(lists));
    IdMatching m;
    for (size_t r = 0; r < assigned.size(); ++r) {
        if (assigned[r] == kUnmatched) {
            m.unmatched.push_back(lists.residents[r].id);
        } else {
            m.matching.emplace(lists.residents[r].id, lists.hospitals[static_cast<size_t>(assigned[r])].id);
        }
    }
    return m;
}

void to_json(json& j, const IdMatching& m) {
    j = json::object();
    j["matching"] = json::object();
    for (const auto& [r, h] : m.matching) j["matching"][r] = h;
    j["unmatched"] = m.unmatched;
}

}  // namespace alis::matching
