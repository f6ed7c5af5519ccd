#include "alis/matching/solver.hpp"

#include <string>

namespace alis::matching {

namespace {

Problem entry_problem(const std::string& field, const char* rule, Text message) {
    return {field, rule, std::move(message)};
}

// `unknown` words the problem for an entry that is out of range, in each language.
void validate_lists(const std::vector<std::vector<int>>& lists, int other_count, const char* side,
                    const Text& unknown, Problems& out) {
    std::vector<int> seen_in(static_cast<size_t>(other_count), -1);
    for (size_t owner = 0; owner < lists.size(); ++owner) {
        for (size_t i = 0; i < lists[owner].size(); ++i) {
            const int x = lists[owner][i];
            const std::string field = std::string(side) + "[" + std::to_string(owner) + "].ranks[" + std::to_string(i) + "]";
            if (x < 0 || x >= other_count) {
                out.push_back(entry_problem(field, "unknown_entry", unknown));
            } else if (seen_in[static_cast<size_t>(x)] == static_cast<int>(owner)) {
                out.push_back(entry_problem(field, "ranked_twice",
                                            {"Står to ganger i samme liste.", "Står to gonger i same liste.",
                                             "Appears twice in the same list."}));
            } else {
                seen_in[static_cast<size_t>(x)] = static_cast<int>(owner);
            }
        }
    }
}

}  // namespace

Problems validate(const Instance& in) {
    Problems out;
    const int residents = static_cast<int>(in.resident_ranks.size());
    const int hospitals = static_cast<int>(in.hospital_ranks.size());
    if (in.capacity.size() != in.hospital_ranks.size()) {
        out.push_back({"capacity", "size_mismatch",
                       {"Én kapasitet per sykehus.", "Éin kapasitet per sjukehus.", "One capacity per hospital."}});
    }
    for (size_t h = 0; h < in.capacity.size(); ++h) {
        if (in.capacity[h] < 0) {
            out.push_back({"hospitals[" + std::to_string(h) + "].capacity", "negative_capacity",
                           {"Kan ikke være negativ.", "Kan ikkje vera negativ.", "Cannot be negative."}});
        }
    }
    validate_lists(in.resident_ranks, hospitals, "residents", {"Ukjent sykehus.", "Ukjent sjukehus.", "Unknown hospital."}, out);
    validate_lists(in.hospital_ranks, residents, "hospitals", {"Ukjent kandidat.", "Ukjend kandidat.", "Unknown resident."}, out);
    return out;
}

std::vector<int> solve(const Instance& in) {
    const size_t residents = in.resident_ranks.size();
    const size_t hospitals = in.hospital_ranks.size();

    // Flat offsets into the residents' lists, so per-entry data lives in one array.
    std::vector<size_t> offset(residents + 1, 0);
    for (size_t r = 0; r < residents; ++r) offset[r + 1] = offset[r] + in.resident_ranks[r].size();

    // rank_at[offset[r] + i]: where resident r stands on the list of its i-th choice, or -1 when that
    // hospital does not rank r. Built by transposing the hospitals' lists (a counting sort by
    // resident) and joining through a marker array, so it costs linear time, not a search per entry.
    std::vector<size_t> t_offset(residents + 1, 0);
    for (const auto& list : in.hospital_ranks)
        for (int r : list) ++t_offset[static_cast<size_t>(r) + 1];
    for (size_t r = 0; r < residents; ++r) t_offset[r + 1] += t_offset[r];
    std::vector<std::pair<int, int>> ranked_by(t_offset[residents]);  // (hospital, position)
    {
        std::vector<size_t> cursor(t_offset.begin(), t_offset.end() - 1);
        for (size_t h = 0; h < hospitals; ++h) {
            const auto& list = in.hospital_ranks[h];
            for (size_t k = 0; k < list.size(); ++k)
                ranked_by[cursor[static_cast<size_t>(list[k])]++] = {static_cast<int>(h), static_cast<int>(k)};
        }
    }
    std::vector<int> rank_at(offset[residents], -1);
    std::vector<int> choice_index(hospitals, -1);
    for (size_t r = 0; r < residents; ++r) {
        const auto& list = in.resident_ranks[r];
        for (size_t i = 0; i < list.size(); ++i) choice_index[static_cast<size_t>(list[i])] = static_cast<int>(i);
        for (size_t e = t_offset[r]; e < t_offset[r + 1]; ++e) {
            const int i = choice_index[static_cast<size_t>(ranked_by[e].first)];
            if (i >= 0) rank_at[offset[r] + static_cast<size_t>(i)] = ranked_by[e].second;
        }
        for (int h : list) choice_index[static_cast<size_t>(h)] = -1;
    }

    // Each hospital marks which positions of its own list it holds. Once full it stays full, and its
    // worst held position only moves up the list, so finding the next worst costs linear time overall.
    std::vector<size_t> h_offset(hospitals + 1, 0);
    for (size_t h = 0; h < hospitals; ++h) h_offset[h + 1] = h_offset[h] + in.hospital_ranks[h].size();
    std::vector<char> held(h_offset[hospitals], 0);
    std::vector<int> held_count(hospitals, 0);
    std::vector<int> worst(hospitals, -1);

    std::vector<size_t> next_choice(residents, 0);
    std::vector<int> matched(residents, kUnmatched);
    // Free residents propose from a stack, smallest index first; the result does not depend on this
    // order (the resident-optimal stable matching is unique), but a fixed order keeps runs identical.
    std::vector<int> free_residents;
    free_residents.reserve(residents);
    for (size_t r = residents; r-- > 0;) free_residents.push_back(static_cast<int>(r));

    while (!free_residents.empty()) {
        const int r = free_residents.back();
        free_residents.pop_back();
        const auto& list = in.resident_ranks[static_cast<size_t>(r)];
        while (next_choice[static_cast<size_t>(r)] < list.size()) {
            const size_t i = next_choice[static_cast<size_t>(r)]++;
            const int k = rank_at[offset[static_cast<size_t>(r)] + i];
            const auto h = static_cast<size_t>(list[i]);
            if (k < 0 || in.capacity[h] <= 0) continue;  // not acceptable to the hospital
            if (held_count[h] < in.capacity[h]) {
                held[h_offset[h] + static_cast<size_t>(k)] = 1;
                ++held_count[h];
                if (k > worst[h]) worst[h] = k;
                matched[static_cast<size_t>(r)] = static_cast<int>(h);
                break;
            }
            if (k > worst[h]) continue;  // full with residents it prefers
            const int evicted = in.hospital_ranks[h][static_cast<size_t>(worst[h])];
            held[h_offset[h] + static_cast<size_t>(worst[h])] = 0;
            held[h_offset[h] + static_cast<size_t>(k)] = 1;
            int w = worst[h];
            while (!held[h_offset[h] + static_cast<size_t>(w)]) --w;  // stops at k at the latest
            worst[h] = w;
            matched[static_cast<size_t>(r)] = static_cast<int>(h);
            matched[static_cast<size_t>(evicted)] = kUnmatched;
            free_residents.push_back(evicted);
            break;
        }
    }
    return matched;
}

}  // namespace alis::matching
