#include "alis/matching/feasibility.hpp"

#include <algorithm>

namespace alis::matching {

namespace {

std::string range_text(const DateRange& r) { return to_norwegian(r.start) + "–" + to_norwegian(r.end); }

}  // namespace

std::string rule_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::feasible: return "feasible";
        case Outcome::struck_from_list: return "struck_from_list";
        case Outcome::already_placed: return "already_placed";
        case Outcome::not_published: return "not_published";
        case Outcome::released: return "released";
        case Outcome::period_over: return "period_over";
        case Outcome::not_wished: return "not_wished";
        case Outcome::no_available_time: return "no_available_time";
        case Outcome::general_practice_3_years: return "general_practice_3_years";
        case Outcome::minimum_service: return "minimum_service";
    }
    return "?";
}

namespace {

// The cheap part of offered(), for the many pairs derivation checks.
Outcome period_outcome(const Period& period, const Date& today, bool held) {
    if (period.status == PeriodStatus::released) return Outcome::released;
    if (period.status != PeriodStatus::published) return Outcome::not_published;
    if (!held && is_released(period, today)) return Outcome::released;
    if (period.range.end < today) return Outcome::period_over;
    return Outcome::feasible;
}

}  // namespace

Verdict offered(const Period& period, const Date& today, bool held) {
    const Outcome o = period_outcome(period, today, held);
    if (o == Outcome::not_published) {
        // The status in words of each language, never the wire name ("withdrawn").
        const bool filled = period.status == PeriodStatus::filled;
        return {false, "not_published",
                filled ? Text{"Perioden er fylt.", "Perioden er fylt.", "The period is filled."}
                       : Text{"Perioden er trukket tilbake.", "Perioden er trekt tilbake.", "The period has been withdrawn."}};
    }
    if (o == Outcome::released) {
        // Released by the job, or due today: the day it goes out, not a date long past.
        const Date day = period.status == PeriodStatus::released ? released_day(period) : std::max(release_date(period.published_on), today);
        const std::string on = to_norwegian(day);
        return {false, "released",
                {"Perioden er lyst ut som ordinært vikariat " + on + ".", "Perioden er lyst ut som ordinært vikariat " + on + ".",
                 "The period was advertised as an ordinary substitute post on " + on + "."}};
    }
    if (o == Outcome::period_over) {
        return {false, "period_over", {"Perioden er over.", "Perioden er over.", "The period is over."}};
    }
    return {true, "offered", {"Perioden er utlyst.", "Perioden er lyst ut.", "The period is published."}};
}

Verdict can_be_placed(const DoctorSituation& doctor) {
    if (doctor.struck) {
        return {false, "struck_from_list",
                {"Du er strøket fra den prioriterte listen fordi du har fått sykehustjeneste på annen måte.",
                 "Du er stroken frå den prioriterte lista fordi du har fått sjukehusteneste på annan måte.",
                 "You are struck from the priority list because you have hospital service arranged elsewhere."}};
    }
    if (doctor.placed) {
        return {false, "already_placed",
                {"Du har allerede fått en periode med sykehustjeneste.", "Du har alt fått ein periode med sjukehusteneste.",
                 "You already have a period of hospital service."}};
    }
    return {true, "can_be_placed", {"Kan tildeles en periode.", "Kan tildelast ein periode.", "Can be given a period."}};
}

Text can_be_placed_staff(const DoctorSituation& doctor) {
    const std::string& name = doctor.profile->name;
    if (doctor.struck)
        return {name + " er strøket fra den prioriterte listen fordi legen har fått sykehustjeneste på annen måte.",
                name + " er stroken frå den prioriterte lista fordi legen har fått sjukehusteneste på annan måte.",
                name + " is struck from the priority list because the GP has hospital service arranged elsewhere."};
    return {name + " har allerede fått en periode med sykehustjeneste.", name + " har alt fått ein periode med sjukehusteneste.",
            name + " already has a period of hospital service."};
}

