// The smallest change offered for a refusal makes the pair feasible when applied to the GP's real
// records, and every refusal states the overlap the engine computed.
#include <doctest/doctest.h>

#include "alis/matching/derive.hpp"
#include "alis/matching/synthetic.hpp"
#include "alis/rules.hpp"
#include "domain_fixture.hpp"
#include "instance_checks.hpp"

using namespace alis;
using namespace alis::matching;

namespace {
std::string range_text(const DateRange& r) { return to_norwegian(r.start) + "–" + to_norwegian(r.end); }

// The pair (doctor d, period p) after applying the suggestion to the input's records, through the
// whole derivation, as the GP's next visit would see it.
bool feasible_after(MatchingInput in, size_t d, size_t p, const Suggestion& s) {
    const std::string& id = in.doctors[d].id;
    if (s.kind == Suggestion::Kind::free_time) in.available_times.push_back({"suggested-span", id, s.free_time});
    if (s.kind == Suggestion::Kind::wish) {
        Wish w = s.wish;
        w.id = "suggested-wish";
        in.wishes.push_back(w);
    }
    const DerivedLists lists = derive(in);
    for (const auto& o : lists.options[d])
        if (o.period == p) return check_pair(lists.doctors[d], lists.periods[p], in.today).ok();
    return false;
}
}  // namespace

TEST_CASE("property: over 2,000 random regions each suggested change makes the pair feasible, and stated dates are the overlap") {
    testing::Rng rng{12};
    int suggested[3] = {0, 0, 0};
    for (int run = 0; run < 2000; ++run) {
        RegionSize size;
        size.doctors = 1 + rng.below(6);
        size.periods = 1 + rng.below(5);
        size.hospitals = 1 + rng.below(2);
        size.municipalities = 20;
        const MatchingInput in = synthetic_region(size, rng.next());
        const DerivedLists lists = derive(in);
        for (size_t d = 0; d < lists.doctors.size(); ++d) {
            const DoctorSituation& doctor = lists.doctors[d];
            for (size_t p = 0; p < lists.periods.size(); ++p) {
                const PairCheck c = check_pair(doctor, lists.periods[p], in.today);
                if (c.ok()) continue;
                const Text reason = describe(c, doctor, lists.periods[p], in.today);
                if (c.outcome == Outcome::minimum_service) {
                    // The stated overlap is the computed one: inside the period, from today, and inside
                    // one joined stretch of the GP's free time.
                    CHECK(reason.en.find(range_text(c.window)) != std::string::npos);
                    const auto inside = intersect(c.window, lists.periods[p].period->range);
                    CHECK((inside && *inside == c.window));
                    CHECK(c.window.start >= in.today);
                    bool in_stretch = false;
                    for (const auto& r : doctor.available) in_stretch = in_stretch || (intersect(r, c.window) == c.window);
                    CHECK(in_stretch);
                }
                const Suggestion s = suggest(c, doctor, lists.periods[p], in.today);
                ++suggested[static_cast<int>(s.kind)];
                if (s.kind == Suggestion::Kind::none) continue;
                INFO(reason.en << " / " << s.text.en);
                CHECK(feasible_after(in, d, p, s));
                if (s.kind == Suggestion::Kind::free_time) {
                    const bool dated = s.text.nb.find(to_norwegian(s.free_time.end)) != std::string::npos ||
                                       s.text.nb.find(to_norwegian(s.free_time.start)) != std::string::npos;
                    CHECK(dated);
                }
            }
        }
    }
    MESSAGE("suggestions: none " << suggested[0] << ", free time " << suggested[1] << ", wish " << suggested[2]);
    CHECK(suggested[1] > 100);  // the property is not vacuous
    CHECK(suggested[2] > 100);
}

TEST_CASE("the smallest change is worded as the issue asks") {
    using namespace alis::matching::testing;
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    in.periods = {period("p1", "hb-med", {{2027, 3, 1}, {2027, 12, 31}})};
    in.wishes = {wish("w1", "d1", 1, "hb-med")};
    in.available_times = {available("d1", {{2027, 3, 1}, {2027, 6, 30}})};
    auto lists = derive(in);
    auto c = check_pair(lists.doctors[0], lists.periods[0], in.today);
    REQUIRE(c.outcome == Outcome::minimum_service);
    CHECK(suggest(c, lists.doctors[0], lists.periods[0], in.today).text.nb == "Hvis den ledige tiden din varer til 31.08.2027, passer perioden.");
    in.wishes = {wish("w1", "d1", 1, "hb-psy")};
    in.available_times = {available("d1", {{2027, 1, 1}, {2027, 12, 31}})};
    lists = derive(in);
    c = check_pair(lists.doctors[0], lists.periods[0], in.today);
    REQUIRE(c.outcome == Outcome::not_wished);
    const auto s = suggest(c, lists.doctors[0], lists.periods[0], in.today);
    CHECK(s.text.nb == "Legg til et ønske om Medisinsk avdeling, Helse Bergen, så passer perioden.");
    CHECK(s.wish.rank == 2);
    // Struck: nothing the GP can change.
    in.struck = {"d1"};
    lists = derive(in);
    c = check_pair(lists.doctors[0], lists.periods[0], in.today);
    CHECK(suggest(c, lists.doctors[0], lists.periods[0], in.today).kind == Suggestion::Kind::none);
}
