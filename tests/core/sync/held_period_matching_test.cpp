// The matching reads the two-month rule as the release job does: a period a pending offer holds is
// still offered past its release date, and a released period names the day it actually went out
// (docs/matching.md, "Offers hold the period"). The fixture's p1/p2 were published 22.11.2026, so
// are released from 22.01.2027; their offers o1/o2 lapse after 06.12.2026.
#include <algorithm>

#include "alis/matching/derive.hpp"
#include "alis/sync/matching_input.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

const Date kRelease{2027, 1, 22};
const Date kHeld{2027, 1, 25};  // past p9's release date, within o9's deadline

// held_period's p9 with an offer d1 may answer until 31.01.2027, made 10.01.2027; the other offers
// have lapsed and p1/p2 were released on 22.01.2027.
PortalState held_region() {
    PortalState s = region();
    held_period(s, {2027, 1, 10}, "2027-01-31");
    release_unmatched_periods(s, kRelease);
    return s;
}

size_t index_of(const alis::matching::MatchingInput& in, const std::string& period_id) {
    const auto it = std::find_if(in.periods.begin(), in.periods.end(), [&](const Period& p) { return p.id == period_id; });
    REQUIRE(it != in.periods.end());
    return static_cast<size_t>(it - in.periods.begin());
}

// d1's verdict on `period_id` as the explanation computes it (check_pair), and whether derivation
// put the period among d1's options; "feasible" only when both agree.
std::string verdict_for_d1(const alis::matching::MatchingInput& in, const std::string& period_id) {
    const auto lists = alis::matching::derive(in);
    const size_t p = index_of(in, period_id);
    const auto outcome = alis::matching::check_pair(lists.doctors[0], lists.periods[p], in.today).outcome;
    const bool option = std::any_of(lists.options[0].begin(), lists.options[0].end(), [&](const auto& o) { return o.period == p; });
    if (option != (outcome == alis::matching::Outcome::feasible)) return "derive and check_pair disagree";
    return alis::matching::rule_name(outcome);
}

}  // namespace

TEST_CASE("a period held by a pending offer past its release date is still offered; released ones are not") {
    const PortalState s = held_region();
    REQUIRE(s.periods.at("p9").status == PeriodStatus::published);
    REQUIRE(s.periods.at("p1").status == PeriodStatus::released);
    const auto in = matching_input_of(s, kHeld);
    CHECK(in.held == std::unordered_set<std::string>{"p9"});
    REQUIRE(in.doctors[0].id == "d1");
    CHECK(verdict_for_d1(in, "p9") == "feasible");
    CHECK(verdict_for_d1(in, "p1") == "released");
    // Another GP may still be matched to the held period: its places are not yet given.
    CHECK(alis::matching::offered(s.periods.at("p9"), kHeld, true).ok);
    CHECK_FALSE(alis::matching::offered(s.periods.at("p9"), kHeld, false).ok);
}

TEST_CASE("when the holding offer is declined the period no longer counts as held, and goes out that day") {
    PortalState s = held_region();
    REQUIRE(run(s, gp(1), "decline_offer", {{"offer_id", "o9"}}, kHeld).accepted);
    const auto in = matching_input_of(s, kHeld);
    CHECK(in.held.empty());
    CHECK(verdict_for_d1(in, "p9") == "released");
    // Not yet released by the job: the sentence names today, the day it goes out, not 22.01.2027.
    CHECK(alis::matching::offered(s.periods.at("p9"), kHeld).reason.nb == "Perioden er lyst ut som ordinært vikariat 25.01.2027.");
    release_unmatched_periods(s, kHeld);
    CHECK(s.periods.at("p9").released_on == kHeld);
}

TEST_CASE("an offer past its deadline holds nothing; the job records the day it released the period") {
    PortalState s = held_region();
    const Date after_deadline{2027, 2, 1};
    CHECK(matching_input_of(s, after_deadline).held.empty());
    release_unmatched_periods(s, after_deadline);
    const Period& p9 = s.periods.at("p9");
    REQUIRE(p9.status == PeriodStatus::released);
    CHECK(p9.released_on == after_deadline);
    CHECK(alis::released_day(p9) == after_deadline);
    const auto later = alis::matching::offered(p9, {2027, 2, 10});
    CHECK(later.rule == "released");
    CHECK(later.reason.nb == "Perioden er lyst ut som ordinært vikariat 01.02.2027.");
    CHECK(later.reason.en == "The period was advertised as an ordinary substitute post on 01.02.2027.");
    // p1 was released on its release date, and says so.
    CHECK(s.periods.at("p1").released_on == kRelease);
    // The day is kept in the record's JSON, and a record from before the field reads as its release date.
    json j = p9;
    CHECK(j["released_on"] == "2027-02-01");
    j.erase("released_on");
    Problems problems;
    const auto old = parse_period(j, problems);
    REQUIRE(old);
    CHECK(alis::released_day(*old) == kRelease);
}

TEST_CASE("a hospital cannot set the release day when it publishes or edits") {
    PortalState s = region();
    json period = period_json("p9", 1, "2027-03-01", "2027-08-31");
    period["released_on"] = "2026-12-01";
    must(s, hospital(1), "publish_period", period);
    CHECK_FALSE(s.periods.at("p9").released_on);
    must(s, hospital(1), "edit_period", period);
    CHECK_FALSE(s.periods.at("p9").released_on);
}
