// The evaluation's figures about GPs and offers (alis/sync/evaluation.hpp, doctor_facts.hpp) on a
// history whose answers were worked out by hand, a hospital's and a municipality's own part, and
// figures for a past window that do not change when a GP deletes the profile.
#include <nlohmann/json.hpp>

#include "alis/rules.hpp"
#include "alis/sync/doctor_facts.hpp"
#include "alis/sync/evaluation.hpp"
#include "alis/sync/evaluation_report.hpp"
#include "alis/sync/facts.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

const EvaluationWindow kQ1{{2027, 1, 1}, {2027, 3, 31}};

DoctorFact gp_fact(const std::string& municipality, std::optional<Date> registered, std::optional<Date> left, Date eligible,
                   std::vector<DateRange> free, int wishes, const std::string& candidate_of = "", std::optional<Date> struck_on = {}) {
    DoctorFact f;
    f.municipality_id = municipality;
    f.registered_on = registered;
    f.left_on = left;
    f.eligible_from = eligible;
    f.free_time = std::move(free);
    f.wishes = wishes;
    f.candidate_of = candidate_of;
    f.struck = struck_on.has_value();
    f.struck_on = struck_on;
    return f;
}

OfferFact offer_fact(const std::string& hospital, const std::string& municipality, Date offered, const std::string& status) {
    return {hospital, hospital == "h1" ? "d1" : "d3", municipality, offered, status, {}};
}

PeriodFact period_fact(const std::string& id, const std::string& hospital, Date published, const std::string& outcome,
                       const std::string& municipality, const std::string& reason, int days) {
    PeriodFact f;
    f.period_id = id;
    f.hospital_id = hospital;
    f.department_id = hospital == "h1" ? "d1" : "d3";
    f.published_on = published;
    f.outcome = outcome;
    if (outcome == "matched") {
        f.days_to_match = 10;
        f.matched_on = add_days(published, 10);
    }
    f.municipality_id = municipality;
    f.reason = reason;
    f.days = days;
    return f;
}