bool wish_covers(const Wish& wish, const PeriodPlace& place) {
    // Specialties compare after normalising case and spaces ("Indremedisin " is indremedisin).
    const std::string specialty = normalise_specialty(wish.specialty);
    // parse_wish refuses a wish that names no place; one built elsewhere covers nothing rather than
    // everything.
    if (wish.hospital_id.empty() && wish.department_id.empty() && specialty.empty()) return false;
    const Period& p = *place.period;
    return (wish.hospital_id.empty() || wish.hospital_id == p.hospital_id) &&
           (wish.department_id.empty() || wish.department_id == p.department_id) &&
           (specialty.empty() || specialty == normalise_specialty(place.specialty));
}

int whole_months(const DateRange& range, int at_most) {
    int months = 0;
    while (months < at_most && last_day_of_service(range.start, months + 1) <= range.end) ++months;
    return months;
}

namespace {

// The time rules of check_service: eligible on the first day, then the minimum service.
Outcome service_time(const DateRange& service, const Date& eligible_on, int months) {
    if (!service.in_order() || service.start < eligible_on) return Outcome::general_practice_3_years;
    if (service.end < last_day_of_service(service.start, months)) return Outcome::minimum_service;
    return Outcome::feasible;
}

Text month_count(int n) {
    return {plural(n, "hel måned", "hele måneder"), plural(n, "heil månad", "heile månader"), plural(n, "whole month", "whole months")};
}

// "6 trengs", or for the old scheme why 12 do.
Text months_needed(Scheme scheme) {
    if (scheme == Scheme::old_scheme)
        return {"etter gammel ordning trengs 12 måneder", "etter gammal ordning trengst 12 månader",
                "the old scheme needs 12 months"};
    return {"6 trengs", "6 trengst", "6 needed"};
}

}  // namespace

PairCheck check_service(const DoctorSituation& doctor, const DateRange& service) {
    if (doctor.struck) return {Outcome::struck_from_list, 0, service};
    if (doctor.placed) return {Outcome::already_placed, 0, service};
    const DoctorProfile& gp = *doctor.profile;
    return {service_time(service, eligible_from(gp.general_practice_start), required_service_months(gp.scheme)), 0, service};
}

Verdict service_verdict(const DoctorSituation& doctor, const DateRange& service, Voice voice) {
    const PairCheck c = check_service(doctor, service);
    const DoctorProfile& gp = *doctor.profile;
    const std::string r = range_text(service);
    switch (c.outcome) {
        case Outcome::feasible:
            return {true, "feasible",
                    {"Tjenesten " + r + " oppfyller reglene.", "Tenesta " + r + " oppfyller reglane.", "The service " + r + " meets the rules."}};
        case Outcome::struck_from_list:
        case Outcome::already_placed: {
            Verdict v = can_be_placed(doctor);
            if (voice == Voice::staff) v.reason = can_be_placed_staff(doctor);
            return v;
        }
        case Outcome::general_practice_3_years: {
            const std::string from = to_norwegian(eligible_from(gp.general_practice_start)), first = to_norwegian(service.start);
            return {false, "general_practice_3_years",
                    {"Krever minst 3 år i allmennpraksis på første tjenestedag (" + first + "); oppfylt fra " + from + ".",
                     "Krev minst 3 år i allmennpraksis på første tenestedag (" + first + "); oppfylt frå " + from + ".",
                     "Requires at least 3 years in general practice on the first day of service (" + first + "); met from " + from + "."}};
        }
        case Outcome::minimum_service: {
            const int months = required_service_months(gp.scheme);
            const Text got = month_count(whole_months(service, months)), need = months_needed(gp.scheme);
            const std::string until = to_norwegian(last_day_of_service(service.start, months));
            return {false, "minimum_service",
                    {"Tjenesten " + r + " er " + got.nb + "; " + need.nb + ", det vil si til og med " + until + ".",
                     "Tenesta " + r + " er " + got.nn + "; " + need.nn + ", det vil seia til og med " + until + ".",
                     "The service " + r + " is " + got.en + "; " + need.en + ", that is through " + until + "."}};
        }
        default: break;
    }
    return {false, rule_name(c.outcome), {}};
}

