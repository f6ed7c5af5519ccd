#include "alis/sync/doctor_facts.hpp"

#include <nlohmann/json.hpp>

#include "alis/rules.hpp"

namespace alis::sync {

using nlohmann::json;

std::map<std::string, DoctorFact> doctor_facts(const PortalState& s, const std::map<std::string, Date>& registered_on) {
    std::map<std::string, DoctorFact> out;
    std::map<std::string, std::vector<DateRange>> spans;
    for (const auto& [id, d] : s.doctors) {
        DoctorFact& f = out[id];
        f.municipality_id = d.municipality_id;
        if (const auto it = registered_on.find(id); it != registered_on.end()) f.registered_on = it->second;
        f.eligible_from = eligible_from(d.general_practice_start);
    }
    for (const auto& [id, a] : s.available_times) spans[a.doctor_id].push_back(a.range);
    for (auto& [doctor, ranges] : spans) {
        if (const auto it = out.find(doctor); it != out.end()) it->second.free_time = join_free_time(std::move(ranges));
    }
    for (const auto& [id, w] : s.wishes) {
        if (const auto it = out.find(w.doctor_id); it != out.end()) ++it->second.wishes;
    }
    for (const auto& [id, c] : s.candidates) {
        const auto it = out.find(c.doctor_id);
        if (it == out.end() || (!it->second.candidate_of.empty() && !it->second.struck)) continue;  // an unstruck entry wins
        it->second.candidate_of = c.municipality_id;
        it->second.struck = c.struck;
        it->second.struck_on = c.struck ? c.struck_on : std::nullopt;
    }
    return out;
}

std::map<std::string, OfferFact> offer_facts(const PortalState& s) {
    std::map<std::string, OfferFact> out;
    for (const auto& [id, o] : s.offers) {
        OfferFact& f = out[id];
        f.hospital_id = o.hospital_id;
        if (const Period* p = find_period(s, o.period_id)) f.department_id = p->department_id;
        if (const DoctorProfile* d = find_doctor(s, o.doctor_id)) f.municipality_id = d->municipality_id;
        f.offered_on = o.offered_on;
        f.status = to_string(o.status);
        f.answered_on = o.answered_on;
    }
    return out;
}

std::vector<DoctorFact> departed(const std::map<std::string, DoctorFact>& before, const PortalState& after, const Date& today) {
    std::vector<DoctorFact> out;
    for (const auto& [id, f] : before) {
        if (after.doctors.count(id)) continue;
        out.push_back(f);
        out.back().left_on = today;
    }
    return out;
}

std::vector<OfferFact> departed(const std::map<std::string, OfferFact>& before, const PortalState& after) {
    std::vector<OfferFact> out;
    for (const auto& [id, f] : before) {
        if (!after.offers.count(id)) out.push_back(f);
    }
    return out;
}

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(to_iso(*d)) : json(nullptr); }

std::optional<std::string> text(const json& j, const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::optional<Date> date(const json& j, const char* name) {
    const auto t = text(j, name);
    return t ? parse_iso(*t) : std::nullopt;
}

}  // namespace

void to_json(json& j, const DoctorFact& f) {
    json spans = json::array();
    for (const DateRange& r : f.free_time) spans.push_back({to_iso(r.start), to_iso(r.end)});
    j = {{"municipality_id", f.municipality_id}, {"registered_on", date_or_null(f.registered_on)},
         {"left_on", date_or_null(f.left_on)}, {"eligible_from", to_iso(f.eligible_from)}, {"free_time", spans},
         {"wishes", f.wishes}, {"candidate_of", f.candidate_of}, {"struck", f.struck}, {"struck_on", date_or_null(f.struck_on)}};
}

void to_json(json& j, const OfferFact& f) {
    j = {{"hospital_id", f.hospital_id}, {"department_id", f.department_id}, {"municipality_id", f.municipality_id},
         {"offered_on", to_iso(f.offered_on)}, {"status", f.status}, {"answered_on", date_or_null(f.answered_on)}};
}

// Bounded: a kept row holds at most kMaxSpans free-time spans; a row with more is not a fact.
constexpr std::size_t kMaxSpans = 1000;

std::optional<DoctorFact> doctor_fact_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    const auto eligible = date(j, "eligible_from");
    const auto spans = j.find("free_time");
    const auto wishes = j.find("wishes");
    if (!eligible || spans == j.end() || !spans->is_array() || spans->size() > kMaxSpans || wishes == j.end() ||
        !wishes->is_number_integer()) {
        return std::nullopt;
    }
    DoctorFact f;
    f.municipality_id = text(j, "municipality_id").value_or("");
    f.registered_on = date(j, "registered_on");
    f.left_on = date(j, "left_on");
    f.eligible_from = *eligible;
    for (const json& span : *spans) {
        if (!span.is_array() || span.size() != 2 || !span[0].is_string() || !span[1].is_string()) return std::nullopt;
        const auto a = parse_iso(span[0].get<std::string>()), b = parse_iso(span[1].get<std::string>());
        if (!a || !b) return std::nullopt;
        f.free_time.push_back({*a, *b});
    }
    f.wishes = wishes->get<int>();
    f.candidate_of = text(j, "candidate_of").value_or("");
    const auto struck = j.find("struck");
    f.struck = struck != j.end() && struck->is_boolean() && struck->get<bool>();
    f.struck_on = date(j, "struck_on");
    return f;
}

std::optional<OfferFact> offer_fact_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    const auto offered = date(j, "offered_on");
    const auto status = text(j, "status");
    if (!offered || !status) return std::nullopt;
    OfferFact f;
    f.hospital_id = text(j, "hospital_id").value_or("");
    f.department_id = text(j, "department_id").value_or("");
    f.municipality_id = text(j, "municipality_id").value_or("");
    f.offered_on = *offered;
    f.status = *status;
    f.answered_on = date(j, "answered_on");
    return f;
}

}  // namespace alis::sync
