#pragma once
// What a person has in the diary, as an iCalendar file (RFC 5545) their calendar program imports: a
// GP's hospital service and open offers, a hospital trust's periods. Events are whole days, and each
// keeps its UID from export to export, so importing a newer file updates an event instead of adding
// a second one.
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"
#include "alis/text.hpp"

namespace alis::sync {

struct CalendarEvent {
    enum class Status { confirmed, tentative };
    std::string uid;   // stable: "offer-<id>@alis-vest" or "period-<id>@alis-vest"
    DateRange days;    // both days included
    std::string summary;
    std::string description;
    std::string location;
    Status status = Status::confirmed;
};

// The GP's accepted service (confirmed) and pending offers (tentative), in the reader's language.
std::vector<CalendarEvent> gp_calendar(const PortalState& state, const std::string& doctor_id, Language lang);
// The hospital trust's periods that are not withdrawn, with the doctors placed in each.
std::vector<CalendarEvent> hospital_calendar(const PortalState& state, const std::string& hospital_id, Language lang);

// The VCALENDAR text: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
// text values escaped (backslash, ';', ',', line breaks). `stamp` becomes each event's DTSTAMP (the
// day of the export, at midnight UTC).
std::string ics_text(const std::vector<CalendarEvent>& events, const std::string& calendar_name, const Date& stamp);

// One TEXT value escaped as RFC 5545 §3.3.11 says.
std::string ics_escape(const std::string& text);
// One content line folded into lines of at most 75 octets (RFC 5545 §3.1), each ending in CRLF.
std::string ics_fold(const std::string& line);

}  // namespace alis::sync
