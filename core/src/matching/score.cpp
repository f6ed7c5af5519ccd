#include "alis/matching/score.hpp"

#include <algorithm>

namespace alis::matching {

int whole_months_between(const Date& from, const Date& to) {
    if (to < from) return 0;
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    // add_months clamps to month ends, so compare with it rather than with day numbers.
    if (add_months(from, months) > to) --months;
    return std::max(months, 0);
}

PriorityScore priority_score(const DoctorProfile& d, bool party, const Date& today) {
    PriorityScore s;
    s.general_practice = 20 * std::min(whole_months_between(d.general_practice_start, today) / 12, 5);
    // "Number of learning objectives fulfilled and/or length of service in the specialization": the
    // better of the two counts, so a candidate is not punished for reporting only one of them.
    const int by_objectives = std::min(d.learning_objectives_fulfilled, 100);
    const int months_in = d.alis_start ? whole_months_between(*d.alis_start, today) : 0;
    const int by_length = std::min(months_in * 100 / 60, 100);  // the specialization is planned over 5 years
    s.specialization = std::max(by_objectives, by_length);
    s.courses = std::min(d.mandatory_courses, 7) * 5 + std::min(d.module_courses, 5) * 5 + (d.guidance_group ? 40 : 0);
    s.courses = std::min(s.courses, 100);
    s.agreement = party ? 100 : 0;
    s.sector = d.sector == Sector::municipal ? 50 : 0;
    return s;
}

}  // namespace alis::matching
