// Which events concern whom, each on its boundary day (the test clock is the `today` argument).
// The fixture region (../sync/fixture.hpp): d1 wishes dep1 of hf1, p1 and p2 were published on
// 2026-11-22 (released 2027-01-22, warned 2027-01-08), o1 is a pending offer of p1 to d1, and every
// user subscribes to new periods in the portal.
#include <algorithm>
#include <optional>

#include "../sync/fixture.hpp"
#include "alis/events.hpp"
#include "alis/rules.hpp"

using namespace fixture;
using alis::events::Event;
using alis::events::EventKind;

namespace {

std::vector<Event> of(const PortalState& s, const std::string& user_id, const Date& today) {
    const auto it = s.users.find(user_id);
    REQUIRE(it != s.users.end());
    return alis::events::events_for(s, alis::events::compute_fits(s, today), it->second, today);
}

// A copy: the vectors searched are temporaries.
std::optional<Event> find(const std::vector<Event>& events, EventKind kind, const std::string& record) {
    for (const Event& e : events) {
        if (e.kind == kind && (e.period_id == record || e.offer_id == record || e.wish_id == record || e.candidate_id == record)) return e;
    }
    return std::nullopt;
}

const Date kWarn{2027, 1, 8};
const Date kRelease{2027, 1, 22};

}  // namespace

TEST_CASE("a published period that fits the GP is an event from its publication day; another by subscription") {
    const PortalState s = region();
    CHECK(alis::release_date({2026, 11, 22}) == kRelease);
    CHECK_FALSE(find(of(s, "u-gp1", {2026, 11, 21}), EventKind::period_fits, "p1"));
    const auto events = of(s, "u-gp1", kToday);
    const auto fits = find(events, EventKind::period_fits, "p1");
    REQUIRE(fits);
    CHECK(fits->on == kToday);
    CHECK(fits->key == "period_fits/p1/u-gp1");
    CHECK(fits->in_app);
    // p2 (psychiatry in Stavanger) does not fit d1; the subscription to every new period asks for it.
    const auto other = find(events, EventKind::period_new, "p2");
    REQUIRE(other);
    CHECK(other->in_app);
    CHECK_FALSE(other->email);
    CHECK_FALSE(find(events, EventKind::period_fits, "p2"));
}

TEST_CASE("an e-mail subscription marks the event for mail; a filter on another hospital does not") {
    PortalState s = region();
    must(s, gp(1), "delete_subscription", {{"subscription_id", "s-u-gp1"}});
    must(s, gp(1), "put_subscription", {{"id", "s-mail"}, {"user_id", "u-gp1"}, {"topic", "new_periods"}, {"channel", "email"}, {"hospital_id", "hf2"}});
    auto events = of(s, "u-gp1", kToday);
    const auto p2 = find(events, EventKind::period_new, "p2");
    REQUIRE(p2);
    CHECK(p2->email);
    CHECK_FALSE(p2->in_app);  // asked for by mail only
    const auto p1 = find(events, EventKind::period_fits, "p1");
    REQUIRE(p1);
    CHECK_FALSE(p1->email);  // the mail subscription names hf2
}

TEST_CASE("the hospital is warned 14 days before the release, not a day earlier, and not once matched") {
    PortalState s = region();
    CHECK_FALSE(find(of(s, "u-hf1", {2027, 1, 7}), EventKind::release_warning, "p1"));
    const auto warning = find(of(s, "u-hf1", kWarn), EventKind::release_warning, "p1");
    REQUIRE(warning);
    CHECK(warning->on == kWarn);
    CHECK_FALSE(find(of(s, "u-hf2", kWarn), EventKind::release_warning, "p1"));  // another hospital's period
    CHECK(run(s, gp(1), "accept_offer", {{"offer_id", "o1"}}).accepted);
    CHECK_FALSE(find(of(s, "u-hf1", kWarn), EventKind::release_warning, "p1"));
}

TEST_CASE("on release the hospital may advertise, the GP who wished it is told it is gone, the other GP is not") {
    PortalState s = region();
    // The day before, the job only lapses the unanswered offers (their deadline was 06.12.2026).
    CHECK(release_unmatched_periods(s, {2027, 1, 21}) == std::vector<RecordKey>{{RecordKind::offer, "o1"}, {RecordKind::offer, "o2"}});
    CHECK_FALSE(find(of(s, "u-hf1", {2027, 1, 21}), EventKind::period_released, "p1"));
    CHECK_FALSE(release_unmatched_periods(s, kRelease).empty());
    const auto hospital = find(of(s, "u-hf1", kRelease), EventKind::period_released, "p1");
    REQUIRE(hospital);
    CHECK(hospital->on == kRelease);
    CHECK(find(of(s, "u-hf1", kRelease), EventKind::release_warning, "p1"));  // the warning stays in the history
    const auto gp1 = of(s, "u-gp1", kRelease);
    CHECK(find(gp1, EventKind::period_released, "p1"));
    // The pending offer lapsed at its deadline (06.12.2026), before the release: both sides are told.
    const auto lapsed = find(gp1, EventKind::offer_lapsed, "o1");
    REQUIRE(lapsed);
    CHECK(lapsed->on == Date{2026, 12, 7});
    CHECK_FALSE(find(gp1, EventKind::offer_withdrawn, "o1"));
    CHECK(find(of(s, "u-hf1", kRelease), EventKind::offer_lapsed, "o1"));
    CHECK_FALSE(find(of(s, "u-hf2", kRelease), EventKind::offer_lapsed, "o1"));
    CHECK_FALSE(find(of(s, "u-gp2", kRelease), EventKind::period_released, "p1"));
}

