// Domain rules enforced by apply_mutation, and its handling of bad input.
#include <stdexcept>

#include "fixture.hpp"

using namespace fixture;

TEST_CASE("publishing a period stamps today's date and the published status, whatever the client sent") {
    PortalState s = region();
    auto p = period_json("p9", 1);
    p["published_on"] = "2020-01-01";
    p["status"] = "filled";
    const Outcome o = run(s, hospital(1), "publish_period", p);
    REQUIRE(o.accepted);
    CHECK(s.periods.at("p9").published_on == kToday);
    CHECK(s.periods.at("p9").status == PeriodStatus::published);
    CHECK(s.periods.at("p9").specialty == "indremedisin");
    CHECK(o.changed == std::vector<RecordKey>{{RecordKind::period, "p9"}});
}

TEST_CASE("a period shorter than six months, or starting in the past, is refused with the field named") {
    PortalState s = region();
    CHECK(has_problem(run(s, hospital(1), "publish_period", period_json("p9", 1, "2027-02-01", "2027-06-30")), "period.end",
                      "minimum_service"));
    CHECK(has_problem(run(s, hospital(1), "publish_period", period_json("p9", 1, "2026-01-01", "2026-12-31")), "period.start",
                      "start_in_past"));
    auto other_dept = period_json("p9", 1);
    other_dept["department_id"] = "dep2";
    CHECK(has_problem(run(s, hospital(1), "publish_period", other_dept), "period.department_id", "department_of_other_hospital"));
}

TEST_CASE("a one-place period cannot be accepted by two GPs") {
    PortalState s = region();
    must(s, office(), "make_offer", offer_json("o-second", "p1", "d2"));  // hospital 1 cannot see d2; the office can
    REQUIRE(run(s, gp(1), "accept_offer", {{"offer_id", "o1"}}).accepted);
    CHECK(s.periods.at("p1").status == PeriodStatus::filled);
    CHECK(s.offers.at("o-second").status == OfferStatus::withdrawn);  // the others hear at once
    const Outcome second = run(s, gp(2), "accept_offer", {{"offer_id", "o-second"}});
    CHECK_FALSE(second.accepted);
    CHECK(has_problem(second, "args.offer_id", "no_places_left"));  // not merely "withdrawn"
}

TEST_CASE("accepting when every place is taken is refused as no_places_left") {
    PortalState s = region();
    must(s, office(), "make_offer", offer_json("o-second", "p1", "d2"));
    s.offers.at("o1").status = OfferStatus::accepted;  // e.g. accepted on the server while this GP was offline
    const Outcome o = run(s, gp(2), "accept_offer", {{"offer_id", "o-second"}});
    CHECK(has_problem(o, "args.offer_id", "no_places_left"));
}

TEST_CASE("an offer is answered only by its GP, never by the office or another GP") {
    PortalState s = region();
    CHECK(has_problem(run(s, gp(2), "accept_offer", {{"offer_id", "o1"}}), "args.offer_id", "not_found"));
    CHECK(has_problem(run(s, office(), "accept_offer", {{"offer_id", "o1"}}), "name", "role_not_allowed"));
    CHECK(s.offers.at("o1").status == OfferStatus::pending);
}

