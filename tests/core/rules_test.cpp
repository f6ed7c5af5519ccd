#include <doctest/doctest.h>

#include "alis/rules.hpp"

using namespace alis;

namespace {
DoctorProfile gp_started(Date start) {
    DoctorProfile d;
    d.id = "gp1";
    d.general_practice_start = start;
    return d;
}
}  // namespace

TEST_CASE("eligibility needs three years in general practice on the given date") {
    const auto gp = gp_started({2023, 9, 1});
    CHECK_FALSE(eligibility(gp, {2026, 8, 31}).ok);
    CHECK(eligibility(gp, {2026, 9, 1}).ok);
    const auto refused = eligibility(gp, {2026, 1, 1});
    CHECK(refused.rule == "general_practice_3_years");
    CHECK(refused.reason.nb.find("01.09.2026") != std::string::npos);
    CHECK(refused.reason.en.find("3 years") != std::string::npos);
}

TEST_CASE("eligibility from a leap day counts to the end of February") {
    const auto gp = gp_started({2024, 2, 29});
    CHECK(eligible_from(gp.general_practice_start) == Date{2027, 2, 28});
    CHECK_FALSE(eligibility(gp, {2027, 2, 27}).ok);
    CHECK(eligibility(gp, {2027, 2, 28}).ok);
}

TEST_CASE("six months of service run to the day before the same date six months on") {
    CHECK(last_day_of_service({2027, 2, 1}, 6) == Date{2027, 7, 31});
    CHECK(minimum_service({{2027, 2, 1}, {2027, 7, 31}}, Scheme::new_scheme).ok);
    const auto short_one = minimum_service({{2027, 2, 1}, {2027, 7, 30}}, Scheme::new_scheme);
    CHECK_FALSE(short_one.ok);
    CHECK(short_one.reason.nb.find("31.07.2027") != std::string::npos);
}

TEST_CASE("six months from 31 August end at the end of February") {
    CHECK(last_day_of_service({2026, 8, 31}, 6) == Date{2027, 2, 27});
    CHECK(minimum_service({{2026, 8, 31}, {2027, 2, 27}}, Scheme::new_scheme).ok);
    CHECK_FALSE(minimum_service({{2026, 8, 31}, {2027, 2, 26}}, Scheme::new_scheme).ok);
    // Into a leap year February has a 29th.
    CHECK(last_day_of_service({2027, 8, 31}, 6) == Date{2028, 2, 28});
}

TEST_CASE("the old scheme needs twelve months") {
    const DateRange half_year{{2027, 1, 1}, {2027, 6, 30}};
    CHECK(minimum_service(half_year, Scheme::new_scheme).ok);
    const auto old = minimum_service(half_year, Scheme::old_scheme);
    CHECK_FALSE(old.ok);
    CHECK(old.reason.en.find("12 months") != std::string::npos);
    CHECK(minimum_service({{2027, 1, 1}, {2027, 12, 31}}, Scheme::old_scheme).ok);
}

TEST_CASE("an interval given in the wrong order is refused with its own reason") {
    const auto v = minimum_service({{2027, 7, 31}, {2027, 2, 1}}, Scheme::new_scheme);
    CHECK_FALSE(v.ok);
    CHECK(v.rule == "end_before_start");
}

TEST_CASE("an unmatched period is released two calendar months after publication") {
    CHECK(release_date({2026, 12, 31}) == Date{2027, 2, 28});
    CHECK(release_date({2027, 12, 31}) == Date{2028, 2, 29});
    CHECK(release_date({2026, 11, 22}) == Date{2027, 1, 22});
    Period p;
    p.published_on = {2026, 11, 22};
    CHECK(days_until_release(p, {2026, 11, 22}) == 61);
    CHECK_FALSE(is_released(p, {2027, 1, 21}));
    CHECK(is_released(p, {2027, 1, 22}));
    p.status = PeriodStatus::filled;
    CHECK_FALSE(is_released(p, {2027, 6, 1}));
}

