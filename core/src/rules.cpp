#include "alis/rules.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "alis/collation.hpp"

namespace alis {

std::vector<DateRange> join_free_time(std::vector<DateRange> spans) {
    std::erase_if(spans, [](const DateRange& r) { return !r.in_order(); });
    std::sort(spans.begin(), spans.end(),
              [](const DateRange& a, const DateRange& b) { return std::tie(a.start, a.end) < std::tie(b.start, b.end); });
    std::vector<DateRange> joined;
    for (const DateRange& r : spans) {
        // Touching: the next span starts on the day after the last joined one ends.
        if (!joined.empty() && r.start <= add_days(joined.back().end, 1)) {
            joined.back().end = std::max(joined.back().end, r.end);
        } else {
            joined.push_back(r);
        }
    }
    return joined;
}

std::string normalise_specialty(std::string_view text) {
    std::string out;
    bool space = false;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(text[i]);
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ', space = false;
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<unsigned char>(ch + 32);
        out += static_cast<char>(ch);
        // Latin-1 capitals in UTF-8 (C3 80–9E, except × at 97): Æ, Ø, Å, É … to lower case.
        if (ch == 0xC3 && i + 1 < text.size()) {
            unsigned char next = static_cast<unsigned char>(text[++i]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
            out += static_cast<char>(next);
        }
    }
    return out;
}

std::vector<std::string> specialty_list(const std::vector<const Organisation*>& departments) {
    std::set<std::string> seen;
    std::vector<std::string> out;
    for (const Organisation* d : departments) {
        if (!d || d->kind != OrganisationKind::department || normalise_specialty(d->specialty).empty()) continue;
        if (seen.insert(normalise_specialty(d->specialty)).second) out.push_back(d->specialty);
    }
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return norwegian_less(a, b); });
    return out;
}

Text describe_free_time(const std::vector<DateRange>& joined) {
    if (joined.empty())
        return {"Du har ikke registrert ledig tid.", "Du har ikkje registrert ledig tid.", "You have registered no available time."};
    std::string spans;
    for (const DateRange& r : joined) spans += (spans.empty() ? "" : "; ") + to_norwegian(r.start) + "–" + to_norwegian(r.end);
    return {"Sammenhengende ledig tid, slik tildelingen leser den: " + spans + ".",
            "Samanhengande ledig tid, slik tildelinga les ho: " + spans + ".",
            "Continuous available time, as the matching reads it: " + spans + "."};
}

Date eligible_from(const Date& general_practice_start) {
    return add_months(general_practice_start, kGeneralPracticeMonthsRequired);
}

Verdict eligibility(const DoctorProfile& doctor, const Date& on) {
    const Date from = eligible_from(doctor.general_practice_start);
    if (on >= from) {
        return {true, "eligible",
                {"Minst 3 år i allmennpraksis.", "Minst 3 år i allmennpraksis.", "At least 3 years in general practice."}};
    }
    const std::string nb_date = to_norwegian(from);
    return {false, "general_practice_3_years",
            {"Krever minst 3 år i allmennpraksis; oppfylt fra " + nb_date + ".",
             "Krev minst 3 år i allmennpraksis; oppfylt frå " + nb_date + ".",
             "Requires at least 3 years in general practice; met from " + nb_date + "."}};
}

int required_service_months(Scheme scheme) { return scheme == Scheme::old_scheme ? 12 : 6; }

Date last_day_of_service(const Date& start, int months) { return add_days(add_months(start, months), -1); }

Verdict minimum_service(const DateRange& service, Scheme scheme) {
    const int months = required_service_months(scheme);
    const std::string n = std::to_string(months);
    if (!service.in_order()) {
        return {false, "end_before_start",
                {"Sluttdato er før startdato.", "Sluttdato er før startdato.", "The end date is before the start date."}};
    }
    const Date needed = last_day_of_service(service.start, months);
    if (service.end >= needed) {
        return {true, "minimum_service",
                {"Minst " + n + " måneders sammenhengende tjeneste.", "Minst " + n + " månader samanhengande teneste.",
                 "At least " + n + " months of continuous service."}};
    }
    const std::string until = to_norwegian(needed);
    return {false, "minimum_service",
            {"Krever minst " + n + " måneders sammenhengende tjeneste, det vil si til og med " + until + ".",
             "Krev minst " + n + " månader samanhengande teneste, det vil seia til og med " + until + ".",
             "Requires at least " + n + " months of continuous service, that is through " + until + "."}};
}

Date release_date(const Date& published_on) { return add_months(published_on, kReleaseAfterMonths); }

bool is_released(const Period& period, const Date& today) {
    return period.status == PeriodStatus::released ||
           (period.status == PeriodStatus::published && today >= release_date(period.published_on));
}

Date released_day(const Period& period) { return period.released_on.value_or(release_date(period.published_on)); }

long days_until_release(const Period& period, const Date& today) {
    return days_between(today, release_date(period.published_on));
}

Date default_answer_deadline(const Date& offered_on, const Date& service_start) {
    return std::min(add_days(offered_on, kAnswerDays), service_start);
}

Verdict answer_deadline(const Date& deadline, const Date& today, const Date& service_start) {
    const Date tomorrow = add_days(today, 1);
    if (service_start < tomorrow) {
        return {false, "answer_deadline",
                {"Tjenesten starter før legen rekker å svare: svarfristen må være fra i morgen og senest første tjenestedag.",
                 "Tenesta byrjar før legen rekk å svara: svarfristen må vera frå i morgon og seinast første tenestedag.",
                 "The service starts before the GP can answer: the answer deadline must be from tomorrow and no later than the first day of service."}};
    }
    const std::string from = to_norwegian(tomorrow), to = to_norwegian(service_start);
    if (deadline < tomorrow || service_start < deadline) {
        return {false, "answer_deadline",
                {"Svarfristen må være fra og med " + from + " til og med første tjenestedag, " + to + ".",
                 "Svarfristen må vera frå og med " + from + " til og med første tenestedag, " + to + ".",
                 "The answer deadline must be from " + from + " up to and including the first day of service, " + to + "."}};
    }
    const std::string on = to_norwegian(deadline);
    return {true, "answer_deadline", {"Svar innen " + on + ".", "Svar innan " + on + ".", "Answer by " + on + "."}};
}

bool answer_deadline_passed(const Date& deadline, const Date& today) { return deadline < today; }

Verdict answer_in_time(const Date& deadline, const Date& today) {
    const std::string on = to_norwegian(deadline);
    if (answer_deadline_passed(deadline, today)) {
        return {false, "answer_deadline_passed",
                {"Svarfristen for tilbudet gikk ut " + on + "; tilbudet kan ikke lenger godtas.",
                 "Svarfristen for tilbodet gjekk ut " + on + "; tilbodet kan ikkje lenger godtakast.",
                 "The answer deadline for the offer was " + on + "; the offer can no longer be accepted."}};
    }
    return {true, "answer_deadline_passed", {"Svar innen " + on + ".", "Svar innan " + on + ".", "Answer by " + on + "."}};
}

}  // namespace alis