TEST_CASE("an offer made, accepted or declined concerns the GP, the hospital and the municipality") {
    PortalState s = region();
    const auto made = find(of(s, "u-gp1", kToday), EventKind::offer_made, "o1");
    REQUIRE(made);
    CHECK(made->on == kToday);
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::offer_accepted, "o1"));
    const Date answered{2026, 12, 1};
    REQUIRE(apply_mutation(s, gp(1), Mutation{1, "accept_offer", {{"offer_id", "o1"}}}, answered).accepted);
    REQUIRE(apply_mutation(s, gp(2), Mutation{1, "decline_offer", {{"offer_id", "o2"}}}, answered).accepted);
    CHECK_FALSE(find(of(s, "u-hf1", {2026, 11, 30}), EventKind::offer_accepted, "o1"));
    const auto accepted = find(of(s, "u-hf1", answered), EventKind::offer_accepted, "o1");
    REQUIRE(accepted);
    CHECK(accepted->on == answered);
    CHECK(accepted->doctor_id == "d1");
    CHECK(find(of(s, "u-hf2", answered), EventKind::offer_declined, "o2"));
    CHECK_FALSE(find(of(s, "u-hf2", answered), EventKind::offer_accepted, "o1"));
    const auto placed = find(of(s, "u-mun1", answered), EventKind::doctor_placed, "o1");
    REQUIRE(placed);
    CHECK(placed->candidate_id == "c1");
    CHECK_FALSE(find(of(s, "u-mun2", answered), EventKind::doctor_placed, "o1"));
}

TEST_CASE("a GP struck from the list is told from the day of the strike") {
    PortalState s = region();
    const Date struck{2026, 12, 3};
    REQUIRE(apply_mutation(s, municipality(1), Mutation{1, "strike_candidate", {{"candidate_id", "c1"}, {"reason", "Tjeneste i Helse Førde"}}}, struck).accepted);
    CHECK_FALSE(find(of(s, "u-gp1", {2026, 12, 2}), EventKind::doctor_struck, "c1"));
    const auto e = find(of(s, "u-gp1", struck), EventKind::doctor_struck, "c1");
    REQUIRE(e);
    CHECK(e->on == struck);
    CHECK_FALSE(find(of(s, "u-gp2", struck), EventKind::doctor_struck, "c1"));
}

TEST_CASE("a GP whose wish fits a department concerns that hospital's subscribers; a changed wish is a new event") {
    PortalState s = region();
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1"));  // not subscribed to it
    must(s, hospital(1), "put_subscription", {{"id", "s-hf1-w"}, {"user_id", "u-hf1"}, {"topic", "wishes_for_my_departments"}});
    const auto first = find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1");
    REQUIRE(first);
    const std::string key = first->key;
    CHECK(first->doctor_id == "d1");
    CHECK(key == find(of(s, "u-hf1", {2026, 11, 23}), EventKind::doctor_fits, "w1")->key);  // stable
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w2"));  // d2 wishes dep2 of hf2
    must(s, gp(1), "put_wish", {{"id", "w1"}, {"doctor_id", "d1"}, {"rank", 1}, {"department_id", "dep1"}, {"earliest_start", "2027-03-01"}});
    const auto changed = find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1");
    REQUIRE(changed);
    CHECK(changed->key != key);
}

TEST_CASE("every user's events together, newest first within a user") {
    PortalState s = region();
    const auto all = alis::events::all_events(s, alis::events::compute_fits(s, kWarn), kWarn);
    CHECK(std::any_of(all.begin(), all.end(), [](const Event& e) { return e.user_id == "u-hf1" && e.kind == EventKind::release_warning; }));
    CHECK(std::any_of(all.begin(), all.end(), [](const Event& e) { return e.user_id == "u-gp2" && e.kind == EventKind::period_fits; }));
    const auto gp1 = of(s, "u-gp1", kWarn);
    CHECK(std::is_sorted(gp1.begin(), gp1.end(), [](const Event& a, const Event& b) { return b.on < a.on; }));
}

TEST_CASE("a period an offer held past its release date is told released on the day it went out") {
    PortalState s = region();
    held_period(s, {2027, 1, 10}, "2027-01-31");
    release_unmatched_periods(s, kRelease);
    CHECK_FALSE(find(of(s, "u-hf1", kRelease), EventKind::period_released, "p9"));  // held
    release_unmatched_periods(s, {2027, 2, 1});  // o9 lapsed unanswered
    const auto hospital = find(of(s, "u-hf1", {2027, 2, 1}), EventKind::period_released, "p9");
    REQUIRE(hospital);
    CHECK(hospital->on == Date{2027, 2, 1});
    const auto gp1 = find(of(s, "u-gp1", {2027, 2, 1}), EventKind::period_released, "p9");
    REQUIRE(gp1);
    CHECK(gp1->on == Date{2027, 2, 1});
}