TEST_CASE("free time: touching and overlapping spans are joined, a one-day gap is not") {
    using R = DateRange;
    // Touching: 30 Apr then 1 May.
    CHECK(join_free_time({R{{2027, 5, 1}, {2027, 12, 31}}, R{{2027, 1, 1}, {2027, 4, 30}}}) ==
          std::vector<R>{R{{2027, 1, 1}, {2027, 12, 31}}});
    // Overlapping, and one inside another.
    CHECK(join_free_time({R{{2027, 1, 1}, {2027, 6, 30}}, R{{2027, 3, 1}, {2027, 9, 30}}, R{{2027, 4, 1}, {2027, 4, 2}}}) ==
          std::vector<R>{R{{2027, 1, 1}, {2027, 9, 30}}});
    // One free day between them (1 May): two stretches.
    CHECK(join_free_time({R{{2027, 1, 1}, {2027, 4, 30}}, R{{2027, 5, 2}, {2027, 12, 31}}}) ==
          std::vector<R>{R{{2027, 1, 1}, {2027, 4, 30}}, R{{2027, 5, 2}, {2027, 12, 31}}});
    // Across a leap day: 28 Feb 2028 then 29 Feb touch; 28 Feb 2027 then 1 Mar touch (no 29th).
    CHECK(join_free_time({R{{2028, 1, 1}, {2028, 2, 28}}, R{{2028, 2, 29}, {2028, 6, 30}}}) ==
          std::vector<R>{R{{2028, 1, 1}, {2028, 6, 30}}});
    CHECK(join_free_time({R{{2028, 1, 1}, {2028, 2, 28}}, R{{2028, 3, 1}, {2028, 6, 30}}}).size() == 2);
    CHECK(join_free_time({R{{2027, 1, 1}, {2027, 2, 28}}, R{{2027, 3, 1}, {2027, 6, 30}}}) ==
          std::vector<R>{R{{2027, 1, 1}, {2027, 6, 30}}});
    // Year end, a single day, and a span backwards (dropped).
    CHECK(join_free_time({R{{2027, 12, 31}, {2027, 12, 31}}, R{{2028, 1, 1}, {2028, 1, 1}}, R{{2029, 5, 1}, {2029, 4, 1}}}) ==
          std::vector<R>{R{{2027, 12, 31}, {2028, 1, 1}}});
    CHECK(join_free_time({}).empty());
}

TEST_CASE("free time is described as the joined stretches") {
    const auto joined = join_free_time({{{2027, 1, 1}, {2027, 4, 30}}, {{2027, 5, 1}, {2027, 12, 31}}, {{2028, 3, 1}, {2028, 3, 31}}});
    CHECK(describe_free_time(joined).nb == "Sammenhengende ledig tid, slik tildelingen leser den: 01.01.2027–31.12.2027; 01.03.2028–31.03.2028.");
    CHECK(describe_free_time({}).en == "You have registered no available time.");
}

TEST_CASE("specialties compare after folding case and spaces, also Æ, Ø and Å") {
    CHECK(normalise_specialty("  Indremedisin ") == "indremedisin");
    CHECK(normalise_specialty("Barne-  og  UNGDOMSPSYKIATRI") == "barne- og ungdomspsykiatri");
    CHECK(normalise_specialty("ØRE-NESE-HALS") == "øre-nese-hals");
    CHECK(normalise_specialty("Ærlig Ås") == "ærlig ås");
    CHECK(normalise_specialty("   ").empty());
    Organisation a{"a", OrganisationKind::department, "A", "h", "indremedisin", false};
    Organisation b{"b", OrganisationKind::department, "B", "h", " Indremedisin", false};
    Organisation c{"c", OrganisationKind::department, "C", "h", "Øyesykdommer", false};
    Organisation m{"m", OrganisationKind::municipality, "M", "", "kirurgi", false};
    CHECK(specialty_list({&c, &b, &a, &m}) == std::vector<std::string>{" Indremedisin", "Øyesykdommer"});
}
