#include "alis/date.hpp"

#include <cstdio>

namespace alis {

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool is_valid(const Date& d) {
    return d.year >= 1900 && d.year <= 2999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil: shifts the year to start in March so leap days fall last.
long days_from_civil(const Date& d) {
    const long y = d.year - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (d.month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + d.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

Date add_days(const Date& d, long days) { return civil_from_days(days_from_civil(d) + days); }

Date add_months(const Date& d, int months) {
    const long index = static_cast<long>(d.year) * 12 + (d.month - 1) + months;
    const int year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
    const int month = static_cast<int>(index - static_cast<long>(year) * 12) + 1;
    const int last = days_in_month(year, month);
    return {year, month, d.day > last ? last : d.day};
}

long days_between(const Date& from, const Date& to) {
    return days_from_civil(to) - days_from_civil(from);
}

int weekday(const Date& d) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const long w = (days_from_civil(d) + 3) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string to_iso(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string to_norwegian(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year);
    return buf;
}

namespace {

std::optional<int> parse_digits(std::string_view text, size_t pos, size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<Date> checked(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
    if (!y || !m || !d) return std::nullopt;
    Date date{*y, *m, *d};
    if (!is_valid(date)) return std::nullopt;
    return date;
}

}  // namespace

std::optional<Date> parse_iso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    return checked(parse_digits(t, 0, 4), parse_digits(t, 5, 2), parse_digits(t, 8, 2));
}

std::optional<Date> parse_norwegian(std::string_view t) {
    if (t.size() != 10 || t[2] != '.' || t[5] != '.') return std::nullopt;
    return checked(parse_digits(t, 6, 4), parse_digits(t, 3, 2), parse_digits(t, 0, 2));
}

std::optional<DateRange> intersect(const DateRange& a, const DateRange& b) {
    const Date start = a.start > b.start ? a.start : b.start;
    const Date end = a.end < b.end ? a.end : b.end;
    if (end < start) return std::nullopt;
    return DateRange{start, end};
}

}  // namespace alis
