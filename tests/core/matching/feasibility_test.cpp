// Feasibility of one GP and one period: each refusal has its own rule and a reason a person reads.
#include <doctest/doctest.h>

#include "alis/matching/derive.hpp"
#include "domain_fixture.hpp"

using namespace alis;
using namespace alis::matching;
using namespace alis::matching::testing;

namespace {
const DateRange kYear2027{{2027, 1, 1}, {2027, 12, 31}};
const DateRange kSpring{{2027, 2, 1}, {2027, 7, 31}};

// One GP, one period; the verdict for that pair.
Feasibility verdict(MatchingInput in) {
    const DerivedLists lists = derive(in);
    return assess(lists.doctors[0], lists.periods[0], in.today);
}

MatchingInput one_pair() {
    MatchingInput in = small_region();
    in.doctors = {doctor("d1", {2020, 1, 1})};
    in.periods = {period("p1", "hb-med", kSpring)};
    in.wishes = {wish("w1", "d1", 1, "hb-med")};
    in.available_times = {available("d1", kYear2027)};
    return in;
}
}  // namespace

TEST_CASE("a wished, long enough period for an eligible GP is feasible, with the days of service") {
    const auto f = verdict(one_pair());
    CHECK(f.ok);
    CHECK(f.wish_rank == 1);
    CHECK(f.service == kSpring);
}

TEST_CASE("a period at a department the GP did not wish for is refused as not wished") {
    auto in = one_pair();
    in.wishes = {wish("w1", "d1", 1, "hb-psy")};
    const auto f = verdict(in);
    CHECK_FALSE(f.ok);
    CHECK(f.rule == "not_wished");
    CHECK(f.reason.nb == "Perioden (Helse Bergen, Medisinsk avdeling) er ikke blant ønskene dine.");
}

TEST_CASE("a wish by specialty covers the department with that specialty") {
    auto in = one_pair();
    in.wishes[0].department_id.clear();
    in.wishes[0].specialty = "indremedisin";
    CHECK(verdict(in).ok);
    in.wishes[0].specialty = "psykiatri";
    CHECK(verdict(in).rule == "not_wished");
}

TEST_CASE("an overlap four months long is refused with the months it has and the months needed") {
    auto in = one_pair();
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 6, 15}})};
    const auto f = verdict(in);
    CHECK(f.rule == "minimum_service");
    CHECK(f.reason.en == "The period and your available time overlap 01.02.2027–15.06.2027, 4 whole months; 6 needed.");
    CHECK(f.reason.nn.find("4 heile månader; 6 trengst") != std::string::npos);
}

TEST_CASE("the old scheme needs twelve months in the one period") {
    auto in = one_pair();
    in.doctors[0].scheme = Scheme::old_scheme;
    const auto f = verdict(in);
    CHECK(f.rule == "minimum_service");
    CHECK(f.reason.en.find("6 whole months; the old scheme needs 12 months") != std::string::npos);
    CHECK(f.reason.nb.find("6 hele måneder; etter gammel ordning trengs 12 måneder") != std::string::npos);
}

TEST_CASE("available time in touching or overlapping spans is one stretch; a free day between splits it") {
    auto in = one_pair();
    // Free all year, typed as two spans that touch (the case from issue 12).
    in.available_times = {available("d1", {{2027, 1, 1}, {2027, 4, 30}}), available("d1", {{2027, 5, 1}, {2027, 12, 31}})};
    auto f = verdict(in);
    CHECK(f.ok);
    CHECK(f.service == kSpring);
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 5, 10}}), available("d1", {{2027, 4, 1}, {2027, 7, 31}})};
    CHECK(verdict(in).ok);
    // 01.05 not free: neither 01.02–30.04 nor 02.05–31.07 holds 6 months.
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 4, 30}}), available("d1", {{2027, 5, 2}, {2027, 7, 31}})};
    CHECK(verdict(in).rule == "minimum_service");
}

TEST_CASE("no available time within the period is refused as no overlap") {
    auto in = one_pair();
    in.available_times = {available("d1", {{2028, 1, 1}, {2028, 12, 31}})};
    CHECK(verdict(in).rule == "no_available_time");
    in.available_times.clear();
    CHECK(verdict(in).reason.en == "You have registered no available time.");
}

TEST_CASE("a wish's own dates narrow the window") {
    auto in = one_pair();
    in.wishes[0].earliest_start = Date{2027, 3, 1};
    const auto f = verdict(in);
    CHECK(f.rule == "minimum_service");
    CHECK(f.reason.en.find("overlap within your wish's dates 01.03.2027–31.07.2027, 5 whole months") != std::string::npos);
}

TEST_CASE("eligibility is judged on the first day of service, which may come later in the period") {
    auto in = one_pair();
    in.periods[0].range = {{2027, 1, 1}, {2027, 8, 31}};
    in.doctors[0].general_practice_start = {2024, 2, 1};  // eligible from 1 Feb 2027
    const auto f = verdict(in);
    CHECK(f.ok);
    CHECK(f.service.start == Date{2027, 2, 1});
    in.doctors[0].general_practice_start = {2024, 4, 1};  // from 1 Apr: only 5 months left
    // The overlap holds 8 months: what binds is the wait for eligibility, and the dates are true.
    const auto late = verdict(in);
    CHECK(late.rule == "general_practice_3_years");
    CHECK(late.reason.nb == "Krever minst 3 år i allmennpraksis på første tjenestedag; oppfylt fra 01.04.2027. Fra da til "
                            "31.08.2027 er det 5 hele måneder av overlappen 01.01.2027–31.08.2027; 6 trengs.");
    in.doctors[0].general_practice_start = {2025, 1, 1};  // not before the period ends
    const auto g = verdict(in);
    CHECK(g.rule == "general_practice_3_years");
    CHECK(g.reason.nb == "Krever minst 3 år i allmennpraksis; oppfylt fra 01.01.2028.");
}

