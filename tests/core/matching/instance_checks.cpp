#include "instance_checks.hpp"

#include <algorithm>
#include <numeric>

namespace alis::matching::testing {

int position(const std::vector<int>& list, int x) {
    const auto it = std::find(list.begin(), list.end(), x);
    return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

bool acceptable(const Instance& in, int r, int h) {
    return position(in.resident_ranks[static_cast<size_t>(r)], h) >= 0 &&
           position(in.hospital_ranks[static_cast<size_t>(h)], r) >= 0;
}

bool capacities_respected(const Instance& in, const std::vector<int>& m) {
    std::vector<int> used(in.capacity.size(), 0);
    for (int h : m)
        if (h != kUnmatched) ++used[static_cast<size_t>(h)];
    for (size_t h = 0; h < used.size(); ++h)
        if (used[h] > in.capacity[h]) return false;
    return true;
}

bool only_acceptable_pairs(const Instance& in, const std::vector<int>& m) {
    for (size_t r = 0; r < m.size(); ++r)
        if (m[r] != kUnmatched && !acceptable(in, static_cast<int>(r), m[r])) return false;
    return true;
}

bool has_blocking_pair(const Instance& in, const std::vector<int>& m) {
    const int residents = static_cast<int>(in.resident_ranks.size());
    for (int r = 0; r < residents; ++r) {
        const auto& prefs = in.resident_ranks[static_cast<size_t>(r)];
        const int current = m[static_cast<size_t>(r)] == kUnmatched ? static_cast<int>(prefs.size())
                                                                    : position(prefs, m[static_cast<size_t>(r)]);
        for (int i = 0; i < current; ++i) {
            const int h = prefs[static_cast<size_t>(i)];
            const auto& hl = in.hospital_ranks[static_cast<size_t>(h)];
            const int rank_r = position(hl, r);
            if (rank_r < 0) continue;
            int held = 0;
            bool holds_worse = false;
            for (int s = 0; s < residents; ++s) {
                if (m[static_cast<size_t>(s)] != h) continue;
                ++held;
                if (position(hl, s) > rank_r) holds_worse = true;
            }
            if (held < in.capacity[static_cast<size_t>(h)] || holds_worse) return true;
        }
    }
    return false;
}

namespace {
void enumerate(const Instance& in, size_t r, std::vector<int>& m, std::vector<int>& used,
               std::vector<std::vector<int>>& out) {
    if (r == m.size()) {
        if (!has_blocking_pair(in, m)) out.push_back(m);
        return;
    }
    m[r] = kUnmatched;
    enumerate(in, r + 1, m, used, out);
    for (int h : in.resident_ranks[r]) {
        if (!acceptable(in, static_cast<int>(r), h) || used[static_cast<size_t>(h)] >= in.capacity[static_cast<size_t>(h)]) continue;
        m[r] = h;
        ++used[static_cast<size_t>(h)];
        enumerate(in, r + 1, m, used, out);
        --used[static_cast<size_t>(h)];
    }
    m[r] = kUnmatched;
}
}  // namespace

std::vector<std::vector<int>> all_stable_matchings(const Instance& in) {
    std::vector<std::vector<int>> out;
    std::vector<int> m(in.resident_ranks.size(), kUnmatched);
    std::vector<int> used(in.capacity.size(), 0);
    enumerate(in, 0, m, used, out);
    return out;
}

uint32_t Rng::next() {
    // xorshift64*: small, fast and identical everywhere.
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<uint32_t>((state * 2685821657736338717ULL) >> 32);
}

namespace {
std::vector<int> random_subset(Rng& rng, int n, int min_length) {
    std::vector<int> all(static_cast<size_t>(n));
    std::iota(all.begin(), all.end(), 0);
    for (int i = n - 1; i > 0; --i) std::swap(all[static_cast<size_t>(i)], all[static_cast<size_t>(rng.below(i + 1))]);
    all.resize(static_cast<size_t>(min_length + rng.below(n - min_length + 1)));
    return all;
}
}  // namespace

Instance random_instance(Rng& rng, int residents, int hospitals, int max_capacity, bool dense) {
    Instance in;
    for (int r = 0; r < residents; ++r) in.resident_ranks.push_back(random_subset(rng, hospitals, dense ? hospitals - 1 : 0));
    for (int h = 0; h < hospitals; ++h) {
        in.hospital_ranks.push_back(random_subset(rng, residents, dense ? residents - 1 : 0));
        in.capacity.push_back(dense ? 1 + rng.below(max_capacity) : rng.below(max_capacity + 1));
    }
    return in;
}

}  // namespace alis::matching::testing
