// Inactive GP profiles (inactive_profiles.hpp): what counts as current, and the warning and deletion
// on their boundary days; a log-in after the warning keeps the profile; a late warning still gives 30 days.
#include "alis/sync/inactive_profiles.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {
// d1 of the region with nothing current from 2028-01-01: its offer withdrawn, its free time ended
// 2027-12-31, and its one wish without a latest end.
PortalState idle_d1() {
    PortalState s = region();
    must(s, hospital(1), "withdraw_offer", {{"offer_id", "o1"}});
    return s;
}
const Date kLogin{2028, 1, 1};
}  // namespace

TEST_CASE("current: free time or a wish not yet ended, a pending offer, an accepted service not yet over") {
    PortalState s = region();
    CHECK(has_current(s, "d1", kToday));
    CHECK(has_current(s, "d1", {2028, 1, 1}));  // the pending offer o1
    must(s, hospital(1), "withdraw_offer", {{"offer_id", "o1"}});
    CHECK(has_current(s, "d1", {2027, 12, 31}));  // at1's last day
    CHECK_FALSE(has_current(s, "d1", {2028, 1, 1}));
    must(s, gp(1), "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}, {"rank", 2}, {"specialty", "psykiatri"}, {"latest_end", "2028-03-31"}});
    CHECK(has_current(s, "d1", {2028, 3, 31}));
    CHECK_FALSE(has_current(s, "d1", {2028, 4, 1}));

    PortalState accepted = region();
    must(accepted, gp(1), "accept_offer", {{"offer_id", "o1"}});
    must(accepted, gp(1), "delete_available_time", {{"id", "at1"}});
    CHECK(has_current(accepted, "d1", {2027, 7, 31}));  // the service's last day
    CHECK_FALSE(has_current(accepted, "d1", {2027, 8, 1}));
}

TEST_CASE("warned from 30 days before the deletion day, not before; deleted on it, not before") {
    const PortalState s = idle_d1();
    const Date delete_on = add_months(kLogin, 24);  // 2030-01-01
    const Date warn_on = add_days(delete_on, -30);  // 2029-12-02
    CHECK(inactive_step(s, "d1", kLogin, std::nullopt, add_days(warn_on, -1), 24) == InactiveStep::keep);
    CHECK(inactive_step(s, "d1", kLogin, std::nullopt, warn_on, 24) == InactiveStep::warn);
    CHECK(inactive_step(s, "d1", kLogin, warn_on, warn_on, 24) == InactiveStep::keep);  // warned once
    CHECK(inactive_step(s, "d1", kLogin, warn_on, add_days(delete_on, -1), 24) == InactiveStep::keep);
    CHECK(inactive_step(s, "d1", kLogin, warn_on, delete_on, 24) == InactiveStep::erase);
    // Never deleted without a warning first, however late.
    CHECK(inactive_step(s, "d1", kLogin, std::nullopt, add_months(delete_on, 6), 24) == InactiveStep::warn);
    // The policy's months move both days.
    CHECK(inactive_step(s, "d1", kLogin, std::nullopt, warn_on, 36) == InactiveStep::keep);
}

TEST_CASE("a log-in after the warning keeps the profile; a late warning still gives the GP 30 days") {
    const PortalState s = idle_d1();
    const Date delete_on = add_months(kLogin, 24);
    const Date warned{2029, 12, 2};
    // Logged in on the warning's day (after it) or later: the warning no longer counts, the clock restarts.
    for (const Date login : {warned, Date{2029, 12, 20}}) {
        CHECK(inactive_step(s, "d1", login, warned, delete_on, 24) == InactiveStep::keep);
        CHECK(inactive_step(s, "d1", login, warned, add_months(login, 24), 24) == InactiveStep::warn);
    }
    // The server was down: warned only on 2030-01-10, so deleted from 2030-02-09, not on 2030-01-01.
    const Date late{2030, 1, 10};
    CHECK(inactive_step(s, "d1", kLogin, late, delete_on, 24) == InactiveStep::keep);
    CHECK(inactive_step(s, "d1", kLogin, late, Date{2030, 2, 8}, 24) == InactiveStep::keep);
    CHECK(inactive_step(s, "d1", kLogin, late, Date{2030, 2, 9}, 24) == InactiveStep::erase);
    // Something current keeps the profile whatever the dates.
    CHECK(inactive_step(region(), "d1", kLogin, warned, {2030, 1, 1}, 24) == InactiveStep::keep);
}

TEST_CASE("an account's log-in rule: warned 30 days before last log-in + N months, deleted on that day; a log-in keeps it") {
    const Date login{2027, 3, 15};
    const int months = 24;  // deletion day 2029-03-15, warning from 2029-02-13
    CHECK(inactivity_step(login, std::nullopt, {2029, 2, 12}, months) == InactiveStep::keep);
    CHECK(inactivity_step(login, std::nullopt, {2029, 2, 13}, months) == InactiveStep::warn);
    const Date warned{2029, 2, 13};
    CHECK(inactivity_step(login, warned, {2029, 3, 14}, months) == InactiveStep::keep);
    CHECK(inactivity_step(login, warned, {2029, 3, 15}, months) == InactiveStep::erase);
    CHECK(inactivity_deletion_day(login, warned, months) == Date{2029, 3, 15});
    // A log-in on the warning's day cancels it: the clock starts again from that day.
    CHECK(inactivity_step(warned, warned, {2029, 3, 15}, months) == InactiveStep::keep);
    // A late warning (the server was down): the mail's day is 30 days after it, and the rule agrees.
    const Date late{2029, 4, 1};
    CHECK(inactivity_deletion_day(login, late, months) == Date{2029, 5, 1});
    CHECK(inactivity_step(login, late, {2029, 4, 30}, months) == InactiveStep::keep);
    CHECK(inactivity_step(login, late, {2029, 5, 1}, months) == InactiveStep::erase);
}

TEST_CASE("the GP rule is the account rule once nothing is current") {
    const PortalState s = idle_d1();
    for (const Date today : {Date{2029, 12, 1}, Date{2029, 12, 2}, Date{2030, 1, 1}}) {
        for (const auto& warned : {std::optional<Date>{}, std::optional<Date>{Date{2029, 12, 2}}}) {
            CHECK(inactive_step(s, "d1", kLogin, warned, today, 24) == inactivity_step(kLogin, warned, today, 24));
        }
    }
}
