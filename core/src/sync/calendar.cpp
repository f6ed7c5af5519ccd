#include "alis/sync/calendar.hpp"

#include <algorithm>
#include <cstdio>

#include "alis/rules.hpp"

namespace alis::sync {

namespace {

std::string pick(Language lang, const char* nb, const char* nn, const char* en) {
    return lang == Language::bokmal ? nb : lang == Language::nynorsk ? nn : en;
}

std::string name_of(const PortalState& state, const std::string& organisation_id) {
    const Organisation* o = find_organisation(state, organisation_id);
    return o && !o->name.empty() ? o->name : organisation_id;
}

std::string compact(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    return buf;
}

std::string places_text(int n, Language lang) {
    return lang == Language::english ? plural(n, "place", "places")
           : lang == Language::nynorsk ? plural(n, "plass", "plassar")
                                       : plural(n, "plass", "plasser");
}

}  // namespace

std::vector<CalendarEvent> gp_calendar(const PortalState& state, const std::string& doctor_id, Language lang) {
    std::vector<CalendarEvent> out;
    for (const auto& [id, offer] : state.offers) {
        if (offer.doctor_id != doctor_id) continue;
        if (offer.status != OfferStatus::accepted && offer.status != OfferStatus::pending) continue;
        const Period* period = find_period(state, offer.period_id);
        const std::string department = period ? name_of(state, period->department_id) : std::string();
        CalendarEvent e;
        e.uid = "offer-" + id + "@alis-vest";
        e.days = offer.range;
        e.location = name_of(state, offer.hospital_id);
        if (offer.status == OfferStatus::accepted) {
            e.summary = pick(lang, "Sykehustjeneste", "Sjukehusteneste", "Hospital service") + ": " + department;
            e.description = pick(lang, "Du har takket ja til tjenesten i ALIS-portalen Vest.",
                                 "Du har takka ja til tenesta i ALIS-portalen Vest.",
                                 "You accepted this service in the ALIS portal West.");
        } else {
            e.summary = pick(lang, "Tilbud om sykehustjeneste", "Tilbod om sjukehusteneste", "Offer of hospital service") + ": " + department;
            e.description = pick(lang, "Ikke svart ennå: svar på tilbudet i ALIS-portalen Vest.",
                                 "Ikkje svart enno: svar på tilbodet i ALIS-portalen Vest.",
                                 "Not answered yet: answer the offer in the ALIS portal West.");
            e.status = CalendarEvent::Status::tentative;
        }
        if (period && !period->supervisor.empty()) {
            e.description += "\n" + pick(lang, "Veileder", "Rettleiar", "Supervisor") + ": " + period->supervisor;
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<CalendarEvent> hospital_calendar(const PortalState& state, const std::string& hospital_id, Language lang) {
    std::vector<CalendarEvent> out;
    for (const auto& [id, period] : state.periods) {
        if (period.hospital_id != hospital_id || period.status == PeriodStatus::withdrawn) continue;
        CalendarEvent e;
        e.uid = "period-" + id + "@alis-vest";
        e.days = period.range;
        e.location = name_of(state, hospital_id);
        const std::string department = name_of(state, period.department_id);
        std::string placed;
        for (const auto& [offer_id, offer] : state.offers) {
            if (offer.period_id != id || offer.status != OfferStatus::accepted) continue;
            const DoctorProfile* doctor = find_doctor(state, offer.doctor_id);
            if (!placed.empty()) placed += ", ";
            placed += doctor && !doctor->name.empty() ? doctor->name : pick(lang, "en lege", "ein lege", "a doctor");
        }
        if (period.status == PeriodStatus::released) {
            e.summary = pick(lang, "Lyst ut som ordinært vikariat", "Lyst ut som ordinært vikariat", "Advertised as an ordinary substitute post") +
                        ": " + department;
            e.description = pick(lang, "Ingen ALIS-lege ble tildelt innen to måneder; perioden ble lyst ut som ordinært vikariat ",
                                 "Ingen ALIS-lege vart tildelt innan to månader; perioden vart lyst ut som ordinært vikariat ",
                                 "No ALIS doctor was matched within two months; the period was advertised as an ordinary substitute post on ") +
                            to_norwegian(released_day(period)) + ".";
        } else {
            e.summary = pick(lang, "ALIS-periode", "ALIS-periode", "ALIS period") + ": " + department + " (" + places_text(period.places, lang) + ")";
            e.description = placed.empty() ? pick(lang, "Ingen tildelt ennå.", "Ingen tildelt enno.", "Nobody matched yet.")
                                           : pick(lang, "Tildelt", "Tildelt", "Matched") + ": " + placed + ".";
            if (placed.empty()) e.status = CalendarEvent::Status::tentative;
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::string ics_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            continue;  // other control characters are not allowed in a TEXT value
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_fold(const std::string& line) {
    std::string out;
    std::size_t used = 0;  // octets on the current physical line
    for (std::size_t i = 0; i < line.size();) {
        std::size_t len = 1;  // the UTF-8 character starting at i
        const auto lead = static_cast<unsigned char>(line[i]);
        if (lead >= 0xF0) len = 4;
        else if (lead >= 0xE0) len = 3;
        else if (lead >= 0xC0) len = 2;
        len = std::min(len, line.size() - i);
        if (used + len > 75) {
            out += "\r\n ";
            used = 1;  // the leading space counts
        }
        out.append(line, i, len);
        used += len;
        i += len;
    }
    return out + "\r\n";
}

std::string ics_text(const std::vector<CalendarEvent>& events, const std::string& calendar_name, const Date& stamp) {
    std::string out;
    auto line = [&](const std::string& text) { out += ics_fold(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//ALIS-kontor Vest//ALIS-portalen Vest//NO");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ics_escape(calendar_name));
    for (const CalendarEvent& e : events) {
        line("BEGIN:VEVENT");
        line("UID:" + e.uid);
        line("DTSTAMP:" + compact(stamp) + "T000000Z");
        line("DTSTART;VALUE=DATE:" + compact(e.days.start));
        line("DTEND;VALUE=DATE:" + compact(add_days(e.days.end, 1)));  // DTEND is the day after
        line("SUMMARY:" + ics_escape(e.summary));
        if (!e.description.empty()) line("DESCRIPTION:" + ics_escape(e.description));
        if (!e.location.empty()) line("LOCATION:" + ics_escape(e.location));
        line(std::string("STATUS:") + (e.status == CalendarEvent::Status::confirmed ? "CONFIRMED" : "TENTATIVE"));
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace alis::sync