TEST_CASE("a GP struck from the list or already placed can be given nothing") {
    auto in = one_pair();
    in.struck = {"d1"};
    CHECK(verdict(in).rule == "struck_from_list");
    in.struck.clear();
    in.placed = {"d1"};
    const auto f = verdict(in);
    CHECK(f.rule == "already_placed");
    CHECK(f.reason.nb == "Du har allerede fått en periode med sykehustjeneste.");
}

TEST_CASE("only published periods before their two-month release are offered") {
    auto in = one_pair();
    in.periods[0].status = PeriodStatus::withdrawn;
    CHECK(verdict(in).rule == "not_published");
    in.periods[0].status = PeriodStatus::published;
    in.periods[0].published_on = {2026, 9, 22};  // released 22 Nov 2026, which is today
    CHECK(verdict(in).rule == "released");
    CHECK(derive(in).offered_count == 0);
    in.periods[0].published_on = {2026, 9, 23};
    CHECK(verdict(in).ok);
}

TEST_CASE("a service cannot start before today") {
    auto in = one_pair();
    in.today = {2027, 3, 1};
    in.periods[0].published_on = {2027, 2, 1};
    CHECK(verdict(in).rule == "minimum_service");
    CHECK(verdict(in).reason.nb == "Perioden og den ledige tiden din overlapper fra i dag 01.03.2027–31.07.2027, 5 hele måneder; 6 trengs.");
}

TEST_CASE("eligible one day after a six-month period starts: the 3-year rule is named, not '5 months'") {
    auto in = one_pair();  // period 01.02.2027–31.07.2027, free all year
    in.doctors[0].general_practice_start = {2024, 2, 2};  // eligible 02.02.2027
    const auto f = verdict(in);
    CHECK(f.rule == "general_practice_3_years");
    CHECK(f.reason.en.find("met from 02.02.2027") != std::string::npos);
    CHECK(f.reason.en.find("the overlap 01.02.2027–31.07.2027") != std::string::npos);
    in.doctors[0].general_practice_start = {2024, 2, 1};  // eligible on the first day
    CHECK(verdict(in).ok);
    in.doctors[0].general_practice_start = {2024, 1, 31};  // and the day before
    CHECK(verdict(in).ok);
}

TEST_CASE("six months exactly and one day short, across month ends and a leap day") {
    auto in = one_pair();
    in.periods[0].range = {{2027, 8, 31}, {2028, 2, 28}};  // 31 Aug + 6 months runs through 28 Feb 2028 (29 Feb - 1)
    in.available_times = {available("d1", {{2027, 1, 1}, {2028, 12, 31}})};
    CHECK(verdict(in).ok);
    in.periods[0].range.end = {2028, 2, 27};
    const auto f = verdict(in);
    CHECK(f.rule == "minimum_service");
    CHECK(f.reason.nb == "Perioden og den ledige tiden din overlapper 31.08.2027–27.02.2028, 5 hele måneder; 6 trengs.");
    in.periods[0].range = {{2027, 9, 1}, {2028, 2, 29}};
    CHECK(verdict(in).ok);
    in.periods[0].range = {{2027, 9, 1}, {2028, 2, 28}};
    CHECK(verdict(in).rule == "minimum_service");
}

TEST_CASE("the month count agrees in number: 1 hel måned, 2 hele måneder, 0 hele måneder") {
    auto in = one_pair();
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 3, 15}})};
    CHECK(verdict(in).reason.nb.find(", 1 hel måned; 6 trengs.") != std::string::npos);
    CHECK(verdict(in).reason.nn.find(", 1 heil månad; 6 trengst.") != std::string::npos);
    CHECK(verdict(in).reason.en.find(", 1 whole month; 6 needed.") != std::string::npos);
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 4, 15}})};
    CHECK(verdict(in).reason.nb.find(", 2 hele måneder;") != std::string::npos);
    in.available_times = {available("d1", {{2027, 2, 1}, {2027, 2, 15}})};
    CHECK(verdict(in).reason.nb.find(", 0 hele måneder;") != std::string::npos);
    CHECK(verdict(in).reason.en.find(", 0 whole months;") != std::string::npos);
}

TEST_CASE("a wish's specialty matches whatever its case and spaces") {
    auto in = one_pair();
    in.wishes[0].department_id.clear();
    for (const char* typed : {"Indremedisin", "indremedisin ", "  INDREMEDISIN", "indremedisin"}) {
        in.wishes[0].specialty = typed;
        CHECK(verdict(in).ok);
        CHECK(derive(in).options[0].size() == 1);  // derivation agrees
    }
    in.wishes[0].specialty = "indre medisin";
    CHECK(verdict(in).rule == "not_wished");
}
