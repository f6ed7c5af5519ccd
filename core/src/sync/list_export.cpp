#include "alis/sync/list_export.hpp"

#include <algorithm>
#include <vector>

#include "alis/csv.hpp"

namespace alis::sync {

namespace {

std::string organisation_name(const PortalState& state, const std::string& id) {
    const Organisation* o = find_organisation(state, id);
    return o ? o->name : id;
}

}  // namespace

std::string candidate_list_csv(const PortalState& state, const std::string& municipality_id) {
    std::vector<const Candidate*> list;
    for (const auto& [id, c] : state.candidates) {
        if (c.municipality_id == municipality_id) list.push_back(&c);
    }
    std::stable_sort(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) { return a->position < b->position; });
    std::string out = std::string(kCsvBom) + csv_row({"Prioritet", "Navn", "HPR-nummer", "Ønsket tjeneste", "Utdanningsplan", "Søknad",
                                                      "Strøket", "Grunn", "Strøket dato"});
    for (const Candidate* c : list) {
        const DoctorProfile* d = find_doctor(state, c->doctor_id);
        out += csv_row({std::to_string(c->position), d ? d->name : "", d ? d->hpr_number : "", c->wished_service, c->education_plan,
                        c->application_text, c->struck ? "Ja" : "Nei", c->struck_reason, c->struck_on ? to_norwegian(*c->struck_on) : ""});
    }
    return out;
}

std::string regional_list_csv(const PortalState& state) {
    std::string out = std::string(kCsvBom) + csv_row({"Prioritet", "Navn", "HPR-nummer", "Kommune", "Allmennpraksis fra", "Ordning"});
    const auto it = state.regional_lists.find(kRegionalListId);
    if (it == state.regional_lists.end()) return out;
    int position = 0;
    for (const std::string& doctor_id : it->second.doctor_ids) {
        const DoctorProfile* d = find_doctor(state, doctor_id);
        ++position;
        if (!d) {
            out += csv_row({std::to_string(position), "", "", "", "", ""});
            continue;
        }
        out += csv_row({std::to_string(position), d->name, d->hpr_number, organisation_name(state, d->municipality_id),
                        to_norwegian(d->general_practice_start), d->scheme == Scheme::old_scheme ? "Gammel (12 måneder)" : "Ny (6 måneder)"});
    }
    return out;
}

}  // namespace alis::sync
