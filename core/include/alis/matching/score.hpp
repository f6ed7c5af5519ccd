#pragma once
// The priority score a period uses to rank candidates when ALIS-kontor Vest has not sent a regional
// priority list (or for candidates not on it). Built from the criteria of the agreement's §6.1, in
// its order of importance; docs/matching.md gives the formula and why each weight is what it is.
#include "alis/date.hpp"
#include "alis/domain.hpp"

namespace alis::matching {

struct PriorityScore {
    int general_practice = 0;  // years in general practice: 20 per whole year, at most 5 years (100)
    int specialization = 0;    // learning objectives fulfilled or months in the specialization (100)
    int courses = 0;           // mandatory and module courses, 2-year guidance group (100)
    int agreement = 0;         // employed in a municipality that is party to the agreement (100)
    int sector = 0;            // municipal sector (50)

    int total() const { return general_practice + specialization + courses + agreement + sector; }
};

// Whole calendar months from `from` to `to` (0 when `to` is earlier).
int whole_months_between(const Date& from, const Date& to);

PriorityScore priority_score(const DoctorProfile& doctor, bool municipality_party_to_agreement, const Date& today);

}  // namespace alis::matching
