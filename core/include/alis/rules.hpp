#pragma once
// The scheme's rules as plain functions. Each verdict carries the reason a person reads.
#include <string>
#include <string_view>
#include <vector>

#include "alis/date.hpp"
#include "alis/domain.hpp"
#include "alis/text.hpp"

namespace alis {

struct Verdict {
    bool ok = false;
    std::string rule;  // stable machine name of the rule that decided
    Text reason;
};

// Free time: a GP's spans that overlap or touch (one ends the day before the next starts) are one
// stretch of free time, however the GP typed them in. Every rule reads the joined spans. Returns
// them sorted by start, none touching another; spans whose end is before their start are dropped.
// O(n log n), no recursion, for any number of spans.
std::vector<DateRange> join_free_time(std::vector<DateRange> spans);
// The joined spans as the GP reads them: "Sammenhengende ledig tid: 01.01.2027–31.12.2027."
Text describe_free_time(const std::vector<DateRange>& joined);

// Specialties come from the organisations (each department names its own); a wish and a period
// name the same specialty when they are equal after normalise_specialty: case folded (also Æ, Ø,
// Å and other Latin-1 letters), spaces at the ends removed and runs of spaces made one.
std::string normalise_specialty(std::string_view text);
// The region's specialties, one per normalised name, as the first department spelling it wrote it,
// in Norwegian alphabetical order: the list a wish is chosen from.
std::vector<std::string> specialty_list(const std::vector<const Organisation*>& departments);

// Rule 1: a GP may register for hospital service after at least 3 years in general practice.
constexpr int kGeneralPracticeMonthsRequired = 36;
Date eligible_from(const Date& general_practice_start);
Verdict eligibility(const DoctorProfile& doctor, const Date& on);

// Rule 2: at least 6 months of continuous service in one department (12 on the old scheme).
int required_service_months(Scheme scheme);
// The last day a service starting on `start` must reach to last `months` whole calendar months:
// the day before the same date `months` later (1 Feb + 6 months runs through 31 Jul; from 31 Aug,
// where February has no 31st, through the day before February's last day).
Date last_day_of_service(const Date& start, int months);
Verdict minimum_service(const DateRange& service, Scheme scheme);

// Rule 3: a published period with no match is released as an ordinary substitute post two calendar
// months after publication (published 31 Dec: released 28 or 29 Feb).
constexpr int kReleaseAfterMonths = 2;
Date release_date(const Date& published_on);
bool is_released(const Period& period, const Date& today);
// The day a released period went out as an ordinary substitute post: the day the job released it,
// or for a record from before that was kept, its release date.
Date released_day(const Period& period);
long days_until_release(const Period& period, const Date& today);  // negative once past

// Offers and rule 3: a pending offer is a match found, so it holds its period against the release
// until the GP declines it, the hospital withdraws it, or its answer deadline passes. The deadline
// is 14 days after the offer is made unless the hospital chooses another day, which must be from
// tomorrow up to the service's first day (a GP must have a day to answer, and must know before the
// service begins). The deadline day itself is still open; the offer lapses the day after.
constexpr int kAnswerDays = 14;
// 14 days after `offered_on`, or the service's first day when that comes sooner.
Date default_answer_deadline(const Date& offered_on, const Date& service_start);
// Rule "answer_deadline": a deadline the hospital may choose on `today` for a service from `service_start`.
Verdict answer_deadline(const Date& deadline, const Date& today, const Date& service_start);
bool answer_deadline_passed(const Date& deadline, const Date& today);  // today is after the deadline
// Rule "answer_deadline_passed": whether the GP may still answer on `today`; the reason names the day.
Verdict answer_in_time(const Date& deadline, const Date& today);

}  // namespace alis
