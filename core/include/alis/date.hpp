#pragma once
// Civil calendar dates without time zones: periods, availability and rules are whole days.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace alis {

struct Date {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31

    auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid(const Date& d);

// Days since 1970-01-01 (negative before), and back: exact for the proleptic Gregorian calendar.
long days_from_civil(const Date& d);
Date civil_from_days(long days);

Date add_days(const Date& d, long days);
// Calendar months; a day that the target month lacks becomes its last day (31 Aug + 6 = 28/29 Feb).
Date add_months(const Date& d, int months);
long days_between(const Date& from, const Date& to);  // to - from
// Monday = 0 ... Sunday = 6: Norwegian weeks start on Monday.
int weekday(const Date& d);

std::string to_iso(const Date& d);       // 2027-02-01, the wire and storage form
std::string to_norwegian(const Date& d); // 01.02.2027, the form users read and type
std::optional<Date> parse_iso(std::string_view text);
std::optional<Date> parse_norwegian(std::string_view text);

// An inclusive range of days, as people write periods: 01.02.2027–31.07.2027.
struct DateRange {
    Date start;
    Date end;

    bool operator==(const DateRange&) const = default;
    bool in_order() const { return start <= end; }
    long length_days() const { return days_between(start, end) + 1; }
};

// The overlap of two ranges, or nothing when they do not share a day.
std::optional<DateRange> intersect(const DateRange& a, const DateRange& b);

}  // namespace alis
