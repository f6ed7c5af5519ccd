#pragma once
// Everything the matching reads from the portal's records, and its JSON form for `alis-match domain`
// (documented in docs/matching.md):
//   {"today":"2026-11-22", "organisations":[...], "doctors":[...], "available_times":[...],
//    "wishes":[...], "periods":[...], "priority_list":["d3","d1"], "struck":["d7"], "placed":["d9"],
//    "held":["p2"], "weights":{...}, "municipal_lists":[["d2","d5"],["d1"]]}
// Records use the project's own JSON (domain.hpp); this file adds only the lists around them and the
// checks that span records (unknown or repeated ids).
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "alis/date.hpp"
#include "alis/domain.hpp"
#include "alis/matching/weights.hpp"
#include "alis/problem.hpp"

namespace alis::matching {

struct MatchingInput {
    Date today;  // services cannot start before today; the two-month release is judged on today
    std::vector<Organisation> organisations;
    std::vector<DoctorProfile> doctors;
    std::vector<AvailableTime> available_times;
    std::vector<Wish> wishes;
    std::vector<Period> periods;
    std::vector<std::string> priority_list;  // ALIS-kontor Vest's regional list, doctor ids, best first
    std::unordered_set<std::string> struck;  // struck from the municipal list (placed elsewhere)
    std::unordered_set<std::string> placed;  // already placed in a hospital service through the portal
    // Periods a pending offer holds against the two-month release (docs/matching.md, "Offers hold
    // the period"): past their release date they are still offered, not released.
    std::unordered_set<std::string> held;
    // Seeds the lottery that orders GPs whom every criterion leaves equal (docs/matching.md §2); 0
    // means the run's own seed, drawn from `today`. Recorded in the output, so a run can be re-run.
    uint64_t lottery_seed = 0;
    ScoreWeights weights;  // the office's stored weights (JSON "weights", optional): absent = defaults, version 0
    // Each municipality's own order of its candidates (doctor ids, best first; JSON "municipal_lists",
    // optional): a GP is on one list at most. Breaks ties after whole months, before the lottery.
    std::vector<std::vector<std::string>> municipal_lists;
};

// Every record through its own parse_* (problems prefixed "doctors[2].hpr_number" and so on), then
// the cross-record rules: unique ids, known doctor and organisation ids, a period's hospital a
// hospital trust and its department a department of that trust; `held` names periods.
std::optional<MatchingInput> parse_matching_input(const nlohmann::json& j, Problems& out);

// The same form; struck and placed come out sorted, so the output does not depend on hashing.
void to_json(nlohmann::json& j, const MatchingInput& in);

}  // namespace alis::matching