// The first quarter of 2027 (kQ1). By hand:
// GPs  g1 m1 registered 01.06.2026, eligible, free Feb-Jul 2027, 2 wishes, m1's candidate
//      g2 m1 registered 10.02.2027 (new), eligible only from 2028, free May-Jun (outside), 1 wish, m1's candidate
//      g3 m1 registered before records, deleted 15.01.2027, eligible, free 01.12.2026-10.01.2027, 1 wish,
//         m1's candidate struck 05.01.2027 (on the list in the window, struck in it)
//      g4 m2 registered 2026, deleted 31.12.2026: not in the window at all
//      g5 m2 registered 01.04.2027: after the window
//      g6 m2 registered 05.05.2026, eligible, no free time, 3 wishes, struck from m2's list 01.12.2026
//      g7-g11 m3 registered 2026, eligible, free 31.03-30.04.2027 (touches the window's last day), 1 wish, m3's candidates
//  registered g1 g2 g3 g6 g7-11 = 9; newly g2 = 1; free time and wishes g1 g3 g7-11 = 7; eligible g1 g3 g6 g7-11 = 8;
//  candidates g1 g2 g3 g7-11 = 8; struck g3 = 1; left g3 = 1.
// Offers made in the window: h1 to m1 05.01 accepted, 06.01 declined; h2 to m3 01.02 withdrawn, 31.03 lapsed,
//  15.03 pending (h1's 31.12.2026 is outside): 5 made, one of each; h1 2, h2 3.
// Periods: q1 h1 10.01 matched m1 parental leave 183 days; q2-q6 h2 01-05.02 matched m3 education 61 days
//  each; q7 h2 10.03 withdrawn, no reason, 30 days; q8 h1 01.12.2026 outside.
//  Months (days / 30.4375): parental leave 6.0, education 305 d = 10.0, none 1.0; all 518 d = 17.0.
// By municipality: m1 3 GPs, 3 candidates, 1 placed: all withheld, no share; m2 1 GP (withheld), 0 candidates,
//  0 placed, no share (no candidates); m3 5, 5, 5: share 1.
EvaluationFacts history() {
    EvaluationFacts f;
    const Date old{2019, 1, 1};
    f.doctors = {gp_fact("m1", Date{2026, 6, 1}, {}, {2021, 1, 1}, {{{2027, 2, 1}, {2027, 7, 31}}}, 2, "m1"),
                 gp_fact("m1", Date{2027, 2, 10}, {}, {2028, 1, 1}, {{{2027, 5, 1}, {2027, 6, 30}}}, 1, "m1"),
                 gp_fact("m1", {}, Date{2027, 1, 15}, old, {{{2026, 12, 1}, {2027, 1, 10}}}, 1, "m1", Date{2027, 1, 5}),
                 gp_fact("m2", Date{2026, 1, 1}, Date{2026, 12, 31}, old, {{{2027, 1, 1}, {2027, 3, 1}}}, 1, "m2"),
                 gp_fact("m2", Date{2027, 4, 1}, {}, old, {{{2027, 1, 1}, {2027, 3, 1}}}, 1, "m2"),
                 gp_fact("m2", Date{2026, 5, 5}, {}, old, {}, 3, "m2", Date{2026, 12, 1})};
    for (int i = 0; i < 5; ++i) f.doctors.push_back(gp_fact("m3", Date{2026, 1, 1}, {}, old, {{{2027, 3, 31}, {2027, 4, 30}}}, 1, "m3"));
    f.offers = {offer_fact("h1", "m1", {2027, 1, 5}, "accepted"), offer_fact("h1", "m1", {2027, 1, 6}, "declined"),
                offer_fact("h2", "m3", {2027, 2, 1}, "withdrawn"), offer_fact("h2", "m3", {2027, 3, 31}, "lapsed"),
                offer_fact("h2", "m3", {2027, 3, 15}, "pending"), offer_fact("h1", "m2", {2026, 12, 31}, "accepted")};
    f.periods = {period_fact("q1", "h1", {2027, 1, 10}, "matched", "m1", "parental_leave", 183)};
    for (int i = 2; i <= 6; ++i) f.periods.push_back(period_fact("q" + std::to_string(i), "h2", {2027, 2, i - 1}, "matched", "m3", "education", 61));
    f.periods.push_back(period_fact("q7", "h2", {2027, 3, 10}, "withdrawn", "", "", 30));
    f.periods.push_back(period_fact("q8", "h1", {2026, 12, 1}, "matched", "m2", "parental_leave", 90));
    return f;
}

}  // namespace

TEST_CASE("GPs, offers and periods by reason in the first quarter of 2027, worked out by hand") {
    const Evaluation e = evaluate(history(), kQ1);
    CHECK(e.doctors.registered == 9);
    CHECK(e.doctors.newly_registered == 1);
    CHECK(e.doctors.with_free_time_and_wishes == 7);
    CHECK(e.doctors.eligible == 8);
    CHECK(e.doctors.candidates == 8);
    CHECK(e.doctors.struck == 1);
    CHECK(e.doctors.left == 1);

    CHECK(e.offers.made == 5);
    CHECK(e.offers.accepted == 1);
    CHECK(e.offers.declined == 1);
    CHECK(e.offers.withdrawn == 1);
    CHECK(e.offers.lapsed == 1);
    CHECK(e.offers.pending == 1);
    CHECK(e.offers_by_hospital.at("h1").made == 2);
    CHECK(e.offers_by_hospital.at("h2").made == 3);

    CHECK(e.by_reason.at("parental_leave").periods == 1);
    CHECK(e.by_reason.at("education").periods == 5);
    CHECK(e.by_reason.at("education").places == 5);
    CHECK(e.by_reason.at("education").months == doctest::Approx(305 / 30.4375));
    CHECK(e.by_reason.at("").periods == 1);
    CHECK(e.months == doctest::Approx(518 / 30.4375));

    const MunicipalityFigures& m1 = e.by_municipality.at("m1");
    CHECK_FALSE(m1.gps.shown);
    CHECK_FALSE(m1.candidates.shown);
    CHECK_FALSE(m1.placed.shown);
    CHECK_FALSE(m1.placed_share);
    const MunicipalityFigures& m2 = e.by_municipality.at("m2");
    CHECK_FALSE(m2.gps.shown);
    CHECK(m2.candidates.shown);
    CHECK(m2.candidates.value == 0);
    CHECK_FALSE(m2.placed_share);
    const MunicipalityFigures& m3 = e.by_municipality.at("m3");
    CHECK(m3.gps.value == 5);
    CHECK(m3.candidates.value == 5);
    CHECK(m3.placed.value == 5);
    CHECK(*m3.placed_share == 1.0);
}

