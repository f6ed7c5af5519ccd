#pragma once
// Whether one GP and one published period can be matched, and if not, the reason a person reads.
// The scheme's rules themselves (eligibility, minimum service) live in alis/rules.hpp; this file only
// decides which dates they are asked about.
#include <cstdint>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/domain.hpp"
#include "alis/rules.hpp"
#include "alis/text.hpp"

namespace alis::matching {

// What feasibility needs to know about one GP, gathered from the input's records.
struct DoctorSituation {
    const DoctorProfile* profile = nullptr;
    std::vector<const Wish*> wishes;  // best rank first
    std::vector<DateRange> available;  // free time joined (rules.hpp: join_free_time), earliest first
    bool struck = false;
    bool placed = false;
};

// A period with the names and specialty a reason needs (specialty falls back to the department's).
struct PeriodPlace {
    const Period* period = nullptr;
    std::string specialty;
    std::string hospital_name;
    std::string department_name;
    bool held = false;  // a pending offer holds it against the two-month release (MatchingInput::held)
};

// Why a pair is refused, in the order the checks run; later outcomes explain more.
enum class Outcome : uint8_t {
    feasible,
    struck_from_list,
    already_placed,
    not_published,
    released,
    period_over,
    not_wished,
    no_available_time,
    general_practice_3_years,
    minimum_service,
};
std::string rule_name(Outcome outcome);  // the stable machine name, e.g. "minimum_service"

// The verdict without its sentence: derivation checks many pairs and words few of them.
struct PairCheck {
    Outcome outcome = Outcome::not_wished;
    int wish_rank = 0;  // feasible: the best-ranked wish the period fulfils
    DateRange window;   // feasible: the days the GP can serve; minimum_service: the best window found;
                        // general_practice_3_years: the window the GP was not yet eligible for
    bool ok() const { return outcome == Outcome::feasible; }
};

struct Feasibility {
    bool ok = false;
    std::string rule;   // "feasible", or rule_name of the refusal
    Text reason;
    int wish_rank = 0;
    DateRange service;
};

// Whom a sentence speaks to: the GP ("Du er …") or hospital and office staff, about the GP by name
// ("Kari Nordmann er …").
enum class Voice : uint8_t { gp, staff };

// The one test of a GP and a span of service, used by the matching (for each window it tries), by
// making an offer and by accepting one: not struck from the list, not already placed, eligible (3
// years in general practice) on the first day of service, and the minimum service for the GP's
// scheme (rules.hpp) within the span. Outcome feasible, struck_from_list, already_placed,
// general_practice_3_years or minimum_service; window is the span.
PairCheck check_service(const DoctorSituation& doctor, const DateRange& service);
// check_service with the sentence for its outcome, as a Verdict whose rule is rule_name(outcome).
Verdict service_verdict(const DoctorSituation& doctor, const DateRange& service, Voice voice);

// Offered: published, not yet released under the two-month rule (a period `held` by a pending offer
// is not released on its release date), and not over by `today`.
Verdict offered(const Period& period, const Date& today, bool held = false);
// Struck from the municipal list or already placed: nothing can be offered.
Verdict can_be_placed(const DoctorSituation& doctor);
// The same refusal for hospital and office staff, naming the GP.
Text can_be_placed_staff(const DoctorSituation& doctor);
// Each place the wish names (hospital, department, specialty) is the period's; a wish naming none
// covers nothing.
bool wish_covers(const Wish& wish, const PeriodPlace& place);
// Whole calendar months from range.start that fit in the range (same counting as the service rule).
int whole_months(const DateRange& range, int at_most);

// Checks, in order: the GP can be placed, the period is offered, a wish covers the period's hospital
// and department or specialty, and for some covering wish and some available time the overlap with
// the period (from today, within the wish's dates) holds the minimum continuous service from a day on
// which the GP is eligible. The first such window, for the best-ranked wish, is the service. When no
// window works, the outcome is the one from the window that got furthest through those checks.
PairCheck check_pair(const DoctorSituation& doctor, const PeriodPlace& place, const Date& today);
// The time checks of check_pair alone, for derivation, which has already checked the GP and the
// period, found the wishes that cover the period (best rank first), and computed per GP
// eligible_from(general_practice_start) and required_service_months(scheme).
PairCheck check_windows(const std::vector<const Wish*>& covering, const std::vector<DateRange>& available,
                        const DateRange& period, const Date& today, const Date& eligible_on, int months);
// The sentence for a check (nb, nn, en).
Text describe(const PairCheck& check, const DoctorSituation& doctor, const PeriodPlace& place, const Date& today);
// The smallest change the GP can make for a refused pair with one fixable cause: a stretch of free
// time to add (it joins the GP's own: "Hvis den ledige tiden din varer til 31.08.2027, passer
// perioden") or a wish to add ("Legg til et ønske om Medisinsk avdeling, Helse Bergen"). Offered only
// when check_pair with the change applied finds the pair feasible; otherwise kind is none. Rules
// the GP cannot change (struck, placed, released, the 3 years) get none.
struct Suggestion {
    enum class Kind : uint8_t { none, free_time, wish };
    Kind kind = Kind::none;
    DateRange free_time;  // free_time: the span to add
    Wish wish;            // wish: the wish to add (hospital and department of the period, ranked last)
    Text text;
};
Suggestion suggest(const PairCheck& check, const DoctorSituation& doctor, const PeriodPlace& place, const Date& today);

// check_pair and describe together.
Feasibility assess(const DoctorSituation& doctor, const PeriodPlace& place, const Date& today);

}  // namespace alis::matching
