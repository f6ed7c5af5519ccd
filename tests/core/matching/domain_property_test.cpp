// Random regions: the derived lists agree with pairwise feasibility, the matching is stable for them,
// and nothing depends on the order of the input's records.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/explain.hpp"
#include "alis/matching/synthetic.hpp"
#include "instance_checks.hpp"

using namespace alis;
using namespace alis::matching;

namespace {
RegionSize small_size(testing::Rng& rng) {
    RegionSize size;
    size.doctors = 1 + rng.below(30);
    size.periods = 1 + rng.below(15);
    size.hospitals = 1 + rng.below(3);
    size.municipalities = 20;
    size.priority_list = rng.below(2) == 0;
    return size;
}

// The generator's wishes name a department or a specialty; vary them so every kind of wish occurs:
// a hospital alone, a department without its hospital, dates of their own, and (as input built
// without parse_wish could hold) a wish that names no place at all.
MatchingInput region(testing::Rng& rng) {
    const RegionSize size = small_size(rng);
    MatchingInput in = synthetic_region(size, rng.next());
    for (auto& w : in.wishes) {
        const int kind = rng.below(8);
        if (kind == 0) {
            w.department_id.clear();
            w.specialty.clear();
        } else if (kind == 1 && !w.department_id.empty()) {
            w.hospital_id.clear();
        } else if (kind == 2) {
            w.earliest_start = add_days(in.today, 30 + rng.below(200));
        } else if (kind == 3) {
            w.latest_end = add_days(in.today, 200 + rng.below(300));
        }
    }
    return in;
}

template <typename T>
void shuffle(std::vector<T>& v, testing::Rng& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(rng.below(static_cast<int>(i)))]);
}
}  // namespace

TEST_CASE("generated regions are valid input for the project's own parsers") {
    const MatchingInput in = synthetic_region(RegionSize{}, 7);
    Problems problems;
    const auto again = parse_matching_input(nlohmann::json(in), problems);
    CHECK(problems.empty());
    REQUIRE(again.has_value());
    CHECK(again->doctors == in.doctors);
    CHECK(again->periods == in.periods);
    CHECK(again->priority_list == in.priority_list);
}

TEST_CASE("on 300 random regions the lists match pairwise feasibility and the matching is stable") {
    testing::Rng rng{0xfeedULL};
    size_t matched_total = 0;
    for (int t = 0; t < 300; ++t) {
        const MatchingInput in = region(rng);
        const DomainMatch m = match(in);
        const auto& lists = m.lists;
        REQUIRE(validate(lists.instance).empty());
        for (size_t d = 0; d < in.doctors.size(); ++d) {
            for (size_t p = 0; p < in.periods.size(); ++p) {
                const bool listed = std::any_of(lists.options[d].begin(), lists.options[d].end(), [&](const PeriodOption& o) { return o.period == p; });
                CHECK(assess(lists.doctors[d], lists.periods[p], in.today).ok == listed);
                CHECK(testing::acceptable(lists.instance, static_cast<int>(d), static_cast<int>(p)) == listed);
            }
        }
        CHECK(testing::capacities_respected(lists.instance, m.matched));
        CHECK(testing::only_acceptable_pairs(lists.instance, m.matched));
        CHECK_FALSE(testing::has_blocking_pair(lists.instance, m.matched));
        for (size_t d = 0; d < m.matched.size(); ++d) {
            CHECK((m.explanations[d].rule == "matched") == (m.matched[d] != kUnmatched));
            if (m.matched[d] != kUnmatched) ++matched_total;
        }
    }
    CHECK(matched_total > 300);  // the regions are not so sparse that nothing is tested
}

TEST_CASE("shuffling every list of records gives the same matching and explanations") {
    testing::Rng rng{0xc0ffeeULL};
    for (int t = 0; t < 100; ++t) {
        const MatchingInput in = region(rng);
        MatchingInput shuffled = in;
        shuffle(shuffled.organisations, rng);
        shuffle(shuffled.doctors, rng);
        shuffle(shuffled.periods, rng);
        shuffle(shuffled.wishes, rng);
        shuffle(shuffled.available_times, rng);
        nlohmann::json a = match(in), b = match(shuffled);
        CHECK(a["matching"] == b["matching"]);
        const auto by_doctor = [](const nlohmann::json& j) {
            std::map<std::string, nlohmann::json> out;
            for (const auto& e : j["explanations"]) out[e["doctor_id"].get<std::string>()] = e;
            return out;
        };
        CHECK(by_doctor(a) == by_doctor(b));
    }
}