namespace {
// u-gp1's only subscription: new periods, with `extra` fields (filters, frequency, pause).
PortalState with_gp1_subscription(const json& extra) {
    PortalState s = region();
    must(s, gp(1), "delete_subscription", {{"subscription_id", "s-u-gp1"}});
    json sub = {{"id", "s-f"}, {"user_id", "u-gp1"}, {"topic", "new_periods"}};
    sub.update(extra);
    must(s, gp(1), "put_subscription", sub);
    return s;
}
bool told_of_p2(const json& extra) { return find(of(with_gp1_subscription(extra), "u-gp1", kToday), EventKind::period_new, "p2").has_value(); }
}  // namespace

TEST_CASE("a paused subscription alerts nobody; resumed, it alerts again") {
    CHECK(told_of_p2({{"paused", false}}));
    CHECK_FALSE(told_of_p2({{"paused", true}}));
    // A paused e-mail subscription does not mark a fitting period for mail either.
    const PortalState s = with_gp1_subscription({{"paused", true}, {"channel", "email"}});
    const auto p1 = find(of(s, "u-gp1", kToday), EventKind::period_fits, "p1");
    REQUIRE(p1);
    CHECK_FALSE(p1->email);
}

TEST_CASE("a GP's department filter takes periods of that department only") {
    CHECK(told_of_p2({{"department_id", "dep2"}}));
    CHECK_FALSE(told_of_p2({{"department_id", "dep1"}}));
    CHECK_FALSE(told_of_p2({{"hospital_id", "hf1"}, {"department_id", "dep1"}}));
}

TEST_CASE("a GP's date range takes periods overlapping it, to the boundary day") {
    // p2 runs 01.02.2027–31.07.2027.
    CHECK(told_of_p2({{"from", "2027-07-31"}}));  // its last day
    CHECK_FALSE(told_of_p2({{"from", "2027-08-01"}}));
    CHECK(told_of_p2({{"to", "2027-02-01"}}));  // its first day
    CHECK_FALSE(told_of_p2({{"to", "2027-01-31"}}));
    CHECK(told_of_p2({{"from", "2027-03-01"}, {"to", "2027-03-31"}}));  // inside it
    CHECK(told_of_p2({{"from", "2026-01-01"}, {"to", "2028-12-31"}}));  // around it
    CHECK_FALSE(told_of_p2({{"from", "2026-01-01"}, {"to", "2027-01-31"}}));
}

TEST_CASE("an event carries the most frequent e-mail frequency among the subscriptions asking for it") {
    PortalState s = with_gp1_subscription({{"channel", "email"}, {"frequency", "weekly"}});
    auto p2 = find(of(s, "u-gp1", kToday), EventKind::period_new, "p2");
    REQUIRE(p2);
    CHECK(p2->email_frequency == Frequency::weekly);
    must(s, gp(1), "put_subscription", {{"id", "s-d"}, {"user_id", "u-gp1"}, {"topic", "new_periods"}, {"channel", "email"}, {"frequency", "daily"}});
    p2 = find(of(s, "u-gp1", kToday), EventKind::period_new, "p2");
    REQUIRE(p2);
    CHECK(p2->email_frequency == Frequency::daily);
    // A paused immediate one does not count.
    must(s, gp(1), "put_subscription", {{"id", "s-i"}, {"user_id", "u-gp1"}, {"topic", "new_periods"}, {"channel", "email"}, {"paused", true}});
    p2 = find(of(s, "u-gp1", kToday), EventKind::period_new, "p2");
    REQUIRE(p2);
    CHECK(p2->email_frequency == Frequency::daily);
}

TEST_CASE("a hospital's department filter takes GPs whose wishes fit that department") {
    PortalState s = region();
    must(s, system_actor(), "put_organisation", {{"id", "dep1b"}, {"kind", "department"}, {"name", "Avdeling 1b"},
                                                 {"parent_id", "hf1"}, {"specialty", "kirurgi"}});
    json sub = {{"id", "s-c"}, {"user_id", "u-hf1"}, {"topic", "new_candidates"}, {"department_id", "dep1b"}};
    must(s, hospital(1), "put_subscription", sub);
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1"));  // w1 wishes dep1
    sub["department_id"] = "dep1";
    must(s, hospital(1), "put_subscription", sub);
    CHECK(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1"));
    sub["paused"] = true;
    must(s, hospital(1), "put_subscription", sub);
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1"));
    // A wish by specialty only fits the department with that specialty.
    sub["paused"] = false, sub["department_id"] = "dep1b";
    must(s, hospital(1), "put_subscription", sub);
    must(s, gp(2), "put_wish", {{"id", "w-k"}, {"doctor_id", "d2"}, {"rank", 2}, {"specialty", "kirurgi"}});
    CHECK(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w-k"));
    CHECK_FALSE(find(of(s, "u-hf1", kToday), EventKind::doctor_fits, "w1"));
}