PairCheck check_pair(const DoctorSituation& doctor, const PeriodPlace& place, const Date& today) {
    if (doctor.struck) return {Outcome::struck_from_list, 0, {}};  // as check_service, before any window
    if (doctor.placed) return {Outcome::already_placed, 0, {}};
    const Period& period = *place.period;
    if (const Outcome o = period_outcome(period, today, place.held); o != Outcome::feasible) return {o, 0, {}};
    std::vector<const Wish*> covering;
    for (const Wish* w : doctor.wishes)
        if (wish_covers(*w, place)) covering.push_back(w);
    return check_windows(covering, doctor.available, period.range, today, eligible_from(doctor.profile->general_practice_start),
                         required_service_months(doctor.profile->scheme));
}

PairCheck check_windows(const std::vector<const Wish*>& covering, const std::vector<DateRange>& available,
                        const DateRange& period, const Date& today, const Date& eligible_on, int months) {
    PairCheck best{Outcome::not_wished, 0, {}};
    for (const Wish* wish : covering) {
        // The window the wish allows within the period, from today on.
        DateRange wanted = period;
        wanted.start = std::max({wanted.start, today, wish->earliest_start.value_or(wanted.start)});
        wanted.end = std::min(wanted.end, wish->latest_end.value_or(wanted.end));
        if (best.outcome < Outcome::no_available_time) best = {Outcome::no_available_time, wish->rank, wanted};
        for (const DateRange& free : available) {
            const auto window = wanted.in_order() ? intersect(wanted, free) : std::nullopt;
            if (!window) continue;
            // Service can start once the GP is eligible: check_service's rules are asked about the
            // span from that day.
            const DateRange service{std::max(window->start, eligible_on), window->end};
            const Outcome o = service_time(service, eligible_on, months);
            // The binding rule is eligibility also when the window itself is long enough and only
            // the wait for eligibility makes it short: waiting for the 3 years is what costs the fit.
            if (o == Outcome::general_practice_3_years ||
                (o == Outcome::minimum_service && service_time(*window, window->start, months) == Outcome::feasible)) {
                if (best.outcome < Outcome::general_practice_3_years) best = {Outcome::general_practice_3_years, wish->rank, *window};
                continue;
            }
            if (o == Outcome::minimum_service) {
                // The overlap itself is too short (so the wait for eligibility is not what binds); among
                // short ones, the longest explains best how near the GP came. It is stated as it is.
                if (best.outcome < Outcome::minimum_service ||
                    (best.outcome == Outcome::minimum_service && window->length_days() > best.window.length_days()))
                    best = {Outcome::minimum_service, wish->rank, *window};
                continue;
            }
            return {Outcome::feasible, wish->rank, service};
        }
    }
    return best;
}

