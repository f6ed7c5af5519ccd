// Making and accepting an offer use the matching's feasibility test (matching::check_service): a GP
// struck from a list, already placed, not eligible on the first day, or offered too short a service
// is refused, naming the same rule the matching's explanation names.
#include "alis/matching/feasibility.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {
void strike(PortalState& s, int side) {
    must(s, municipality(side), "strike_candidate", {{"candidate_id", side_id("c", side)}, {"reason", "Fikk tjeneste i Helse Førde"}});
}
}  // namespace

TEST_CASE("an offer to a GP struck from the municipal list is refused, naming the GP to the hospital") {
    PortalState s = region();
    strike(s, 1);
    must(s, hospital(1), "publish_period", period_json("p9", 1));
    const Outcome made = run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1"));
    CHECK(has_problem(made, "offer.doctor_id", "struck_from_list"));
    REQUIRE_FALSE(made.problems.empty());
    CHECK(made.problems[0].message.nb.rfind("Åse Ødegård er strøket", 0) == 0);
    // The pending offer made before the strike cannot be accepted either, and the GP reads "du".
    const Outcome accepted = run(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    CHECK(has_problem(accepted, "args.offer_id", "struck_from_list"));
    CHECK(accepted.problems[0].message.nb.rfind("Du er strøket", 0) == 0);
}

TEST_CASE("a GP already placed by an accepted offer gets no new offer and cannot accept a second one") {
    PortalState s = region();
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2028-02-01", "2028-07-31"));
    must(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2028-02-01", "2028-07-31"));
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    // A second service that does not even overlap the first is refused: the GP is placed.
    const Outcome second = run(s, gp(1), "accept_offer", {{"offer_id", "o9"}});
    CHECK(has_problem(second, "args.offer_id", "already_placed"));
    CHECK(s.offers.at("o9").status == OfferStatus::pending);
    must(s, hospital(1), "publish_period", period_json("p10", 1, "2028-08-01", "2029-01-31"));
    const Outcome made = run(s, hospital(1), "make_offer", offer_json("o10", "p10", "d1", "2028-08-01", "2029-01-31"));
    CHECK(has_problem(made, "offer.doctor_id", "already_placed"));
    CHECK(made.problems[0].message.en == "Åse Ødegård already has a period of hospital service.");
}

TEST_CASE("eligibility is checked when the offer is made, on its first day: one day before, on, and after") {
    PortalState s = region();
    must(s, hospital(2), "publish_period", period_json("p9", 2, "2027-02-01", "2027-12-31"));
    // Three years in general practice reached on 02.02.2027: one day after the offered start.
    must(s, gp(2), "update_doctor", doctor_json(2, "2024-02-02"));
    const Outcome early = run(s, hospital(2), "make_offer", offer_json("o9", "p9", "d2", "2027-02-01", "2027-07-31"));
    CHECK(has_problem(early, "offer.start", "general_practice_3_years"));
    CHECK(early.problems[0].message.nb ==
          "Krever minst 3 år i allmennpraksis på første tjenestedag (01.02.2027); oppfylt fra 02.02.2027.");
    // Reached on the first day, or the day before: the offer stands.
    must(s, gp(2), "update_doctor", doctor_json(2, "2024-02-01"));
    CHECK(run(s, hospital(2), "make_offer", offer_json("o9", "p9", "d2", "2027-02-01", "2027-07-31")).accepted);
    must(s, gp(2), "update_doctor", doctor_json(2, "2024-01-31"));
    must(s, hospital(2), "publish_period", period_json("p10", 2, "2027-02-01", "2027-12-31"));
    CHECK(run(s, hospital(2), "make_offer", offer_json("o10", "p10", "d2", "2027-02-01", "2027-07-31")).accepted);
}

TEST_CASE("the offered service must hold the scheme's minimum, and the old scheme says why it needs 12") {
    PortalState s = region();
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2027-02-01", "2027-12-31"));
    const Outcome short_one = run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2027-02-01", "2027-07-30"));
    CHECK(has_problem(short_one, "offer.end", "minimum_service"));
    CHECK(short_one.problems[0].message.nb ==
          "Tjenesten 01.02.2027–30.07.2027 er 5 hele måneder; 6 trengs, det vil si til og med 31.07.2027.");
    auto old = doctor_json(1);
    old["scheme"] = "old";
    must(s, gp(1), "update_doctor", old);
    const Outcome o = run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2027-02-01", "2027-07-31"));
    CHECK(has_problem(o, "offer.end", "minimum_service"));
    CHECK(o.problems[0].message.nb.find("6 hele måneder; etter gammel ordning trengs 12 måneder") != std::string::npos);
    CHECK(o.problems[0].message.nn.find("6 heile månader; etter gammal ordning trengst 12 månader") != std::string::npos);
}

TEST_CASE("an offer refusal names the same rule as the matching's explanation for that GP and span") {
    PortalState s = region();
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2027-02-01", "2027-12-31"));
    const DateRange span{{2027, 2, 1}, {2027, 7, 31}};
    for (const char* start : {"2024-01-31", "2024-02-01", "2024-02-02", "2026-01-01"}) {
        must(s, gp(1), "update_doctor", doctor_json(1, start));
        matching::DoctorSituation gp1;
        gp1.profile = &s.doctors.at("d1");
        const std::string rule = matching::rule_name(matching::check_service(gp1, span).outcome);
        const Outcome o = run(s, hospital(1), "make_offer", offer_json("o9", "p9", "d1", "2027-02-01", "2027-07-31"));
        INFO(start);
        CHECK(o.accepted == (rule == "feasible"));
        if (!o.accepted) CHECK(o.problems[0].rule == rule);
        s.offers.erase("o9");
    }
}
