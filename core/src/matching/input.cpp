#include "alis/matching/input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "alis/json_fields.hpp"

namespace alis::matching {

using nlohmann::json;

namespace {

std::string at(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

// The nynorsk adjective follows the noun's gender (ukjend kommune, ukjent helseføretak), so callers
// give the whole phrase in each language.
Text unknown(const std::string& phrase_nb, const std::string& phrase_nn, const std::string& phrase_en, const std::string& id) {
    return {phrase_nb + " \"" + id + "\".", phrase_nn + " \"" + id + "\".", phrase_en + " \"" + id + "\"."};
}

Text used_twice(const std::string& id) {
    return {"Id-en \"" + id + "\" er brukt før.", "Id-en \"" + id + "\" er brukt før.", "The id \"" + id + "\" is used twice."};
}

// Parses an optional list of records; a missing list is empty, anything else than a list a problem.
template <typename T, typename Parse>
std::vector<T> read_records(const json& j, const char* name, Parse parse, Problems& out) {
    std::vector<T> records;
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) return records;
    if (!it->is_array()) {
        out.push_back({name, "not_a_list", {"Må være en liste.", "Må vera ei liste.", "Must be a list."}});
        return records;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        if (auto r = parse((*it)[i], out, at(name, i))) records.push_back(std::move(*r));
    }
    return records;
}

std::vector<std::string> read_ids(const json& j, const char* name, Problems& out) {
    std::vector<std::string> ids;
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) return ids;
    if (!it->is_array()) {
        out.push_back({name, "not_a_list", {"Må være en liste med id-er.", "Må vera ei liste med id-ar.", "Must be a list of ids."}});
        return ids;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
            out.push_back({at(name, i), "not_an_id", {"Må være en id (tekst).", "Må vera ein id (tekst).", "Must be an id (text)."}});
            ids.emplace_back();
            continue;
        }
        ids.push_back(v.get<std::string>());
    }
    return ids;
}

template <typename T>
std::unordered_map<std::string, size_t> index_unique(const std::vector<T>& records, const char* list, Problems& out) {
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < records.size(); ++i) {
        if (!index.emplace(records[i].id, i).second) out.push_back({at(list, i) + ".id", "duplicate_id", used_twice(records[i].id)});
    }
    return index;
}

}  // namespace