Text describe(const PairCheck& c, const DoctorSituation& doctor, const PeriodPlace& place, const Date& today) {
    const DoctorProfile& gp = *doctor.profile;
    const std::string where = place.hospital_name + ", " + place.department_name;
    switch (c.outcome) {
        case Outcome::feasible:
            return {"Du kan tjenestegjøre " + range_text(c.window) + ".", "Du kan gjera teneste " + range_text(c.window) + ".",
                    "You can serve " + range_text(c.window) + "."};
        case Outcome::struck_from_list:
        case Outcome::already_placed: return can_be_placed(doctor).reason;
        case Outcome::not_published:
        case Outcome::released:
        case Outcome::period_over: return offered(*place.period, today, place.held).reason;
        case Outcome::not_wished:
            return {"Perioden (" + where + ") er ikke blant ønskene dine.", "Perioden (" + where + ") er ikkje blant ønska dine.",
                    "The period (" + where + ") is not among your wishes."};
        case Outcome::no_available_time: {
            if (doctor.available.empty())
                return {"Du har ikke registrert ledig tid.", "Du har ikkje registrert ledig tid.", "You have registered no available time."};
            const std::string r = range_text(place.period->range);
            return {"Ingen av den ledige tiden din (innenfor ønsket) overlapper perioden " + r + ".",
                    "Inga av den ledige tida di (innanfor ønsket) overlappar perioden " + r + ".",
                    "None of your available time (within the wish) overlaps the period " + r + "."};
        }
        case Outcome::general_practice_3_years: {
            const Date from = eligible_from(gp.general_practice_start);
            if (from > c.window.end) return eligibility(gp, c.window.end).reason;
            // Eligible inside the window, but too late for the minimum service from then on.
            const int months = required_service_months(gp.scheme);
            const DateRange left{from, c.window.end};
            const Text got = month_count(whole_months(left, months)), need = months_needed(gp.scheme);
            const std::string f = to_norwegian(from), r = range_text(c.window), end = to_norwegian(c.window.end);
            return {"Krever minst 3 år i allmennpraksis på første tjenestedag; oppfylt fra " + f + ". Fra da til " + end +
                        " er det " + got.nb + " av overlappen " + r + "; " + need.nb + ".",
                    "Krev minst 3 år i allmennpraksis på første tenestedag; oppfylt frå " + f + ". Frå då til " + end +
                        " er det " + got.nn + " av overlappen " + r + "; " + need.nn + ".",
                    "Requires at least 3 years in general practice on the first day of service; met from " + f + ". From then to " +
                        end + " there are " + got.en + " of the overlap " + r + "; " + need.en + "."};
        }
        case Outcome::minimum_service: {
            const int months = required_service_months(gp.scheme);
            const Text got = month_count(whole_months(c.window, months)), need = months_needed(gp.scheme);
            const std::string r = range_text(c.window);
            // Say what else cut the overlap, so its dates are understood: today, or the wish's own dates.
            Text cut{"", "", ""};
            const Period& p = *place.period;
            bool by_wish = false;
            for (const Wish* w : doctor.wishes)
                if (w->rank == c.wish_rank && wish_covers(*w, place) &&
                    ((w->earliest_start && *w->earliest_start == c.window.start && *w->earliest_start > p.range.start) ||
                     (w->latest_end && *w->latest_end == c.window.end && *w->latest_end < p.range.end)))
                    by_wish = true;
            if (by_wish) cut = {" innenfor datoene i ønsket ditt", " innanfor datoane i ønsket ditt", " within your wish's dates"};
            else if (c.window.start == today && today > p.range.start) cut = {" fra i dag", " frå i dag", " from today"};
            return {"Perioden og den ledige tiden din overlapper" + cut.nb + " " + r + ", " + got.nb + "; " + need.nb + ".",
                    "Perioden og den ledige tida di overlappar" + cut.nn + " " + r + ", " + got.nn + "; " + need.nn + ".",
                    "The period and your available time overlap" + cut.en + " " + r + ", " + got.en + "; " + need.en + "."};
        }
    }
    return {};
}

namespace {

// Whether the pair becomes feasible with one more span of free time or one more wish.
bool feasible_with(const DoctorSituation& doctor, const PeriodPlace& place, const Date& today, const DateRange* span, const Wish* wish) {
    DoctorSituation changed = doctor;
    if (span) {
        changed.available.push_back(*span);
        changed.available = join_free_time(std::move(changed.available));
    }
    if (wish) changed.wishes.push_back(wish);
    return check_pair(changed, place, today).ok();
}

// The window the wish allows within the period, from today on (as check_windows computes it).
DateRange wanted_window(const Wish& wish, const DateRange& period, const Date& today) {
    DateRange wanted = period;
    wanted.start = std::max({wanted.start, today, wish.earliest_start.value_or(wanted.start)});
    wanted.end = std::min(wanted.end, wish.latest_end.value_or(wanted.end));
    return wanted;
}

}  // namespace