TEST_CASE("the edges of the window: a GP deleted on its first day and registered on its last day count") {
    EvaluationFacts f;
    f.doctors = {gp_fact("m1", Date{2027, 3, 31}, {}, {2020, 1, 1}, {}, 0), gp_fact("m1", Date{2026, 1, 1}, Date{2027, 1, 1}, {2020, 1, 1}, {}, 0),
                 gp_fact("m1", Date{2026, 1, 1}, Date{2026, 12, 31}, {2020, 1, 1}, {}, 0),
                 gp_fact("m1", Date{2027, 4, 1}, {}, {2020, 1, 1}, {}, 0), gp_fact("m1", Date{2026, 1, 1}, {}, {2027, 3, 31}, {}, 0),
                 gp_fact("m1", Date{2026, 1, 1}, {}, {2027, 4, 1}, {}, 0)};
    const Evaluation e = evaluate(f, kQ1);
    CHECK(e.doctors.registered == 4);  // the 1st, 2nd, 5th and 6th
    CHECK(e.doctors.left == 1);
    CHECK(e.doctors.eligible == 3);    // not the 6th: eligible from the day after the window
}

TEST_CASE("a fact's eligibility is core's rule 1") {
    PortalState s = region();
    const auto facts = doctor_facts(s, {{"d1", Date{2026, 11, 1}}});
    const DoctorFact& d1 = facts.at("d1");
    CHECK(d1.registered_on == Date{2026, 11, 1});
    CHECK_FALSE(facts.at("d2").registered_on);
    CHECK(eligibility(s.doctors.at("d1"), d1.eligible_from).ok);
    CHECK_FALSE(eligibility(s.doctors.at("d1"), add_days(d1.eligible_from, -1)).ok);
    CHECK(d1.wishes == 1);
    CHECK(d1.candidate_of == "mun1");
    REQUIRE(d1.free_time.size() == 1);
    CHECK(d1.free_time[0] == DateRange{{2027, 1, 1}, {2027, 12, 31}});
}

TEST_CASE("a hospital's part has only its own periods and offers; a municipality's only its own GPs") {
    const EvaluationFacts all = history();
    const Evaluation h1 = evaluate(all, kQ1, {EvaluationScope::Kind::hospital, "h1"});
    CHECK(h1.total.periods == 1);
    CHECK(h1.by_hospital.size() == 1);
    CHECK(h1.by_hospital.count("h1") == 1);
    CHECK(h1.offers.made == 2);
    CHECK(h1.offers_by_hospital.count("h2") == 0);
    CHECK(h1.doctors.registered == 0);  // a hospital has no GPs of its own
    CHECK(h1.scheme_start == Date{2026, 12, 1});  // the region's, as the presets need
    const Evaluation h2 = evaluate(all, kQ1, {EvaluationScope::Kind::hospital, "h2"});
    CHECK(h2.total.periods == 6);
    CHECK(h2.by_hospital.count("h1") == 0);
    CHECK(h2.offers.made == 3);

    const Evaluation m3 = evaluate(all, kQ1, {EvaluationScope::Kind::municipality, "m3"});
    CHECK(m3.doctors.registered == 5);
    CHECK(m3.doctors.candidates == 5);
    CHECK(m3.total.matched == 5);  // the periods its GPs were placed in
    CHECK(m3.offers.made == 3);
    CHECK(m3.by_municipality.size() == 1);
    CHECK(*m3.by_municipality.at("m3").placed_share == 1.0);
    const Evaluation m1 = evaluate(all, kQ1, {EvaluationScope::Kind::municipality, "m1"});
    CHECK(m1.doctors.registered == 3);
    CHECK(m1.offers.made == 2);
    CHECK(m1.by_municipality.count("m3") == 0);
    CHECK_FALSE(m1.by_municipality.at("m1").gps.shown);  // its own small count is withheld too
    CHECK(m1.placed_by_municipality.count("m3") == 0);
}

