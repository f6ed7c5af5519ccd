// Offers have an answer deadline, and a pending offer within it holds its period against the
// two-month release (docs/matching.md, "Offers hold the period"). The fixture's offers o1/o2 are made
// on 22.11.2026 for services from 01.02.2027; their periods are released from 22.01.2027.
#include "fixture.hpp"

using namespace fixture;

namespace {
const Date kDeadline{2026, 12, 6};  // 22.11.2026 + 14 days
const Date kRelease{2027, 1, 22};

Outcome accept_on(PortalState& s, const Date& day) { return run(s, gp(1), "accept_offer", {{"offer_id", "o1"}}, day); }

}  // namespace

TEST_CASE("an offer's deadline is 14 days after it is made unless the hospital chooses a day from tomorrow to the first day") {
    PortalState s = region();
    CHECK(s.offers.at("o1").answer_by == kDeadline);
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2027-02-01", "2027-07-31"));
    auto offer = offer_json("o9", "p9", "d1");
    offer["answer_by"] = "2026-11-22";  // today: the GP would have no day to answer
    const Outcome today = run(s, hospital(1), "make_offer", offer);
    CHECK(has_problem(today, "offer.answer_by", "answer_deadline"));
    REQUIRE_FALSE(today.problems.empty());
    CHECK(today.problems[0].message.nb == "Svarfristen må være fra og med 23.11.2026 til og med første tjenestedag, 01.02.2027.");
    CHECK(today.problems[0].message.nn == "Svarfristen må vera frå og med 23.11.2026 til og med første tenestedag, 01.02.2027.");
    offer["answer_by"] = "2027-02-02";  // the day after the service's first day
    CHECK(has_problem(run(s, hospital(1), "make_offer", offer), "offer.answer_by", "answer_deadline"));
    offer["answer_by"] = "2027-02-01";  // the first day itself
    CHECK(run(s, hospital(1), "make_offer", offer).accepted);
    CHECK(s.offers.at("o9").answer_by == Date{2027, 2, 1});
    // Tomorrow is the earliest; and a service starting tomorrow gets tomorrow by default.
    must(s, hospital(2), "publish_period", period_json("p10", 2, "2026-11-23", "2027-05-22"));
    auto soon = offer_json("o10", "p10", "d2", "2026-11-23", "2027-05-22");
    CHECK(run(s, hospital(2), "make_offer", soon).accepted);
    CHECK(s.offers.at("o10").answer_by == Date{2026, 11, 23});
}

TEST_CASE("a service starting today leaves no day to answer, and the offer is refused") {
    PortalState s = region();
    must(s, hospital(2), "publish_period", period_json("p10", 2, "2026-11-22", "2027-05-21"));
    const Outcome o = run(s, hospital(2), "make_offer", offer_json("o10", "p10", "d2", "2026-11-22", "2027-05-21"));
    CHECK(has_problem(o, "offer.answer_by", "answer_deadline"));
    CHECK(s.offers.count("o10") == 0);
}

TEST_CASE("the deadline day is still open; the day after, accepting is refused and the daily job lapses the offer") {
    PortalState on_day = region();
    CHECK(lapse_overdue_offers(on_day, kDeadline).empty());
    CHECK(accept_on(on_day, kDeadline).accepted);

    PortalState after = region();
    const Outcome late = accept_on(after, add_days(kDeadline, 1));
    CHECK(has_problem(late, "args.offer_id", "answer_deadline_passed"));
    REQUIRE_FALSE(late.problems.empty());
    CHECK(late.problems[0].message.nb == "Svarfristen for tilbudet gikk ut 06.12.2026; tilbudet kan ikke lenger godtas.");
    CHECK(late.problems[0].message.nn == "Svarfristen for tilbodet gjekk ut 06.12.2026; tilbodet kan ikkje lenger godtakast.");
    CHECK(late.problems[0].message.en == "The answer deadline for the offer was 06.12.2026; the offer can no longer be accepted.");
    CHECK(after.offers.at("o1").status == OfferStatus::pending);  // a refusal changes nothing
    const auto lapsed = lapse_overdue_offers(after, add_days(kDeadline, 1));
    CHECK(lapsed == std::vector<RecordKey>{{RecordKind::offer, "o1"}, {RecordKind::offer, "o2"}});
    CHECK(after.offers.at("o1").status == OfferStatus::lapsed);
    // Once lapsed, the answer names the same rule; and the hospital may make a new offer to the GP.
    CHECK(has_problem(accept_on(after, {2026, 12, 8}), "args.offer_id", "answer_deadline_passed"));
    CHECK(run(after, hospital(1), "make_offer", offer_json("o1b", "p1", "d1"), {2026, 12, 8}).accepted);
}

