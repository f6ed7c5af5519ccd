#pragma once
// The scheme's evaluation figures for a window of time, from the anonymous period facts
// (alis/sync/facts.hpp) alone, so a past window's figures do not change when personal data is
// deleted. One function: the office's screen, `alis-sync report` and the tests call it.
//
// A period counts in the window when it was published in it (both days included); its outcome is
// what became of it (matched, released by the two-month rule, withdrawn, still open). Figures about
// doctors (placements) by department or municipality are suppressed when they count 1 to 4 doctors,
// as official health statistics do, so no doctor can be recognised.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
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
};

// The windows the scheme is evaluated by [001]: its first 6, 12 and 18 months, the last calendar
// year and this year up to today.
enum class WindowPreset { first_6_months, first_12_months, first_18_months, last_year, this_year };
// nullopt for the first months while the scheme has not started (no scheme_start).
std::optional<EvaluationWindow> preset_window(WindowPreset preset, const std::optional<Date>& scheme_start, const Date& today);

// Figures for the periods published in the window. Facts with an unknown outcome count as open.
Evaluation evaluate(const std::vector<PeriodFact>& facts, const EvaluationWindow& window);

// The facts kept by the server (period_facts table) with those of the periods still in the state
// on top: the state's are newer where both have a period.
std::vector<PeriodFact> merge_facts(const std::vector<PeriodFact>& kept, const std::vector<PeriodFact>& current);

// A fact as the server keeps it (to_json's shape); nullopt when it is not one.
std::optional<PeriodFact> period_fact_from_json(const nlohmann::json& j);

}  // namespace alis::sync