TEST_CASE("a past window's GP and offer figures are the same after a GP deletes the profile") {
    PortalState s = region();
    REQUIRE(apply_mutation(s, gp(1), Mutation{1, "accept_offer", {{"offer_id", "o1"}}}, {2026, 12, 2}).accepted);
    const std::map<std::string, Date> registered{{"d1", {2026, 11, 1}}, {"d2", {2026, 11, 1}}};
    // By hand, for November 2026 - June 2027: 2 GPs registered, both eligible (in general practice
    // since 2018), both free in 2027 with a wish, both candidates; 2 offers made 22.11.2026, o1 accepted
    // and o2 pending; p1 matched with d1 of mun1.
    const EvaluationWindow window{{2026, 11, 1}, {2027, 6, 30}};
    auto current = [](const PortalState& st, const std::map<std::string, Date>& reg) {
        EvaluationFacts f;
        f.periods = period_facts(st);
        for (auto& [id, d] : doctor_facts(st, reg)) f.doctors.push_back(d);
        for (auto& [id, o] : offer_facts(st)) f.offers.push_back(o);
        return f;
    };
    const Evaluation before = evaluate(current(s, registered), window);
    CHECK(before.doctors.registered == 2);
    CHECK(before.doctors.eligible == 2);
    CHECK(before.doctors.with_free_time_and_wishes == 2);
    CHECK(before.doctors.candidates == 2);
    CHECK(before.offers.made == 2);
    CHECK(before.offers.accepted == 1);
    CHECK(before.offers.pending == 1);
    CHECK(before.placed_by_municipality.at("mun1").value == 1);

    // What the server keeps on the deletion (sync/src/kept_facts.cpp), as JSON rows and back, taken
    // from the state before it; the registration row of d1 is forgotten.
    const auto doctors_before = doctor_facts(s, registered);
    const auto offers_before = offer_facts(s);
    EvaluationFacts kept;
    for (const PeriodFact& f : period_facts(s)) kept.periods.push_back(*period_fact_from_json(nlohmann::json(f)));
    const Date deleted_on{2027, 7, 10};
    REQUIRE(apply_mutation(s, gp(1), Mutation{2, "delete_doctor", {{"doctor_id", "d1"}}}, deleted_on).accepted);
    REQUIRE(s.doctors.count("d1") == 0);
    for (const DoctorFact& f : departed(doctors_before, s, deleted_on)) {
        const nlohmann::json row = f;
        CHECK_FALSE(row.dump().find("d1") != std::string::npos);  // nothing names the doctor
        kept.doctors.push_back(*doctor_fact_from_json(row));
    }
    for (const OfferFact& f : departed(offers_before, s)) kept.offers.push_back(*offer_fact_from_json(nlohmann::json(f)));
    REQUIRE(kept.doctors.size() == 1);
    REQUIRE(kept.offers.size() == 1);

    const auto after_facts = merge(kept, current(s, {{"d2", {2026, 11, 1}}}));
    const Evaluation after = evaluate(after_facts, window);
    CHECK(after.doctors.registered == before.doctors.registered);
    CHECK(after.doctors.eligible == before.doctors.eligible);
    CHECK(after.doctors.with_free_time_and_wishes == before.doctors.with_free_time_and_wishes);
    CHECK(after.doctors.candidates == before.doctors.candidates);
    CHECK(after.offers.made == before.offers.made);
    CHECK(after.offers.accepted == before.offers.accepted);
    CHECK(after.offers.pending == before.offers.pending);
    CHECK(after.placed_by_municipality.at("mun1").value == 1);  // the match stays a match
    // After the deletion the GP counts as gone.
    const Evaluation later = evaluate(after_facts, {{2027, 7, 1}, {2027, 12, 31}});
    CHECK(later.doctors.registered == 2);  // deleted in the window: still registered on its first days
    CHECK(later.doctors.left == 1);
    CHECK(evaluate(after_facts, {{2027, 8, 1}, {2027, 12, 31}}).doctors.registered == 1);
}

