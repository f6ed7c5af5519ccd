#pragma once
// The hospital/residents problem with capacities, solved by resident-proposing deferred acceptance
// (Gale and Shapley 1962; Roth and Peranson 1999 for the NRMP). Residents and hospitals are dense
// indices here; the id-based layers (rank_lists.hpp, derive.hpp) map names to indices and back.
#include <vector>

#include "alis/problem.hpp"

namespace alis::matching {

constexpr int kUnmatched = -1;

struct Instance {
    std::vector<std::vector<int>> resident_ranks;  // resident -> hospitals, most wanted first
    std::vector<std::vector<int>> hospital_ranks;  // hospital -> residents, most wanted first
    std::vector<int> capacity;                     // hospital -> number of places
};

// Index out of range, a repeated entry in one list, a negative capacity or mismatched sizes: each is
// one Problem naming the list and position ("residents[3].ranks[1]").
Problems validate(const Instance& instance);

// The resident-optimal stable matching: hospital index per resident, or kUnmatched. A pair can be
// matched only when each side ranks the other. Deterministic, and O(total length of all rank lists).
// Precondition: validate(instance) is empty.
std::vector<int> solve(const Instance& instance);

}  // namespace alis::matching
