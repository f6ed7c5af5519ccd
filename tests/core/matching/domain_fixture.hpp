#pragma once
// A small region to test feasibility, ranking and explanations against: one hospital trust with a
// medical and a psychiatric department, one municipality party to the agreement and one not.
#include <string>

#include "alis/matching/input.hpp"

namespace alis::matching::testing {

inline MatchingInput small_region() {
    MatchingInput in;
    in.today = {2026, 11, 22};
    in.organisations = {
        {"hb", OrganisationKind::hospital_trust, "Helse Bergen", "", "", false},
        {"hb-med", OrganisationKind::department, "Medisinsk avdeling", "hb", "indremedisin", false},
        {"hb-psy", OrganisationKind::department, "Psykiatrisk klinikk", "hb", "psykiatri", false},
        {"askoy", OrganisationKind::municipality, "Askøy kommune", "", "", true},
        {"osteroy", OrganisationKind::municipality, "Osterøy kommune", "", "", false},
    };
    return in;
}

inline DoctorProfile doctor(const std::string& id, Date general_practice_start, const std::string& municipality = "askoy") {
    DoctorProfile d;
    d.id = id;
    d.name = "Lege " + id;
    d.hpr_number = "1234567";
    d.municipality_id = municipality;
    d.general_practice_start = general_practice_start;
    return d;
}

inline Period period(const std::string& id, const std::string& department, DateRange range, int places = 1) {
    Period p;
    p.id = id;
    p.hospital_id = "hb";
    p.department_id = department;
    p.range = range;
    p.places = places;
    p.published_on = {2026, 11, 1};
    return p;
}

inline Wish wish(const std::string& id, const std::string& doctor_id, int rank, const std::string& department) {
    Wish w;
    w.id = id;
    w.doctor_id = doctor_id;
    w.rank = rank;
    w.hospital_id = "hb";
    w.department_id = department;
    return w;
}

inline AvailableTime available(const std::string& doctor_id, DateRange range) {
    return {"a-" + doctor_id + "-" + to_iso(range.start), doctor_id, range};
}

}  // namespace alis::matching::testing