TEST_CASE("a GP with under three years in general practice cannot accept") {
    PortalState s = region();
    must(s, gp(1), "update_doctor", doctor_json(1, "2025-01-01"));
    const Outcome o = run(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    CHECK(has_problem(o, "args.offer_id", "general_practice_3_years"));
    CHECK(o.problems[0].message.nb.find("3 år") != std::string::npos);
}

TEST_CASE("a rejected mutation leaves the state exactly as it was") {
    PortalState s = region();
    const PortalState before = s;
    CHECK_FALSE(run(s, hospital(1), "edit_period", period_json("p1", 1, "2027-02-01", "2027-03-01")).accepted);
    CHECK_FALSE(run(s, gp(1), "rank_wishes", {{"doctor_id", "d1"}, {"wish_ids", json::array({"w1", "w2"})}}).accepted);
    CHECK(s == before);
}

TEST_CASE("bad input is rejected with the field and rule named, never an exception") {
    PortalState s = region();
    const PortalState before = s;
    CHECK(has_problem(run(s, gp(1), "fly_to_moon", json::object()), "name", "unknown_mutation"));
    CHECK(has_problem(apply_mutation(s, gp(1), Mutation{1, "put_wish", json::array()}, kToday), "args", "not_an_object"));
    CHECK(has_problem(run(s, gp(1), "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}}), "wish.rank", "required"));
    CHECK(has_problem(run(s, gp(1), "delete_wish", {{"id", 42}}), "args.id", "not_text"));
    CHECK(has_problem(run(s, gp(1), "delete_wish", {{"id", std::string(100, 'x')}}), "args.id", "too_long"));
    auto huge = doctor_json(1);
    huge["cv_text"] = std::string(30000, 'a');
    CHECK(has_problem(run(s, gp(1), "update_doctor", huge), "doctor.cv_text", "too_long"));
    CHECK(has_problem(run(s, gp(1), "rank_wishes", {{"doctor_id", "d1"}, {"wish_ids", "w1"}}), "args.wish_ids", "not_a_list"));
    CHECK(has_problem(run(s, gp(1), "put_wish", json(nullptr)), "args", "not_an_object"));
    CHECK(s == before);
}

TEST_CASE("the two-month rule releases unmatched periods once no pending offer holds them") {
    PortalState s = region();
    REQUIRE(run(s, gp(2), "accept_offer", {{"offer_id", "o2"}}).accepted);  // p2 is matched
    // One day early: only o1, unanswered since its deadline 06.12.2026, lapses.
    CHECK(release_unmatched_periods(s, {2027, 1, 21}) == std::vector<RecordKey>{{RecordKind::offer, "o1"}});
    CHECK(s.offers.at("o1").status == OfferStatus::lapsed);
    const auto changed = release_unmatched_periods(s, {2027, 1, 22});
    CHECK(changed == std::vector<RecordKey>{{RecordKind::period, "p1"}});
    CHECK(s.periods.at("p1").status == PeriodStatus::released);
    CHECK(s.periods.at("p2").status == PeriodStatus::filled);
}

TEST_CASE("a municipal list keeps positions 1..n through add, reorder, strike and delete") {
    PortalState s = region();
    must(s, system_actor(), "register_doctor", [] { auto d = doctor_json(3); d["municipality_id"] = "mun1"; return d; }());
    must(s, municipality(1), "put_candidate", {{"id", "c3"}, {"municipality_id", "mun1"}, {"doctor_id", "d3"}, {"education_plan", "Plan"}});
    CHECK(s.candidates.at("c3").position == 2);
    must(s, municipality(1), "set_candidate_order", {{"municipality_id", "mun1"}, {"candidate_ids", {"c3", "c1"}}});
    CHECK(s.candidates.at("c3").position == 1);
    CHECK(s.candidates.at("c1").position == 2);
    CHECK(has_problem(run(s, municipality(1), "set_candidate_order", {{"municipality_id", "mun1"}, {"candidate_ids", {"c3"}}}),
                      "args.candidate_ids", "must_list_all_candidates"));
    CHECK(has_problem(run(s, municipality(1), "strike_candidate", {{"candidate_id", "c1"}}), "args.reason", "required"));
    must(s, municipality(1), "strike_candidate", {{"candidate_id", "c1"}, {"reason", "Fikk sykehustjeneste i Helse Førde"}});
    CHECK(s.candidates.at("c1").struck);
    CHECK(s.candidates.at("c1").struck_on == kToday);
    must(s, municipality(1), "delete_candidate", {{"candidate_id", "c3"}});
    CHECK(s.candidates.at("c1").position == 1);
    CHECK(has_problem(run(s, municipality(1), "put_candidate", {{"id", "c9"}, {"municipality_id", "mun1"}, {"doctor_id", "d2"}}),
                      "candidate.doctor_id", "not_found"));
}

TEST_CASE("deleting a doctor deletes everything about the doctor") {
    PortalState s = region();
    must(s, system_actor(), "set_regional_list", {{"doctor_ids", {"d1", "d2"}}});
    const Outcome o = run(s, gp(1), "delete_doctor", {{"doctor_id", "d1"}});
    REQUIRE(o.accepted);
    CHECK_FALSE(s.doctors.count("d1"));
    CHECK_FALSE(s.wishes.count("w1"));
    CHECK_FALSE(s.available_times.count("at1"));
    CHECK_FALSE(s.offers.count("o1"));
    CHECK_FALSE(s.candidates.count("c1"));
    CHECK(s.regional_lists.at(kRegionalListId).doctor_ids == std::vector<std::string>{"d2"});
    CHECK(s.doctors.count("d2"));
}

TEST_CASE("changes that alter who sees a doctor also mark the doctor and their free time changed") {
    PortalState s = region();
    const Outcome o = run(s, gp(1), "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}, {"rank", 2}, {"hospital_id", "hf2"}});
    REQUIRE(o.accepted);
    CHECK(o.changed == std::vector<RecordKey>{{RecordKind::doctor, "d1"}, {RecordKind::available_time, "at1"}, {RecordKind::wish, "w9"}});
}

TEST_CASE("the catalogue names every mutation apply_mutation knows") {
    PortalState s = region();
    for (const auto& info : mutation_catalogue()) {
        const Outcome o = run(s, office(), info.name, json::object());
        CHECK_FALSE(has_problem(o, "name", "unknown_mutation"));
    }
    CHECK(mutation_catalogue().size() == 29);
}

TEST_CASE("an overlong unknown name is echoed cut at a character boundary, so the rejection serialises") {
    PortalState s = region();
    std::string name(63, 'x');
    name += "ø";  // two bytes straddling the 64-byte cut
    const Outcome o = run(s, gp(1), name + "ø", json::object());
    REQUIRE(has_problem(o, "name", "unknown_mutation"));
    CHECK_NOTHROW((void)json(o.problems).dump());
    CHECK(o.problems[0].message.en == "Unknown mutation: " + std::string(63, 'x') + ".");
}

TEST_CASE("one GP cannot grow the state without bound: at most 100 wishes") {
    PortalState s = region();
    for (int i = 2; i <= 100; ++i) {
        must(s, gp(1), "put_wish", {{"id", "wx" + std::to_string(i)}, {"doctor_id", "d1"}, {"rank", 1}, {"specialty", "psykiatri"}});
    }
    const Outcome o = run(s, gp(1), "put_wish", {{"id", "wx101"}, {"doctor_id", "d1"}, {"rank", 1}, {"specialty", "psykiatri"}});
    CHECK(has_problem(o, "wish.id", "too_many"));
    CHECK_FALSE(s.wishes.count("wx101"));
    CHECK(run(s, gp(1), "put_wish", {{"id", "wx50"}, {"doctor_id", "d1"}, {"rank", 3}, {"specialty", "psykiatri"}}).accepted);
    CHECK(run(s, gp(2), "put_wish", {{"id", "wy"}, {"doctor_id", "d2"}, {"rank", 1}, {"specialty", "psykiatri"}}).accepted);
}

TEST_CASE("an id taken by a record the actor may not see is not_found, never already_exists") {
    PortalState s = region();
    // Another GP's ids: the wish, the free time and the subscription of gp(2).
    CHECK(has_problem(run(s, gp(1), "put_wish", {{"id", "w2"}, {"doctor_id", "d1"}, {"rank", 2}, {"department_id", "dep1"}}),
                      "wish.id", "not_found"));
    CHECK(has_problem(run(s, gp(1), "put_available_time", {{"id", "at2"}, {"doctor_id", "d1"}, {"start", "2027-01-01"}, {"end", "2027-02-01"}}),
                      "available_time.id", "not_found"));
    CHECK(has_problem(run(s, gp(1), "put_subscription", {{"id", "s-u-gp2"}, {"user_id", "u-gp1"}, {"topic", "offers"}}),
                      "subscription.id", "not_found"));
    // Another hospital's offer, another municipality's list entry.
    json offer = offer_json("o2", "p1", "d1");
    CHECK(has_problem(run(s, hospital(1), "make_offer", offer), "offer.id", "not_found"));
    CHECK(has_problem(run(s, municipality(1), "put_candidate", {{"id", "c2"}, {"municipality_id", "mun1"}, {"doctor_id", "d1"}}),
                      "candidate.id", "not_found"));
    // A record the actor sees keeps already_exists: its own offer, a public period.
    CHECK(has_problem(run(s, hospital(1), "make_offer", offer_json("o1", "p1", "d1")), "offer.id", "already_exists"));
    CHECK(has_problem(run(s, hospital(1), "publish_period", period_json("p1", 1)), "period.id", "already_exists"));
    CHECK(has_problem(run(s, office(), "put_wish", {{"id", "w2"}, {"doctor_id", "d1"}, {"rank", 2}, {"department_id", "dep1"}}),
                      "wish.id", "already_exists"));
}
