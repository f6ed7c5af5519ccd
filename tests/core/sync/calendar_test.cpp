// The iCalendar files: what goes in each person's calendar, and the RFC 5545 details a calendar
// program is strict about (CRLF, folding at 75 octets without breaking a character, escaping, the
// exclusive DTEND of a whole-day event).
#include <doctest/doctest.h>

#include "alis/sync/calendar.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

// Every physical line of the file, without its CRLF; fails the test on a bare LF.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < ics.size()) {
        const auto end = ics.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        lines.push_back(ics.substr(at, end - at));
        CHECK(lines.back().find('\n') == std::string::npos);
        at = end + 2;
    }
    return lines;
}

bool holds_line(const std::string& ics, const std::string& line) { return ics.find("\r\n" + line + "\r\n") != std::string::npos; }

}  // namespace

TEST_CASE("a GP's calendar: the accepted service confirmed, a pending offer tentative, nothing of another GP") {
    PortalState s = region();
    must(s, hospital(1), "publish_period", period_json("p-late", 1, "2027-08-01", "2028-01-31"));
    must(s, hospital(1), "make_offer", offer_json("o-late", "p-late", "d1", "2027-08-01", "2028-01-31"));
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});

    const auto events = gp_calendar(s, "d1", Language::bokmal);
    REQUIRE(events.size() == 2);
    const auto& accepted = events[0].uid == "offer-o1@alis-vest" ? events[0] : events[1];
    const auto& pending = events[0].uid == "offer-o1@alis-vest" ? events[1] : events[0];
    CHECK(accepted.status == CalendarEvent::Status::confirmed);
    CHECK(accepted.summary == "Sykehustjeneste: Avdeling 1");
    CHECK(accepted.location == "Helse Bergen");
    CHECK(accepted.days == DateRange{{2027, 2, 1}, {2027, 7, 31}});
    CHECK(pending.uid == "offer-o-late@alis-vest");
    CHECK(pending.status == CalendarEvent::Status::tentative);
    CHECK(pending.summary.rfind("Tilbud om sykehustjeneste", 0) == 0);

    for (const auto& e : gp_calendar(s, "d1", Language::english)) {
        if (e.uid == "offer-o1@alis-vest") CHECK(e.summary == "Hospital service: Avdeling 1");
    }
    must(s, gp(2), "decline_offer", {{"offer_id", "o2"}});
    CHECK(gp_calendar(s, "d2", Language::bokmal).empty());  // a declined offer is not in the diary
}

TEST_CASE("a hospital's calendar: its own periods, who is placed, and a released period said as such") {
    PortalState s = region();
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    must(s, hospital(1), "publish_period", period_json("p-two", 1, "2027-03-01", "2027-08-31", 2));
    auto events = hospital_calendar(s, "hf1", Language::bokmal);
    REQUIRE(events.size() == 2);
    CHECK(events[0].uid == "period-p-two@alis-vest");
    CHECK(events[0].summary == "ALIS-periode: Avdeling 1 (2 plasser)");
    CHECK(events[0].status == CalendarEvent::Status::tentative);
    CHECK(events[1].uid == "period-p1@alis-vest");
    CHECK(events[1].summary == "ALIS-periode: Avdeling 1 (1 plass)");
    CHECK(events[1].description == "Tildelt: Åse Ødegård.");
    CHECK(events[1].status == CalendarEvent::Status::confirmed);
    CHECK(hospital_calendar(s, "hf2", Language::bokmal).size() == 1);  // only its own

    // p-two published 22.11.2026 and unmatched: released 22.01.2027.
    REQUIRE(release_unmatched_periods(s, {2027, 1, 22}).size() >= 1);
    events = hospital_calendar(s, "hf1", Language::nynorsk);
    CHECK(events[0].summary == "Lyst ut som ordinært vikariat: Avdeling 1");
    CHECK(events[0].description.find("22.01.2027") != std::string::npos);
}

TEST_CASE("the file: CRLF, whole days with DTEND the day after, escaped text, stable UIDs") {
    CalendarEvent e;
    e.uid = "offer-o1@alis-vest";
    e.days = {{2027, 2, 1}, {2027, 7, 31}};
    e.summary = "Sykehustjeneste: Medisinsk avdeling; Haukeland, Bergen";
    e.description = "Linje én\nLinje to \\ slutt";
    const std::string ics = ics_text({e}, "ALIS-portalen Vest", {2026, 12, 3});
    const auto lines = physical_lines(ics);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(holds_line(ics, "VERSION:2.0"));
    CHECK(holds_line(ics, "UID:offer-o1@alis-vest"));
    CHECK(holds_line(ics, "DTSTAMP:20261203T000000Z"));
    CHECK(holds_line(ics, "DTSTART;VALUE=DATE:20270201"));
    CHECK(holds_line(ics, "DTEND;VALUE=DATE:20270801"));
    CHECK(holds_line(ics, "SUMMARY:Sykehustjeneste: Medisinsk avdeling\\; Haukeland\\, Bergen"));
    CHECK(holds_line(ics, "DESCRIPTION:Linje én\\nLinje to \\\\ slutt"));
    CHECK(holds_line(ics, "STATUS:CONFIRMED"));
}

TEST_CASE("long lines fold at 75 octets and never inside a UTF-8 character") {
    std::string text = "SUMMARY:";
    for (int i = 0; i < 60; ++i) text += "æø";  // two-octet characters, so some fold points fall inside one
    const std::string folded = ics_fold(text);
    std::string unfolded;
    std::size_t at = 0;
    bool first = true;
    while (at < folded.size()) {
        const auto end = folded.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        std::string line = folded.substr(at, end - at);
        CHECK(line.size() <= 75);
        if (!first) {
            REQUIRE(line[0] == ' ');
            line.erase(0, 1);
            CHECK((static_cast<unsigned char>(line[0]) & 0xC0) != 0x80);  // not a continuation octet
        }
        first = false;
        unfolded += line;
        at = end + 2;
    }
    CHECK(unfolded == text);
    CHECK(ics_fold("SHORT:x") == "SHORT:x\r\n");
    CHECK(ics_escape("a\r\nb\x01" "c") == "a\\nbc");
}
