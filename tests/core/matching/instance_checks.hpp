#pragma once
// Checks shared by the solver tests: what a correct answer to a hospital/residents instance must hold,
// written straight from the definitions so they do not share code with the solver.
#include <cstdint>
#include <vector>

#include "alis/matching/solver.hpp"

namespace alis::matching::testing {

// Position of `x` in `list`, or -1.
int position(const std::vector<int>& list, int x);

bool acceptable(const Instance& in, int r, int h);
bool capacities_respected(const Instance& in, const std::vector<int>& m);
bool only_acceptable_pairs(const Instance& in, const std::vector<int>& m);
// A blocking pair: r and h rank each other, r is free or prefers h, and h has a free place or
// prefers r to someone it holds.
bool has_blocking_pair(const Instance& in, const std::vector<int>& m);
// Every matching that respects capacities and acceptability and has no blocking pair.
std::vector<std::vector<int>> all_stable_matchings(const Instance& in);

// A small generator with the same output on every platform (std distributions differ between
// libstdc++ and Emscripten's libc++).
struct Rng {
    uint64_t state;
    uint32_t next();
    int below(int n) { return static_cast<int>(next() % static_cast<uint32_t>(n)); }
};
// Random instance: each resident ranks a random subset of hospitals, each hospital ranks a random
// subset of residents, in random order; capacities 0..max_capacity. Dense instances have lists of all
// or all but one of the other side and capacities of at least 1, so several stable matchings are common.
Instance random_instance(Rng& rng, int residents, int hospitals, int max_capacity, bool dense = false);

}  // namespace alis::matching::testing