Suggestion suggest(const PairCheck& c, const DoctorSituation& doctor, const PeriodPlace& place, const Date& today) {
    Suggestion out;
    const DoctorProfile& gp = *doctor.profile;
    const Period& period = *place.period;
    const Date eligible_on = eligible_from(gp.general_practice_start);
    const int months = required_service_months(gp.scheme);
    if (c.outcome == Outcome::not_wished) {
        Wish w;
        w.id = "suggested";
        w.doctor_id = gp.id;
        w.hospital_id = period.hospital_id;
        w.department_id = period.department_id;
        for (const Wish* x : doctor.wishes) w.rank = std::max(w.rank, x->rank + 1);
        if (!feasible_with(doctor, place, today, nullptr, &w)) return out;
        const std::string what = place.department_name + ", " + place.hospital_name;
        out.kind = Suggestion::Kind::wish;
        out.wish = w;
        out.text = {"Legg til et ønske om " + what + ", så passer perioden.", "Legg til eit ønske om " + what + ", så passar perioden.",
                    "Add a wish for " + what + " and the period fits."};
        return out;
    }
    if (c.outcome != Outcome::no_available_time && c.outcome != Outcome::minimum_service) return out;
    // The wish whose window was judged; its window bounds what free time can help.
    for (const Wish* w : doctor.wishes) {
        if (w->rank != c.wish_rank || !wish_covers(*w, place)) continue;
        const DateRange wanted = wanted_window(*w, period.range, today);
        // Service from the first day both the window and the GP's eligibility allow.
        const Date first = std::max(c.outcome == Outcome::minimum_service ? c.window.start : wanted.start, eligible_on);
        const DateRange later{first, last_day_of_service(first, months)};
        if (c.outcome == Outcome::minimum_service) {
            // Free time that runs on: "varer til".
            if (later.end <= wanted.end && feasible_with(doctor, place, today, &later, nullptr)) {
                const std::string until = to_norwegian(later.end);
                out = {Suggestion::Kind::free_time, later, {},
                       {"Hvis den ledige tiden din varer til " + until + ", passer perioden.",
                        "Om den ledige tida di varer til " + until + ", passar perioden.",
                        "If your available time lasts until " + until + ", the period fits."}};
                return out;
            }
            // Free time that starts earlier, ending where it ends now: "fra". The latest start whose
            // minimum service ends by then (add_months clamps month ends, so step back at most a few days).
            Date start = add_months(add_days(c.window.end, 1), -months);
            for (int i = 0; i < 4 && last_day_of_service(start, months) > c.window.end; ++i) start = add_days(start, -1);
            const DateRange earlier{start, c.window.start};
            if (start >= std::max(wanted.start, eligible_on) && start < c.window.start &&
                feasible_with(doctor, place, today, &earlier, nullptr)) {
                const std::string from = to_norwegian(start);
                out = {Suggestion::Kind::free_time, earlier, {},
                       {"Hvis du er ledig fra " + from + ", passer perioden.", "Om du er ledig frå " + from + ", passar perioden.",
                        "If you are available from " + from + ", the period fits."}};
            }
            return out;
        }
        if (later.end <= wanted.end && feasible_with(doctor, place, today, &later, nullptr)) {
            const std::string r = range_text(later);
            out = {Suggestion::Kind::free_time, later, {},
                   {"Hvis du er ledig " + r + ", passer perioden.", "Om du er ledig " + r + ", passar perioden.",
                    "If you are available " + r + ", the period fits."}};
            return out;
        }
        return out;
    }
    return out;
}

Feasibility assess(const DoctorSituation& doctor, const PeriodPlace& place, const Date& today) {
    const PairCheck c = check_pair(doctor, place, today);
    Feasibility f;
    f.ok = c.ok();
    f.rule = rule_name(c.outcome);
    f.reason = describe(c, doctor, place, today);
    if (f.ok) {
        f.wish_rank = c.wish_rank;
        f.service = c.window;
    }
    return f;
}

}  // namespace alis::matching
