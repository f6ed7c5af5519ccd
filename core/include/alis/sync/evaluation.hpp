#pragma once
// The scheme's evaluation figures for a window of time, from the anonymous period facts
// (alis/sync/facts.hpp) alone, so a past window's figures do not change when personal data is
// deleted. One function: the office's screen, `alis-sync report` and the tests call it.
//
// A period counts in the window when it was published in it (both days included); its outcome is
// what became of it (matched, released by the two-month rule, withdrawn, still open). Figures about
// doctors (placements) by department or municipality are suppressed when they count 1 to 4 doctors,
// as official health statistics do, so no doctor can be recognised.
//
// GPs (alis/sync/doctor_facts.hpp) in a window [from, to]:
// - registered: registered on or before `to` (a profile from before the server recorded the day
//   counts as registered before any window) and not deleted before `from`;
// - newly registered: registered on a day in the window;
// - with free time and wishes: registered, at least one wish, and free time on some day of the window
//   (as the profile last had them: today's for a GP still here, the last ones for a deleted one);
// - eligible: registered and meeting rule 1 (alis/rules.hpp: eligibility) by `to`;
// - candidates: registered and on a municipality's list on some day of the window (not struck before
//   `from`; an entry struck without a day is not counted); struck: struck on a day in the window;
// - left: deleted on a day in the window.
// Offers count when they were made in the window, by their status today (or when they were deleted).
// Periods by reason count like the others (published in the window); their months are the periods'
// lengths in days over 365.25 / 12.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/doctor_facts.hpp"
#include "alis/sync/facts.hpp"

namespace alis::sync {

inline constexpr int kSmallestShownCell = 5;  // 1..4 doctors: not shown by department or municipality

struct EvaluationWindow {
    Date from;
    Date to;  // included
};

// A count that may be withheld: `shown` is false when 1..4 doctors would be told apart.
struct Cell {
    int value = 0;
    bool shown = true;
};

struct OutcomeCounts {
    int periods = 0;
    int places = 0;
    int matched = 0;
    int released = 0;
    int withdrawn = 0;
    int open = 0;
};

struct DaysToMatch {
    int count = 0;
    std::optional<double> median, lower_quartile, upper_quartile;
    // Matched within 0-14, 15-30, 31-60 and more than 60 days of publication.
    int within_14 = 0, within_30 = 0, within_60 = 0, later = 0;
};

struct DoctorCounts {
    int registered = 0;
    int newly_registered = 0;
    int with_free_time_and_wishes = 0;
    int eligible = 0;
    int candidates = 0;
    int struck = 0;
    int left = 0;
};

struct OfferCounts {
    int made = 0;
    int accepted = 0;
    int declined = 0;
    int withdrawn = 0;
    int lapsed = 0;  // the answer deadline passed unanswered
    int pending = 0;
};

struct ReasonCounts {
    int periods = 0;
    int places = 0;
    double months = 0;
};

// A municipality's GPs, its candidates and its GPs placed (periods in the window matched with one of
// them), each withheld when 1..4; the share placed / candidates only when both are shown and there
// are candidates.
struct MunicipalityFigures {
    Cell gps;
    Cell candidates;
    Cell placed;
    std::optional<double> placed_share;
};

struct Evaluation {
    EvaluationWindow window;
    // The first publication of any period the facts know: where the scheme's first 6, 12 and 18
    // months start (preset_window). Empty while nothing was ever published.
    std::optional<Date> scheme_start;
    OutcomeCounts total;
    DaysToMatch days_to_match;
    std::map<std::string, OutcomeCounts> by_hospital;    // hospital id
    // Matched periods (the fact keeps the first accepted offer: one doctor each), suppressed when 1..4;
    // a department's other counts are not given, as its matched count would tell the withheld one.
    std::map<std::string, Cell> placed_by_department;
    std::map<std::string, Cell> placed_by_municipality;  // by the placed doctor's municipality
    std::map<std::string, OutcomeCounts> by_month;       // "YYYY-MM" of publication
    double months = 0;  // the window's periods' lengths in months
    std::map<std::string, ReasonCounts> by_reason;       // the period's reason; "" when none was given
    DoctorCounts doctors;
    OfferCounts offers;
    std::map<std::string, OfferCounts> offers_by_hospital;
    // Offers made by the offered period's department, withheld when 1..4 (an offer goes to one
    // doctor), and all offers by the month they were made ("YYYY-MM").
    std::map<std::string, Cell> offers_by_department;
    std::map<std::string, OfferCounts> offers_by_month;
    std::map<std::string, MunicipalityFigures> by_municipality;  // the GPs' municipality
};

// Every fact the evaluation reads: the server's kept ones merged with the state's (merge).
struct EvaluationFacts {
    std::vector<PeriodFact> periods;
    std::vector<DoctorFact> doctors;
    std::vector<OfferFact> offers;
};

// Whose part of the figures: the whole region (the ALIS office), one hospital trust (its periods and
// the offers it made; no GP counts, as it has no GPs of its own) or one municipality (its GPs, its
// candidates, the offers to its GPs and the periods its GPs were placed in).
struct EvaluationScope {
    enum class Kind { region, hospital, municipality };
    Kind kind = Kind::region;
    std::string organisation_id;
};

// The facts that belong to the scope's organisation: the cut every hospital's and municipality's
// figures are made from, so one never sees another's.
EvaluationFacts facts_of(const EvaluationFacts& facts, const EvaluationScope& scope);

// The windows the scheme is evaluated by [001]: its first 6, 12 and 18 months, the last calendar
// year and this year up to today.
enum class WindowPreset { first_6_months, first_12_months, first_18_months, last_year, this_year };
// nullopt for the first months while the scheme has not started (no scheme_start).
std::optional<EvaluationWindow> preset_window(WindowPreset preset, const std::optional<Date>& scheme_start, const Date& today);

// Figures for the periods published in the window. Facts with an unknown outcome count as open.
Evaluation evaluate(const std::vector<PeriodFact>& facts, const EvaluationWindow& window);
// Every figure for the scope's part (facts_of); scheme_start is the region's, so the preset windows
// are the same for everyone.
Evaluation evaluate(const EvaluationFacts& facts, const EvaluationWindow& window, const EvaluationScope& scope = {});

// The facts kept by the server (period_facts table) with those of the periods still in the state
// on top: the state's are newer where both have a period, except that a match stays a match (a
// period reopens when its placed GP is deleted; the evaluation still counts the placement).
std::vector<PeriodFact> merge_facts(const std::vector<PeriodFact>& kept, const std::vector<PeriodFact>& current);
// Periods as merge_facts; the kept doctors and offers (those deleted) with the state's (those here).
EvaluationFacts merge(const EvaluationFacts& kept, const EvaluationFacts& current);

// A fact as the server keeps it (to_json's shape); nullopt when it is not one.
std::optional<PeriodFact> period_fact_from_json(const nlohmann::json& j);

// "YYYY-MM": the key of the figures by month.
std::string year_month(const Date& d);

}  // namespace alis::sync
