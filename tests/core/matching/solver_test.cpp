// Deferred acceptance on textbook instances with known answers, and on random instances checked
// against the definitions of stability and resident-optimality.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "alis/matching/solver.hpp"
#include "instance_checks.hpp"

using namespace alis::matching;
using namespace alis::matching::testing;

TEST_CASE("three residents who each come first somewhere get their first choice, not the hospitals'") {
    // Gale and Shapley's cyclic example: residents propose, so each gets hospital i although every
    // hospital ranks resident i last; the hospital-optimal matching would be the opposite.
    Instance in{{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}, {{1, 2, 0}, {2, 0, 1}, {0, 1, 2}}, {1, 1, 1}};
    CHECK(solve(in) == std::vector<int>{0, 1, 2});
    CHECK(all_stable_matchings(in).size() == 3);
}

TEST_CASE("a hospital with two places keeps the two it ranks highest among those who apply") {
    // A (2 places) ranks r3 r4 r1 r2; B (1 place) ranks r2 r1 r4. Traced by hand: r1 is displaced
    // from A by r4 and is then refused by B, which holds r2.
    Instance in{{{0, 1}, {0, 1}, {0}, {1, 0}}, {{2, 3, 0, 1}, {1, 0, 3}}, {2, 1}};
    CHECK(solve(in) == std::vector<int>{kUnmatched, 1, 0, 0});
}

TEST_CASE("a pair is matched only when each side ranks the other") {
    // r0 wants only h0, which does not rank r0; h1 ranks r0 but r0 never asked.
    Instance in{{{0}, {0}}, {{1}, {0}}, {1, 1}};
    CHECK(solve(in) == std::vector<int>{kUnmatched, 0});
}

TEST_CASE("a hospital with no places takes nobody") {
    Instance in{{{0, 1}}, {{0}, {0}}, {0, 1}};
    CHECK(solve(in) == std::vector<int>{1});
}

TEST_CASE("an empty instance has an empty matching") {
    CHECK(solve(Instance{}).empty());
}

TEST_CASE("validation names the list and position of each bad entry") {
    Instance in{{{0, 0}, {5}}, {{1, -1}}, {-2}};
    const auto problems = validate(in);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].field == "hospitals[0].capacity");
    CHECK(problems[1].field == "residents[0].ranks[1]");
    CHECK(problems[1].rule == "ranked_twice");
    CHECK(problems[2].field == "residents[1].ranks[0]");
    CHECK(problems[2].rule == "unknown_entry");
    CHECK(problems[3].field == "hospitals[0].ranks[1]");
}

TEST_CASE("on 1,000 small random instances the result is the resident-optimal stable matching") {
    Rng rng{0x5eed1234abcdULL};
    int instances_with_several_stable = 0;
    for (int t = 0; t < 1000; ++t) {
        // Separate statements: the order in which function arguments are evaluated differs between
        // compilers, and the instances must be the same natively and in WebAssembly.
        const int residents = 1 + rng.below(6);
        const int hospitals = 1 + rng.below(6);
        const Instance in = random_instance(rng, residents, hospitals, 2, t % 2 == 0);
        REQUIRE(validate(in).empty());
        const auto m = solve(in);
        REQUIRE(m.size() == in.resident_ranks.size());
        CHECK(capacities_respected(in, m));
        CHECK(only_acceptable_pairs(in, m));
        CHECK_FALSE(has_blocking_pair(in, m));
        const auto stable = all_stable_matchings(in);
        REQUIRE(std::find(stable.begin(), stable.end(), m) != stable.end());
        if (stable.size() > 1) ++instances_with_several_stable;
        // Resident-optimal: no resident does better in any stable matching.
        for (const auto& other : stable) {
            for (size_t r = 0; r < m.size(); ++r) {
                const auto& prefs = in.resident_ranks[r];
                const auto rank = [&](int h) { return h == kUnmatched ? static_cast<int>(prefs.size()) : position(prefs, h); };
                CHECK(rank(m[r]) <= rank(other[r]));
            }
        }
    }
    // The optimality check means something only if some instances have a choice to make.
    CHECK(instances_with_several_stable > 10);
    MESSAGE("instances with more than one stable matching: " << instances_with_several_stable);
}

TEST_CASE("on 1,000 larger random instances the matching is stable, within capacity and acceptable") {
    Rng rng{0xa115ULL};
    for (int t = 0; t < 1000; ++t) {
        const int residents = 1 + rng.below(40);
        const int hospitals = 1 + rng.below(15);
        const Instance in = random_instance(rng, residents, hospitals, 3);
        const auto m = solve(in);
        CHECK(capacities_respected(in, m));
        CHECK(only_acceptable_pairs(in, m));
        CHECK_FALSE(has_blocking_pair(in, m));
    }
}

TEST_CASE("relabelling residents and hospitals gives the same matching") {
    Rng rng{0x0dde12ULL};
    for (int t = 0; t < 1000; ++t) {
        const int residents = 1 + rng.below(20);
        const int hospitals = 1 + rng.below(10);
        const Instance in = random_instance(rng, residents, hospitals, 3);
        std::vector<int> rp(static_cast<size_t>(residents)), hp(static_cast<size_t>(hospitals));
        std::iota(rp.begin(), rp.end(), 0);
        std::iota(hp.begin(), hp.end(), 0);
        for (int i = residents - 1; i > 0; --i) std::swap(rp[static_cast<size_t>(i)], rp[static_cast<size_t>(rng.below(i + 1))]);
        for (int i = hospitals - 1; i > 0; --i) std::swap(hp[static_cast<size_t>(i)], hp[static_cast<size_t>(rng.below(i + 1))]);
        // Resident r becomes rp[r], hospital h becomes hp[h]; lists keep their order of preference.
        Instance shuffled;
        shuffled.resident_ranks.resize(static_cast<size_t>(residents));
        shuffled.hospital_ranks.resize(static_cast<size_t>(hospitals));
        shuffled.capacity.resize(static_cast<size_t>(hospitals));
        for (int r = 0; r < residents; ++r)
            for (int h : in.resident_ranks[static_cast<size_t>(r)])
                shuffled.resident_ranks[static_cast<size_t>(rp[static_cast<size_t>(r)])].push_back(hp[static_cast<size_t>(h)]);
        for (int h = 0; h < hospitals; ++h) {
            shuffled.capacity[static_cast<size_t>(hp[static_cast<size_t>(h)])] = in.capacity[static_cast<size_t>(h)];
            for (int r : in.hospital_ranks[static_cast<size_t>(h)])
                shuffled.hospital_ranks[static_cast<size_t>(hp[static_cast<size_t>(h)])].push_back(rp[static_cast<size_t>(r)]);
        }
        const auto m = solve(in);
        const auto ms = solve(shuffled);
        for (int r = 0; r < residents; ++r) {
            const int h = m[static_cast<size_t>(r)];
            CHECK(ms[static_cast<size_t>(rp[static_cast<size_t>(r)])] == (h == kUnmatched ? kUnmatched : hp[static_cast<size_t>(h)]));
        }
    }
}
