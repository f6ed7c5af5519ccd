#include <doctest/doctest.h>

#include "alis/date.hpp"

using namespace alis;

TEST_CASE("days round-trip through the civil calendar across leap years and centuries") {
    for (long z = days_from_civil({1900, 1, 1}); z <= days_from_civil({2100, 12, 31}); z += 1) {
        const Date d = civil_from_days(z);
        REQUIRE(is_valid(d));
        REQUIRE(days_from_civil(d) == z);
    }
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_between({2024, 2, 28}, {2024, 3, 1}) == 2);
    CHECK(days_between({2023, 2, 28}, {2023, 3, 1}) == 1);
}

TEST_CASE("adding months clamps to the end of a shorter month") {
    CHECK(add_months({2026, 8, 31}, 6) == Date{2027, 2, 28});
    CHECK(add_months({2027, 8, 31}, 6) == Date{2028, 2, 29});
    CHECK(add_months({2024, 2, 29}, 12) == Date{2025, 2, 28});
    CHECK(add_months({2024, 2, 29}, 48) == Date{2028, 2, 29});
    CHECK(add_months({2026, 12, 31}, 2) == Date{2027, 2, 28});
    CHECK(add_months({2026, 1, 31}, 1) == Date{2026, 2, 28});
    CHECK(add_months({2026, 3, 31}, -1) == Date{2026, 2, 28});
    CHECK(add_months({2026, 1, 15}, -1) == Date{2025, 12, 15});
    CHECK(add_months({2026, 11, 30}, 14) == Date{2028, 1, 30});
}

TEST_CASE("leap years follow the Gregorian rule") {
    CHECK(is_leap_year(2024));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(is_leap_year(2000));
    CHECK(days_in_month(2028, 2) == 29);
    CHECK(days_in_month(2027, 2) == 28);
    CHECK_FALSE(is_valid({2027, 2, 29}));
    CHECK_FALSE(is_valid({2027, 13, 1}));
    CHECK_FALSE(is_valid({2027, 4, 31}));
}

TEST_CASE("weeks start on Monday") {
    CHECK(weekday({2026, 11, 23}) == 0);  // a Monday
    CHECK(weekday({2026, 11, 22}) == 6);  // a Sunday
    CHECK(weekday({1970, 1, 1}) == 3);    // a Thursday
}

TEST_CASE("dates parse and print in ISO and Norwegian forms, and bad ones are refused") {
    CHECK(to_iso({2027, 2, 1}) == "2027-02-01");
    CHECK(to_norwegian({2027, 2, 1}) == "01.02.2027");
    CHECK(parse_iso("2028-02-29") == Date{2028, 2, 29});
    CHECK(parse_norwegian("29.02.2028") == Date{2028, 2, 29});
    CHECK_FALSE(parse_iso("2027-02-29").has_value());
    CHECK_FALSE(parse_iso("2027-2-1").has_value());
    CHECK_FALSE(parse_iso("2027-02-01x").has_value());
    CHECK_FALSE(parse_iso("abcd-ef-gh").has_value());
    CHECK_FALSE(parse_norwegian("31.04.2027").has_value());
    CHECK_FALSE(parse_norwegian("").has_value());
}

TEST_CASE("ranges intersect on shared days only") {
    const DateRange a{{2027, 1, 1}, {2027, 6, 30}};
    const DateRange b{{2027, 6, 30}, {2027, 12, 31}};
    CHECK(intersect(a, b) == DateRange{{2027, 6, 30}, {2027, 6, 30}});
    CHECK_FALSE(intersect(a, DateRange{{2027, 7, 1}, {2027, 8, 1}}).has_value());
    CHECK(a.length_days() == 181);
}
