#pragma once
// An accepted placement as a structured record for the hospital trust's own systems: its recruitment
// system (WebCruiter) and personnel portal, which take a file rather than a live link. A hospital
// downloads its accepted placements as JSON (for an import) or as CSV (Norwegian Excel, alis/csv.hpp).
// Only what hiring the GP for the service needs: who (name, HPR number, contact), where and when.
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct PlacementRecord {
    std::string offer_id;
    std::string period_id;
    std::string hospital;     // the trust's name
    std::string department;   // the department's name
    std::string specialty;
    DateRange service;        // the service the GP accepted
    std::optional<Date> accepted_on;
    std::string doctor_name;  // empty when the GP is not in the state (deleted meanwhile): never skipped
    std::string hpr_number;
    std::string email;
    std::string phone;
    std::string home_municipality;  // the GP's municipality, whose post they leave for the service
    std::string scheme;             // "new" (6 months) | "old" (12 months)

    bool operator==(const PlacementRecord&) const = default;
};

// The accepted offers of `hospital_id`'s periods, by the service's start, then the offer's id.
std::vector<PlacementRecord> placement_records(const PortalState& state, const std::string& hospital_id);

// {"format":"alis-placements","version":1,"hospital_id":…,"placements":[{…}]}; dates ISO 8601.
std::string placements_json(const std::vector<PlacementRecord>& records, const std::string& hospital_id);
// Tilbud-ID;Periode-ID;Helseforetak;Avdeling;Fagområde;Fra;Til;Godtatt;Navn;HPR-nummer;E-post;Telefon;Hjemkommune;Ordning
std::string placements_csv(const std::vector<PlacementRecord>& records);

}  // namespace alis::sync
