// Expired information is deleted by the expiry job, and the deletions reach replicas as tombstones.
#include "alis/sync/facts.hpp"
#include "alis/sync/replica.hpp"
#include "alis/sync/retention.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

TEST_CASE("ended available time, passed wishes and long-struck entries expire; nothing else does") {
    PortalState s = region();
    must(s, gp(1), "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}, {"rank", 2}, {"specialty", "psykiatri"}, {"latest_end", "2027-03-31"}});
    must(s, municipality(2), "strike_candidate", {{"candidate_id", "c2"}, {"reason", "Tjeneste i Helse Førde"}});
    CHECK(expire_outdated(s, kToday).empty());
    const auto changed = expire_outdated(s, {2028, 1, 1});  // at1/at2 end 2027-12-31; w9 ended; c2 struck > 1 year
    CHECK(changed == std::vector<RecordKey>{{RecordKind::doctor, "d1"}, {RecordKind::doctor, "d2"}, {RecordKind::available_time, "at1"},
                                            {RecordKind::available_time, "at2"}, {RecordKind::wish, "w9"}, {RecordKind::candidate, "c2"}});
    CHECK_FALSE(s.wishes.count("w9"));
    CHECK(s.wishes.count("w1"));  // no latest end: kept
    CHECK(s.candidates.count("c1"));
    CHECK(s.periods.size() == 2);
    CHECK(s.offers.size() == 2);
}

TEST_CASE("the expiry job's deletions reach the replica") {
    SyncServer server = region_server();
    Replica r("laptop-1", gp(1));
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), kToday));
    REQUIRE(r.view().available_times.count("at1"));
    const ServerChanges c = server.expire_outdated({2028, 1, 1});
    CHECK(std::any_of(c.changes.begin(), c.changes.end(), [](const RecordChange& x) { return x.key.id == "at1" && x.deleted; }));
    REQUIRE(r.apply_pull(server.pull(gp(1), r.make_pull()), {2028, 1, 1}));
    CHECK_FALSE(r.view().available_times.count("at1"));
    CHECK(r.view() == server.view_for(gp(1)));
}

TEST_CASE("a period and its offers are deleted the day after it ended the policy's months ago") {
    PortalState s = region();  // p1 and p2 end 2027-07-31; default: kept 24 months
    const Date anniversary = add_months({2027, 7, 31}, kKeepEndedPeriodMonths);
    CHECK(anniversary == Date{2029, 7, 31});
    PortalState kept = s;
    expire_outdated(kept, anniversary);
    CHECK(kept.periods.count("p1"));
    CHECK(kept.offers.count("o1"));
    const auto changed = expire_outdated(s, add_days(anniversary, 1));
    CHECK_FALSE(s.periods.count("p1"));
    CHECK_FALSE(s.offers.count("o1"));
    CHECK(std::find(changed.begin(), changed.end(), RecordKey{RecordKind::period, "p1"}) != changed.end());
    CHECK(std::find(changed.begin(), changed.end(), RecordKey{RecordKind::offer, "o1"}) != changed.end());

    // A shorter policy deletes earlier; the struck-candidate rule follows its own setting.
    PortalState shorter = region();
    RetentionPolicy policy;
    policy.ended_period_months = 1;
    expire_outdated(shorter, {2027, 8, 31}, policy);
    CHECK(shorter.periods.count("p1"));
    expire_outdated(shorter, {2027, 9, 1}, policy);
    CHECK_FALSE(shorter.periods.count("p1"));
}

TEST_CASE("a struck entry is kept exactly the policy's days after the strike") {
    PortalState s = region();
    must(s, municipality(2), "strike_candidate", {{"candidate_id", "c2"}, {"reason", "Tjeneste i Helse Førde"}});  // struck on kToday
    RetentionPolicy policy;
    policy.struck_candidate_days = 30;
    expire_outdated(s, add_days(kToday, 30), policy);
    CHECK(s.candidates.count("c2"));
    expire_outdated(s, add_days(kToday, 31), policy);
    CHECK_FALSE(s.candidates.count("c2"));
}

TEST_CASE("the period facts name no doctor and outlive the deletion of the period") {
    PortalState s = region();
    REQUIRE(apply_mutation(s, gp(1), Mutation{1, "accept_offer", {{"offer_id", "o1"}}}, {2026, 12, 2}).accepted);
    release_unmatched_periods(s, {2027, 1, 22});
    const auto facts = period_facts(s);
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].period_id == "p1");
    CHECK(facts[0].outcome == "matched");
    CHECK(facts[0].days_to_match == 10);
    CHECK(facts[0].municipality_id == "mun1");
    CHECK(facts[0].specialty == "indremedisin");
    CHECK(facts[1].outcome == "released");
    CHECK_FALSE(facts[1].days_to_match);
    const std::string text = nlohmann::json(facts).dump();
    for (const char* personal : {"d1", "d2", "Ødegård", "1234561", "u-gp1"}) CHECK(text.find(personal) == std::string::npos);
    expire_outdated(s, {2030, 1, 1});
    CHECK(s.periods.empty());
    CHECK(period_facts(s).empty());  // the server keeps the facts taken before (tests/sync)
}
