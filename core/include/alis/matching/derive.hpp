#pragma once
// From the portal's records to rank lists: each GP's feasible periods in the GP's order, each
// period's candidates in the period's order, and why each period a GP wished for is not feasible.
// Residents of the solver's Instance are the input's doctors and hospitals its periods, both in
// input order; a period that is not offered has no places and empty lists.
#include <cstddef>
#include <vector>

#include "alis/matching/feasibility.hpp"
#include "alis/matching/input.hpp"
#include "alis/matching/score.hpp"
#include "alis/matching/solver.hpp"

namespace alis::matching {

struct PeriodOption {
    size_t period = 0;
    int wish_rank = 0;
    DateRange service;
};

struct PairRefusal {
    size_t period = 0;
    PairCheck check;  // worded only when explained (describe), as most refusals never are
};

struct DerivedLists {
    std::vector<DoctorSituation> doctors;  // input order; points into the MatchingInput
    std::vector<PeriodPlace> periods;      // input order
    std::vector<bool> offered;             // per period
    std::vector<Verdict> placeable;        // per doctor: can_be_placed
    std::vector<PriorityScore> scores;     // per doctor
    std::vector<int> priority_position;    // per doctor: place on the regional list, or -1
    std::vector<std::vector<PeriodOption>> options;  // per doctor, the GP's rank order
    std::vector<std::vector<PairRefusal>> refusals;  // per doctor: periods a wish covers, not feasible (unordered)
    std::vector<std::vector<size_t>> candidates;     // per period, the period's rank order of doctors
    std::vector<int> general_practice_months;        // per doctor: whole months in general practice (finer than years)
    uint64_t lottery_seed = 0;                       // the seed this run used (never 0)
    std::vector<uint64_t> lottery;                   // per doctor: the draw, lower first, in each municipal list's order
    std::vector<int> municipal_list;                 // per doctor: index of the municipal list the GP is on, or -1
    ScoreWeights weights;                            // the weights the scores used (their version is reported)
    size_t offered_count = 0;
    Instance instance;
};

// The seed a run uses: input.lottery_seed, or when 0 one drawn from today (the same all day, on
// every platform). A doctor's draw depends only on the seed and the doctor's id.
uint64_t lottery_seed_for(const MatchingInput& input);
uint64_t lottery_draw(uint64_t seed, const std::string& doctor_id);

// GP order: wish rank, then earlier start of service, then period id. Period order: place on the
// regional priority list (listed candidates first), then priority score (higher first, by the
// input's weights), then more whole months in general practice, then the municipality's own order
// (for GPs on one municipal list), then the lottery draw, then doctor id. The returned lists point into `input`, which must outlive them.
DerivedLists derive(const MatchingInput& input);

}  // namespace alis::matching
