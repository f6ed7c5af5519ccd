#include "alis/sync/facts.hpp"

#include <nlohmann/json.hpp>

#include "alis/rules.hpp"

namespace alis::sync {

std::string reason_category(const std::string& reason) {
    const std::string text = normalise_specialty(reason);
    if (text.empty()) return "";
    const auto has = [&](const char* word) { return text.find(word) != std::string::npos; };
    if (has("foreldre")) return "parental_leave";
    if (has("syk")) return "illness";
    if (has("utdann") || has("kurs") || has("forskning")) return "education";
    if (has("permisjon")) return "leave";
    return "other";
}

Text reason_label(const std::string& category) {
    if (category == "parental_leave") return {"Foreldrepermisjon", "Foreldrepermisjon", "Parental leave"};
    if (category == "illness") return {"Sykdom", "Sjukdom", "Illness"};
    if (category == "education") return {"Utdanning eller kurs", "Utdanning eller kurs", "Education or courses"};
    if (category == "leave") return {"Annen permisjon", "Anna permisjon", "Other leave"};
    if (category.empty()) return {"(ikke oppgitt)", "(ikkje oppgitt)", "(not given)"};
    return {"Annet", "Anna", "Other"};
}

std::vector<PeriodFact> period_facts(const PortalState& s) {
    std::vector<PeriodFact> out;
    for (const auto& [id, p] : s.periods) {
        PeriodFact f;
        f.period_id = id;
        f.hospital_id = p.hospital_id;
        f.department_id = p.department_id;
        f.specialty = p.specialty;
        if (f.specialty.empty()) {
            if (const Organisation* d = find_organisation(s, p.department_id)) f.specialty = d->specialty;
        }
        f.places = p.places;
        f.published_on = p.published_on;
        f.reason = reason_category(p.reason);
        f.days = static_cast<int>(days_between(p.range.start, p.range.end) + 1);
        const Offer* first = nullptr;
        for (const auto& [oid, o] : s.offers) {
            if (o.period_id != id || o.status != OfferStatus::accepted || !o.answered_on) continue;
            if (!first || *o.answered_on < *first->answered_on) first = &o;
        }
        if (first) {
            f.outcome = "matched";
            f.matched_on = first->answered_on;
            f.days_to_match = days_between(p.published_on, *first->answered_on);
            if (const DoctorProfile* d = find_doctor(s, first->doctor_id)) f.municipality_id = d->municipality_id;
        } else if (p.status == PeriodStatus::released) {
            f.outcome = "released";
        } else if (p.status == PeriodStatus::withdrawn) {
            f.outcome = "withdrawn";
        } else {
            f.outcome = "open";
        }
        out.push_back(std::move(f));
    }
    return out;
}

void to_json(nlohmann::json& j, const PeriodFact& f) {
    j = {{"period_id", f.period_id}, {"hospital_id", f.hospital_id}, {"department_id", f.department_id},
         {"specialty", f.specialty}, {"places", f.places}, {"published_on", to_iso(f.published_on)},
         {"outcome", f.outcome}, {"matched_on", f.matched_on ? nlohmann::json(to_iso(*f.matched_on)) : nlohmann::json(nullptr)},
         {"days_to_match", f.days_to_match ? nlohmann::json(*f.days_to_match) : nlohmann::json(nullptr)},
         {"municipality_id", f.municipality_id}, {"reason", f.reason}, {"days", f.days}};
}

}  // namespace alis::sync