TEST_CASE("the new figures in CSV as Norwegian Excel opens it and in JSON, withheld cells never written") {
    const Evaluation e = evaluate(history(), kQ1);
    const std::string csv = evaluation_csv(e, {{"m3", "Askøy"}, {"h1", "Helse Bergen"}});
    CHECK(csv.find("Fastleger;;Registrert;9\r\n") != std::string::npos);
    CHECK(csv.find("Fastleger;;Med ledig tid og ønsker;7\r\n") != std::string::npos);
    CHECK(csv.find("Fastleger;;Oppfyller kravet om 3 år i allmennpraksis;8\r\n") != std::string::npos);
    CHECK(csv.find("Fastleger;;Strøket fra listen;1\r\n") != std::string::npos);
    CHECK(csv.find("Tilbud;;Tilbud gitt;5\r\n") != std::string::npos);
    CHECK(csv.find("Tilbud;;Avslått;1\r\n") != std::string::npos);
    CHECK(csv.find("Tilbud per helseforetak;Helse Bergen;Tilbud gitt;2\r\n") != std::string::npos);
    CHECK(csv.find("Årsak;Utdanning eller kurs;Måneder;10\r\n") != std::string::npos);
    CHECK(csv.find("Årsak;Foreldrepermisjon;Måneder;6\r\n") != std::string::npos);
    CHECK(csv.find("Årsak;(ikke oppgitt);Perioder;1\r\n") != std::string::npos);
    CHECK(csv.find("Totalt;;Måneder;17\r\n") != std::string::npos);
    CHECK(csv.find("Kommunens fastleger;Askøy;Andel av kandidatene tildelt;100 %\r\n") != std::string::npos);
    CHECK(csv.find("Kommunens fastleger;m1;Registrert;<5\r\n") != std::string::npos);
    CHECK(csv.find("Kommunens fastleger;m1;Andel av kandidatene tildelt;–\r\n") != std::string::npos);

    const nlohmann::json j = evaluation_json(e, {});
    CHECK(j["doctors"]["registered"] == 9);
    CHECK(j["offers"]["lapsed"] == 1);
    CHECK(j["months"] == 17.0);
    for (const auto& row : j["by_municipality"]) {
        if (row["id"] != "m1") continue;
        CHECK(row["gps"]["value"].is_null());
        CHECK(row["gps"]["suppressed"] == true);
        CHECK(row["placed_share"].is_null());
    }
}

