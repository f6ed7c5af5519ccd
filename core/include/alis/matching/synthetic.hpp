#pragma once
// Synthetic but plausible regions (hospital trusts, departments, GPs with wishes and availability,
// published periods), generated from a seed with the same result on every platform. For benchmarks
// and property tests; never for real people.
#include <cstdint>

#include "alis/matching/input.hpp"
#include "alis/matching/solver.hpp"

namespace alis::matching {

struct RegionSize {
    int doctors = 500;
    int periods = 300;
    int hospitals = 10;
    int municipalities = 40;  // the first 18 are party to the agreement, as in Helse Bergen's area
    bool priority_list = true;  // whether ALIS-kontor Vest sent a regional list (of most GPs)
};

MatchingInput synthetic_region(const RegionSize& size, uint64_t seed);

// Explicit rank lists at NRMP scale: `residents` each rank about `ranks_per_resident` of `programs`
// programs (popular ones more often), programs hold `places` places in all and rank everyone who
// ranked them, in an order correlated with a common score.
Instance synthetic_rank_lists(int residents, int programs, int places, int ranks_per_resident, uint64_t seed);

}  // namespace alis::matching
