#include "alis/sync/placement_export.hpp"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "alis/csv.hpp"

namespace alis::sync {

namespace {

std::string name_of(const PortalState& state, const std::string& id) {
    const Organisation* o = find_organisation(state, id);
    return o ? o->name : "";
}

}  // namespace

std::vector<PlacementRecord> placement_records(const PortalState& state, const std::string& hospital_id) {
    std::vector<PlacementRecord> out;
    for (const auto& [id, offer] : state.offers) {
        if (offer.status != OfferStatus::accepted || offer.hospital_id != hospital_id) continue;
        PlacementRecord r;
        r.offer_id = offer.id;
        r.period_id = offer.period_id;
        r.hospital = name_of(state, offer.hospital_id);
        if (const Period* p = find_period(state, offer.period_id)) {
            r.department = name_of(state, p->department_id);
            r.specialty = p->specialty;
        }
        r.service = offer.range;
        r.accepted_on = offer.answered_on;
        if (const DoctorProfile* d = find_doctor(state, offer.doctor_id)) {
            r.doctor_name = d->name;
            r.hpr_number = d->hpr_number;
            r.email = d->email;
            r.phone = d->phone;
            r.home_municipality = name_of(state, d->municipality_id);
            r.scheme = d->scheme == Scheme::old_scheme ? "old" : "new";
        }
        out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const PlacementRecord& a, const PlacementRecord& b) {
        return std::tie(a.service.start, a.offer_id) < std::tie(b.service.start, b.offer_id);
    });
    return out;
}

std::string placements_json(const std::vector<PlacementRecord>& records, const std::string& hospital_id) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : records) {
        list.push_back({{"offer_id", r.offer_id},
                        {"period_id", r.period_id},
                        {"hospital", r.hospital},
                        {"department", r.department},
                        {"specialty", r.specialty},
                        {"start", to_iso(r.service.start)},
                        {"end", to_iso(r.service.end)},
                        {"accepted_on", r.accepted_on ? nlohmann::json(to_iso(*r.accepted_on)) : nlohmann::json()},
                        {"doctor", {{"name", r.doctor_name},
                                    {"hpr_number", r.hpr_number},
                                    {"email", r.email},
                                    {"phone", r.phone},
                                    {"home_municipality", r.home_municipality},
                                    {"scheme", r.scheme}}}});
    }
    const nlohmann::json doc = {{"format", "alis-placements"}, {"version", 1}, {"hospital_id", hospital_id}, {"placements", list}};
    return doc.dump(2) + "\n";
}

std::string placements_csv(const std::vector<PlacementRecord>& records) {
    std::string out = std::string(kCsvBom) + csv_row({"Tilbud-ID", "Periode-ID", "Helseforetak", "Avdeling", "Fagområde", "Fra", "Til",
                                                      "Godtatt", "Navn", "HPR-nummer", "E-post", "Telefon", "Hjemkommune", "Ordning"});
    for (const auto& r : records) {
        const std::string scheme = r.scheme == "old" ? "Gammel (12 måneder)" : r.scheme == "new" ? "Ny (6 måneder)" : "";
        out += csv_row({r.offer_id, r.period_id, r.hospital, r.department, r.specialty, to_norwegian(r.service.start),
                        to_norwegian(r.service.end), r.accepted_on ? to_norwegian(*r.accepted_on) : "", r.doctor_name, r.hpr_number,
                        r.email, r.phone, r.home_municipality, scheme});
    }
    return out;
}

}  // namespace alis::sync