TEST_CASE("a period's reason is kept as a category, never as the text the hospital typed") {
    CHECK(reason_category("Foreldrepermisjon") == "parental_leave");
    CHECK(reason_category("  FORELDREPERMISJON for Kari Nordmann ") == "parental_leave");
    CHECK(reason_category("Sykmelding") == "illness");
    CHECK(reason_category("Kurs i Oslo") == "education");
    CHECK(reason_category("Permisjon") == "leave");
    CHECK(reason_category("Kari reiser") == "other");
    CHECK(reason_category(" ") == "");
    PortalState s = region();
    json period = period_json("p-r", 1);
    period["reason"] = "Foreldrepermisjon for Kari Nordmann";
    must(s, hospital(1), "publish_period", period);
    for (const PeriodFact& f : period_facts(s)) {
        if (f.period_id != "p-r") continue;
        CHECK(f.reason == "parental_leave");
        CHECK(nlohmann::json(f).dump().find("Kari") == std::string::npos);
    }
    CHECK(reason_label("parental_leave").en == "Parental leave");
    CHECK(reason_label("").nb == "(ikke oppgitt)");
}

TEST_CASE("a kept GP or offer row that is not a fact is not read as one") {
    CHECK_FALSE(doctor_fact_from_json(nlohmann::json::array()));
    CHECK_FALSE(doctor_fact_from_json({{"eligible_from", "2027-01-01"}, {"free_time", "x"}, {"wishes", 1}}));
    CHECK_FALSE(doctor_fact_from_json({{"eligible_from", "2027-01-01"}, {"free_time", {{"2027-01-01"}}}, {"wishes", 1}}));
    CHECK_FALSE(offer_fact_from_json({{"offered_on", "2027-02-30"}, {"status", "accepted"}}));
    const auto d = doctor_fact_from_json({{"eligible_from", "2027-01-01"}, {"free_time", nlohmann::json::array()}, {"wishes", 2}, {"struck", "yes"}});
    REQUIRE(d);
    CHECK_FALSE(d->struck);
    CHECK_FALSE(d->registered_on);
}

TEST_CASE("offers by department are withheld under 5 and shown from 5; offers by month count every offer of the window") {
    EvaluationFacts f = history();
    Evaluation e = evaluate(f, kQ1);
    // h1's offers are to department d1 (2 in the window), h2's to d3 (3): each 1..4, withheld.
    REQUIRE(e.offers_by_department.size() == 2);
    CHECK_FALSE(e.offers_by_department.at("d1").shown);
    CHECK_FALSE(e.offers_by_department.at("d3").shown);
    CHECK(e.offers_by_month.at("2027-01").made == 2);
    CHECK(e.offers_by_month.at("2027-01").accepted == 1);
    CHECK(e.offers_by_month.at("2027-01").declined == 1);
    CHECK(e.offers_by_month.at("2027-02").made == 1);
    CHECK(e.offers_by_month.at("2027-03").made == 2);
    CHECK(e.offers_by_month.count("2026-12") == 0);  // h1's offer of 31.12.2026 is outside
    // Three more to d1: five, shown.
    for (int day = 20; day < 23; ++day) f.offers.push_back(offer_fact("h1", "m2", {2027, 1, day}, "declined"));
    e = evaluate(f, kQ1);
    CHECK(e.offers_by_department.at("d1").shown);
    CHECK(e.offers_by_department.at("d1").value == 5);
    CHECK(e.offers_by_month.at("2027-01").declined == 4);
    const std::string csv = evaluation_csv(e, {{"d1", "Medisinsk avdeling"}});
    CHECK(csv.find("Tilbud per avdeling;Medisinsk avdeling;Tilbud gitt;5\r\n") != std::string::npos);
    CHECK(csv.find("Tilbud per avdeling;d3;Tilbud gitt;<5\r\n") != std::string::npos);
    CHECK(csv.find("Tilbud per måned;2027-01;Tilbud gitt;5\r\n") != std::string::npos);
    const nlohmann::json j = evaluation_json(e, {});
    for (const auto& row : j["offers_by_department"]) {
        if (row["id"] == "d3") CHECK(row["suppressed"] == true);
        if (row["id"] == "d3") CHECK(row["value"].is_null());
        if (row["id"] == "d1") CHECK(row["value"] == 5);
    }
    CHECK(j["offers_by_month"][0]["month"] == "2027-01");
}
