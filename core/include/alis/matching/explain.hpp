#pragma once
// Why each GP got the period they got, or none. Explanations name periods, hospitals and ranks,
// never other candidates: a GP may not see who was preferred, only how far down the list a period
// admitted candidates.
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "alis/matching/derive.hpp"

namespace alis::matching {

struct ExplanationDetail {
    std::string period_id;  // empty for a detail about the GP, not about one period
    std::string rule;
    Text reason;
};

struct Explanation {
    std::string doctor_id;
    std::string period_id;  // empty when unmatched
    DateRange service;      // when matched
    std::string rule;       // matched | cannot_be_placed | no_feasible_period | filled_by_higher_ranked
                            // (a detail's rule is "tie" when only the order among equal scores decided)
    Text summary;        // to the GP ("Du er foreslått til …")
    Text summary_staff;  // the same for hospital and office staff, naming the GP ("Kari Nordmann er foreslått til …")
    std::vector<ExplanationDetail> details;
};

// `matched` is the solver's answer for lists.instance (a period index per doctor, or kUnmatched).
std::vector<Explanation> explain(const DerivedLists& lists, const std::vector<int>& matched, const Date& today);

// The whole answer of `alis-match domain`: rank lists, matching and explanations.
struct DomainMatch {
    DerivedLists lists;
    std::vector<int> matched;
    std::vector<Explanation> explanations;
};
DomainMatch match(const MatchingInput& input);
// "Likhet avgjort ved loddtrekning med frø 1234." for the office's view of a run.
Text lottery_note(uint64_t seed);

void to_json(nlohmann::json& j, const Explanation& e);
// {"matching":{doctor:period}, "unmatched":[doctor...], "explanations":[...], "rank_lists":{...}}
void to_json(nlohmann::json& j, const DomainMatch& m);

}  // namespace alis::matching