std::optional<MatchingInput> parse_matching_input(const json& j, Problems& out) {
    const size_t before = out.size();
    JsonFields f(j, "", out);
    if (!f.is_object()) return std::nullopt;
    MatchingInput in;
    if (auto d = f.date("today", true)) in.today = *d;
    in.organisations = read_records<Organisation>(j, "organisations", parse_organisation, out);
    in.doctors = read_records<DoctorProfile>(j, "doctors", parse_doctor_profile, out);
    in.available_times = read_records<AvailableTime>(j, "available_times", parse_available_time, out);
    in.wishes = read_records<Wish>(j, "wishes", parse_wish, out);
    in.periods = read_records<Period>(j, "periods", parse_period, out);
    const auto priority = read_ids(j, "priority_list", out);
    const auto struck = read_ids(j, "struck", out);
    const auto placed = read_ids(j, "placed", out);
    const auto held = read_ids(j, "held", out);
    if (const auto it = j.find("lottery_seed"); it != j.end() && !it->is_null()) {
        if (it->is_number_unsigned()) in.lottery_seed = it->get<uint64_t>();
        else out.push_back({"lottery_seed", "not_a_seed", {"Må være et heltall fra 0 og opp.", "Må vera eit heiltal frå 0 og opp.", "Must be a whole number from 0 up."}});
    }
    if (const auto it = j.find("weights"); it != j.end() && !it->is_null()) {
        if (auto w = parse_score_weights(*it, out, "weights")) in.weights = *w;
    }
    std::vector<std::vector<std::string>> municipal;
    if (const auto it = j.find("municipal_lists"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) {
            out.push_back({"municipal_lists", "not_a_list", {"Må være en liste med lister.", "Må vera ei liste med lister.", "Must be a list of lists."}});
        } else {
            for (size_t i = 0; i < it->size(); ++i) {
                const std::string name = at("municipal_lists", i);
                municipal.push_back(read_ids(nlohmann::json{{name, (*it)[i]}}, name.c_str(), out));
            }
        }
    }
    // Cross-record rules need every record read, and their indices below match the input only then.
    if (out.size() != before) return std::nullopt;

    const auto orgs = index_unique(in.organisations, "organisations", out);
    const auto doctors = index_unique(in.doctors, "doctors", out);
    index_unique(in.available_times, "available_times", out);
    index_unique(in.wishes, "wishes", out);
    const auto periods = index_unique(in.periods, "periods", out);

    const auto org_of_kind = [&](const std::string& id, OrganisationKind kind) -> const Organisation* {
        const auto it = orgs.find(id);
        return it != orgs.end() && in.organisations[it->second].kind == kind ? &in.organisations[it->second] : nullptr;
    };
    for (size_t i = 0; i < in.doctors.size(); ++i) {
        if (!org_of_kind(in.doctors[i].municipality_id, OrganisationKind::municipality))
            out.push_back({at("doctors", i) + ".municipality_id", "unknown_municipality",
                           unknown("Ukjent kommune", "Ukjend kommune", "Unknown municipality", in.doctors[i].municipality_id)});
    }
    for (size_t i = 0; i < in.periods.size(); ++i) {
        const Period& p = in.periods[i];
        if (!org_of_kind(p.hospital_id, OrganisationKind::hospital_trust))
            out.push_back({at("periods", i) + ".hospital_id", "unknown_hospital", unknown("Ukjent helseforetak", "Ukjent helseføretak", "Unknown hospital trust", p.hospital_id)});
        const Organisation* dept = org_of_kind(p.department_id, OrganisationKind::department);
        if (!dept) {
            out.push_back({at("periods", i) + ".department_id", "unknown_department", unknown("Ukjent avdeling", "Ukjend avdeling", "Unknown department", p.department_id)});
        } else if (dept->parent_id != p.hospital_id) {
            out.push_back({at("periods", i) + ".department_id", "department_of_other_hospital",
                           {"Avdelingen hører til et annet helseforetak.", "Avdelinga høyrer til eit anna helseføretak.",
                            "The department belongs to another hospital trust."}});
        }
    }
    for (size_t i = 0; i < in.available_times.size(); ++i) {
        if (!doctors.count(in.available_times[i].doctor_id))
            out.push_back({at("available_times", i) + ".doctor_id", "unknown_doctor", unknown("Ukjent lege", "Ukjend lege", "Unknown doctor", in.available_times[i].doctor_id)});
    }
    for (size_t i = 0; i < in.wishes.size(); ++i) {
        const Wish& w = in.wishes[i];
        if (!doctors.count(w.doctor_id))
            out.push_back({at("wishes", i) + ".doctor_id", "unknown_doctor", unknown("Ukjent lege", "Ukjend lege", "Unknown doctor", w.doctor_id)});
        if (!w.hospital_id.empty() && !org_of_kind(w.hospital_id, OrganisationKind::hospital_trust))
            out.push_back({at("wishes", i) + ".hospital_id", "unknown_hospital", unknown("Ukjent helseforetak", "Ukjent helseføretak", "Unknown hospital trust", w.hospital_id)});
        if (!w.department_id.empty() && !org_of_kind(w.department_id, OrganisationKind::department))
            out.push_back({at("wishes", i) + ".department_id", "unknown_department", unknown("Ukjent avdeling", "Ukjend avdeling", "Unknown department", w.department_id)});
    }
    const auto check_doctor_ids = [&](const std::vector<std::string>& ids, const char* list, std::unordered_set<std::string>* into) {
        std::unordered_set<std::string> seen;
        for (size_t i = 0; i < ids.size(); ++i) {
            if (!doctors.count(ids[i])) {
                out.push_back({at(list, i), "unknown_doctor", unknown("Ukjent lege", "Ukjend lege", "Unknown doctor", ids[i])});
            } else if (!seen.insert(ids[i]).second) {
                out.push_back({at(list, i), "listed_twice",
                               {"\"" + ids[i] + "\" står to ganger i listen.", "\"" + ids[i] + "\" står to gonger i lista.",
                                "\"" + ids[i] + "\" is listed twice."}});
            }
        }
        if (into) *into = std::move(seen);
    };
    check_doctor_ids(priority, "priority_list", nullptr);
    check_doctor_ids(struck, "struck", &in.struck);
    check_doctor_ids(placed, "placed", &in.placed);
    in.priority_list = priority;
    for (size_t i = 0; i < held.size(); ++i) {
        if (!periods.count(held[i]))
            out.push_back({at("held", i), "unknown_period", unknown("Ukjent periode", "Ukjend periode", "Unknown period", held[i])});
        else in.held.insert(held[i]);
    }
    // A GP on two municipalities' lists would get two places in the tie-break: refused.
    std::unordered_set<std::string> on_a_list;
    for (size_t l = 0; l < municipal.size(); ++l) {
        const std::string name = at("municipal_lists", l);
        for (size_t i = 0; i < municipal[l].size(); ++i) {
            const std::string& id = municipal[l][i];
            if (!doctors.count(id)) {
                out.push_back({at(name.c_str(), i), "unknown_doctor", unknown("Ukjent lege", "Ukjend lege", "Unknown doctor", id)});
            } else if (!on_a_list.insert(id).second) {
                out.push_back({at(name.c_str(), i), "listed_twice",
                               {"\"" + id + "\" står to ganger i listene.", "\"" + id + "\" står to gonger i listene.",
                                "\"" + id + "\" is listed twice."}});
            }
        }
    }
    in.municipal_lists = std::move(municipal);
    if (out.size() != before) return std::nullopt;
    return in;
}

void to_json(json& j, const MatchingInput& in) {
    const auto sorted = [](const std::unordered_set<std::string>& ids) {
        std::vector<std::string> v(ids.begin(), ids.end());
        std::sort(v.begin(), v.end());
        return v;
    };
    j = {{"today", to_iso(in.today)}, {"organisations", in.organisations}, {"doctors", in.doctors},
         {"available_times", in.available_times}, {"wishes", in.wishes}, {"periods", in.periods},
         {"priority_list", in.priority_list}, {"struck", sorted(in.struck)}, {"placed", sorted(in.placed)},
         {"held", sorted(in.held)}, {"lottery_seed", in.lottery_seed}, {"weights", in.weights},
         {"municipal_lists", in.municipal_lists}};
}

}  // namespace alis::matching