TEST_CASE("a pending offer on the release date holds the period; when it lapses the period is released that day") {
    PortalState s = region();
    held_period(s, {2027, 1, 10}, "2027-01-31");
    const auto on_release = release_unmatched_periods(s, kRelease);
    // p1 and p2's offers lapsed in December, so they go; p9 is held by o9.
    CHECK(s.periods.at("p1").status == PeriodStatus::released);
    CHECK(s.periods.at("p9").status == PeriodStatus::published);
    CHECK(s.offers.at("o9").status == OfferStatus::pending);
    CHECK(std::find(on_release.begin(), on_release.end(), RecordKey{RecordKind::period, "p9"}) == on_release.end());
    // The GP may still accept on the deadline day, after the release date: the offer holds.
    PortalState accepting = s;
    CHECK(run(accepting, gp(1), "accept_offer", {{"offer_id", "o9"}}, {2027, 1, 31}).accepted);
    CHECK(release_unmatched_periods(accepting, {2027, 2, 1}).empty());
    CHECK(accepting.periods.at("p9").status == PeriodStatus::filled);
    // Unanswered: still held on the deadline day, released the day after, with the lapse.
    CHECK(release_unmatched_periods(s, {2027, 1, 31}).empty());
    const auto day_after = release_unmatched_periods(s, {2027, 2, 1});
    CHECK(day_after == std::vector<RecordKey>{{RecordKind::period, "p9"}, {RecordKind::offer, "o9"}});
    CHECK(s.periods.at("p9").status == PeriodStatus::released);
    CHECK(s.offers.at("o9").status == OfferStatus::lapsed);
}

TEST_CASE("declining or withdrawing the holding offer frees the period for release") {
    for (const bool decline : {true, false}) {
        CAPTURE(decline);
        PortalState s = region();
        held_period(s, {2027, 1, 10}, "2027-01-31");
        release_unmatched_periods(s, kRelease);  // p1 and p2, whose offers lapsed in December
        CHECK(release_unmatched_periods(s, {2027, 1, 25}).empty());
        const Outcome answered = decline ? run(s, gp(1), "decline_offer", {{"offer_id", "o9"}}, {2027, 1, 25})
                                         : run(s, hospital(1), "withdraw_offer", {{"offer_id", "o9"}}, {2027, 1, 25});
        REQUIRE(answered.accepted);
        CHECK(release_unmatched_periods(s, {2027, 1, 25}) == std::vector<RecordKey>{{RecordKind::period, "p9"}});
        CHECK(s.periods.at("p9").status == PeriodStatus::released);
    }
}

TEST_CASE("a period past its release date that no offer holds takes no new offer") {
    PortalState s = region();
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2027-03-01", "2027-08-31"));
    const Outcome o = run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2027-03-01", "2027-08-31"), kRelease);
    CHECK(has_problem(o, "offer.period_id", "released"));
    REQUIRE_FALSE(o.problems.empty());
    CHECK(o.problems[0].message.nb == "Perioden ble ikke tildelt innen to måneder og lyses ut som ordinært vikariat fra 22.01.2027.");
    // The day before, it could still be offered, and that offer then holds it.
    CHECK(run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2027-03-01", "2027-08-31"), {2027, 1, 21}).accepted);
    CHECK(held_by_offer(s, "p9", kRelease));
}

TEST_CASE("an offer stored before deadlines existed reads as made + 14 days; a stored deadline is a date not before the offer") {
    json old = {{"id", "o1"}, {"period_id", "p1"}, {"hospital_id", "hf1"}, {"doctor_id", "d1"}, {"status", "pending"},
                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"offered_on", "2026-11-22"}, {"answered_on", nullptr},
                {"message", ""}};
    Problems problems;
    const auto parsed = parse_offer(old, problems);
    REQUIRE(parsed);
    CHECK(parsed->answer_by == kDeadline);
    CHECK(json(*parsed)["answer_by"] == "2026-12-06");  // written out from now on
    old["status"] = "lapsed";
    REQUIRE(parse_offer(old, problems));
    CHECK(parse_offer(old, problems)->status == OfferStatus::lapsed);
    old["answer_by"] = "2026-11-21";
    problems.clear();
    CHECK_FALSE(parse_offer(old, problems));
    CHECK(alis::testing::has_problem(problems, "offer.answer_by", "deadline_before_offer"));
    problems.clear();
    old["answer_by"] = "06.12.2026";
    CHECK_FALSE(parse_offer(old, problems));
    CHECK_FALSE(problems.empty());
    CHECK(problems[0].field == "offer.answer_by");
}

TEST_CASE("the server's job versions the lapse, so clients receive it") {
    SyncServer server = region_server();
    CHECK(server.release_unmatched(kDeadline).changes.empty());
    const ServerChanges c = server.release_unmatched(add_days(kDeadline, 1));
    REQUIRE(c.changes.size() == 2);
    CHECK(c.changes[0].key == RecordKey{RecordKind::offer, "o1"});
    CHECK(server.state().offers.at("o1").status == OfferStatus::lapsed);
    CHECK(c.version > 0);
}
