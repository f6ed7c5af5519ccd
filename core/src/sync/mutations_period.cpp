// Hospital-side mutations (periods and offers), the GP's answers, and the two-month release job.
#include <algorithm>
#include <set>

#include "alis/matching/feasibility.hpp"
#include "alis/rules.hpp"
#include "mutation_context.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

namespace detail {

namespace {

void check_verdict(Ctx& c, const Verdict& v, const std::string& field) {
    if (!v.ok) c.fail(field, v.rule, v.reason);
}

// The department must exist and belong to the period's hospital trust.
const Organisation* check_department(Ctx& c, const Period& p) {
    const Organisation* h = find_organisation(c.s, p.hospital_id);
    if (!h || h->kind != OrganisationKind::hospital_trust) {
        c.fail("period.hospital_id", "unknown_hospital", {"Ukjent helseforetak.", "Ukjent helseføretak.", "Unknown hospital trust."});
        return nullptr;
    }
    const Organisation* d = find_organisation(c.s, p.department_id);
    if (!d || d->kind != OrganisationKind::department) {
        c.fail("period.department_id", "unknown_department", {"Ukjent avdeling.", "Ukjend avdeling.", "Unknown department."});
        return nullptr;
    }
    if (d->parent_id != p.hospital_id) {
        c.fail("period.department_id", "department_of_other_hospital",
               {"Avdelingen hører ikke til helseforetaket.", "Avdelinga høyrer ikkje til helseføretaket.",
                "The department does not belong to the hospital trust."});
        return nullptr;
    }
    return d;
}

void check_period_dates(Ctx& c, const Period& p) {
    if (p.range.start < c.today) {
        c.fail("period.start", "start_in_past",
               {"Perioden kan ikke starte før i dag.", "Perioden kan ikkje starta før i dag.", "The period cannot start before today."});
    }
    // The shortest service the scheme allows (6 months) must fit in the period.
    check_verdict(c, minimum_service(p.range, Scheme::new_scheme), "period.end");
}

void withdraw_pending_offers(Ctx& c, const std::string& period_id) {
    for (auto& [id, o] : c.s.offers) {
        if (o.period_id == period_id && o.status == OfferStatus::pending) {
            o.status = OfferStatus::withdrawn;
            c.touch(RecordKind::offer, id);
        }
    }
}

// The GP as the matching sees them: struck from a municipal list, or placed by an accepted offer.
matching::DoctorSituation standing(const PortalState& s, const DoctorProfile& d) {
    matching::DoctorSituation doctor;
    doctor.profile = &d;
    for (const auto& [id, cand] : s.candidates) doctor.struck = doctor.struck || (cand.doctor_id == d.id && cand.struck);
    for (const auto& [id, o] : s.offers) doctor.placed = doctor.placed || (o.doctor_id == d.id && o.status == OfferStatus::accepted);
    return doctor;
}

// The matching's own feasibility test on the offered span, so an offer is refused for the same rule,
// in the same words, as the matching explains. Staff read about the GP by name; the GP reads "du".
void check_offered_service(Ctx& c, const DoctorProfile& d, const DateRange& service, matching::Voice voice, bool answering) {
    const Verdict v = matching::service_verdict(standing(c.s, d), service, voice);
    if (v.ok) return;
    const std::string field = answering                                  ? "args.offer_id"
                              : v.rule == "minimum_service"              ? "offer.end"
                              : v.rule == "general_practice_3_years"     ? "offer.start"
                                                                         : "offer.doctor_id";
    c.fail(field, v.rule, v.reason);
}

// Rule 3 with offers: the period's release date has come, no GP has accepted, and no pending offer
// within its deadline holds it, so the daily job releases it; no new offer may hold it back.
bool due_for_release(const PortalState& s, const Period& p, const Date& today) {
    return p.status == PeriodStatus::published && is_released(p, today) && accepted_offer_count(s, p.id) == 0 &&
           !held_by_offer(s, p.id, today);
}

const Text kNotOpen{"Perioden er ikke lenger åpen.", "Perioden er ikkje lenger open.", "The period is no longer open."};
const Text kNotPending{"Tilbudet er allerede besvart eller trukket.", "Tilbodet er alt svara på eller trekt.",
                       "The offer has already been answered or withdrawn."};

}  // namespace

void publish_period(Ctx& c) {
    auto p = parse_period(c.args, c.p, "period");
    if (!p) return;
    if (!c.own_hospital(p->hospital_id)) return c.not_allowed("period.hospital_id");
    if (c.s.periods.count(p->id)) return c.already_exists(RecordKind::period, p->id, "period.id");
    const Organisation* dept = check_department(c, *p);
    check_period_dates(c, *p);
    if (!c.ok()) return;
    // The server's day is the publication day: the two-month rule counts from it.
    p->published_on = c.today;
    p->status = PeriodStatus::published;
    p->released_on.reset();
    if (p->specialty.empty()) p->specialty = dept->specialty;
    c.s.periods[p->id] = *p;
    c.touch(RecordKind::period, p->id);
}

void edit_period(Ctx& c) {
    auto p = parse_period(c.args, c.p, "period");
    if (!p) return;
    Period* old = c.lookup(c.s.periods, RecordKind::period, p->id, "period.id");
    if (!old) return;
    if (!c.own_hospital(old->hospital_id)) return c.not_allowed("period.id");
    if (p->hospital_id != old->hospital_id) return c.immutable("period.hospital_id");
    if (old->status != PeriodStatus::published) return c.fail("period.status", "period_not_open", kNotOpen);
    check_department(c, *p);
    if (p->range != old->range) check_period_dates(c, *p);
    const int taken = accepted_offer_count(c.s, p->id);
    if (p->places < taken) {
        c.fail("period.places", "fewer_places_than_accepted",
               {"Flere tilbud er allerede akseptert.", "Fleire tilbod er alt aksepterte.", "More offers have already been accepted."});
    }
    if (!c.ok()) return;
    p->published_on = old->published_on;
    p->status = old->status;
    p->released_on = old->released_on;
    if (p->specialty.empty()) p->specialty = old->specialty;
    *old = *p;
    c.touch(RecordKind::period, p->id);
}

void withdraw_period(Ctx& c) {
    const std::string id = c.arg_id("period_id");
    if (!c.ok()) return;
    Period* p = c.lookup(c.s.periods, RecordKind::period, id, "args.period_id");
    if (!p) return;
    if (!c.own_hospital(p->hospital_id)) return c.not_allowed("args.period_id");
    if (p->status != PeriodStatus::published) return c.fail("args.period_id", "period_not_open", kNotOpen);
    if (accepted_offer_count(c.s, id) > 0) {
        return c.fail("args.period_id", "has_accepted_offers",
                      {"En lege har allerede akseptert et tilbud i perioden.", "Ein lege har alt akseptert eit tilbod i perioden.",
                       "A GP has already accepted an offer in this period."});
    }
    p->status = PeriodStatus::withdrawn;
    c.touch(RecordKind::period, id);
    withdraw_pending_offers(c, id);
}

void make_offer(Ctx& c) {
    auto o = parse_offer(c.args, c.p, "offer");
    if (!o) return;
    if (c.s.offers.count(o->id)) return c.already_exists(RecordKind::offer, o->id, "offer.id");
    const Period* p = c.lookup(c.s.periods, RecordKind::period, o->period_id, "offer.period_id");
    if (!p) return;
    if (!c.own_hospital(p->hospital_id)) return c.not_allowed("offer.period_id");
    if (p->status != PeriodStatus::published) return c.fail("offer.period_id", "period_not_open", kNotOpen);
    if (due_for_release(c.s, *p, c.today)) {
        const std::string on = to_norwegian(release_date(p->published_on));
        return c.fail("offer.period_id", "released",
                      {"Perioden ble ikke tildelt innen to måneder og lyses ut som ordinært vikariat fra " + on + ".",
                       "Perioden vart ikkje tildelt innan to månader og blir lyst ut som ordinært vikariat frå " + on + ".",
                       "The period was not matched within two months and is advertised as an ordinary substitute post from " + on + "."});
    }
    const DoctorProfile* d = c.lookup(c.s.doctors, RecordKind::doctor, o->doctor_id, "offer.doctor_id");
    if (!d) return;
    if (o->range.start < p->range.start || p->range.end < o->range.end) {
        c.fail("offer.start", "outside_period",
               {"Tilbudet må ligge innenfor perioden.", "Tilbodet må liggja innanfor perioden.", "The offer must lie within the period."});
    }
    if (o->range.in_order()) check_offered_service(c, *d, o->range, matching::Voice::staff, false);
    // The hospital's chosen deadline, or the default; either must leave the GP a day to answer.
    const auto given = c.args.find("answer_by");
    if (given == c.args.end() || given->is_null()) o->answer_by = default_answer_deadline(c.today, o->range.start);
    check_verdict(c, answer_deadline(o->answer_by, c.today, o->range.start), "offer.answer_by");
    for (const auto& [id, other] : c.s.offers) {
        if (other.period_id == o->period_id && other.doctor_id == o->doctor_id &&
            (other.status == OfferStatus::pending || other.status == OfferStatus::accepted)) {
            c.fail("offer.doctor_id", "duplicate_offer",
                   {"Legen har allerede et tilbud i denne perioden.", "Legen har alt eit tilbod i denne perioden.",
                    "The GP already has an offer in this period."});
            break;
        }
    }
    if (!c.ok()) return;
    o->hospital_id = p->hospital_id;
    o->status = OfferStatus::pending;
    o->offered_on = c.today;
    o->answered_on.reset();
    c.s.offers[o->id] = *o;
    c.touch(RecordKind::offer, o->id);
    c.touch(RecordKind::doctor, o->doctor_id);  // the hospital may now see the doctor
    c.touch(RecordKind::period, o->period_id);  // the GP may now see the period whatever its status
}

void withdraw_offer(Ctx& c) {
    const std::string id = c.arg_id("offer_id");
    if (!c.ok()) return;
    Offer* o = c.lookup(c.s.offers, RecordKind::offer, id, "args.offer_id");
    if (!o) return;
    if (!c.own_hospital(o->hospital_id)) return c.not_allowed("args.offer_id");
    if (o->status != OfferStatus::pending) return c.fail("args.offer_id", "offer_not_pending", kNotPending);
    o->status = OfferStatus::withdrawn;
    c.touch(RecordKind::offer, id);
}

// Only the GP the offer is made to answers it; the office cannot answer for them.
void accept_offer(Ctx& c) {
    const std::string id = c.arg_id("offer_id");
    if (!c.ok()) return;
    Offer* o = c.lookup(c.s.offers, RecordKind::offer, id, "args.offer_id");
    if (!o) return;
    if (c.a.role != Role::gp || o->doctor_id != c.a.doctor_id) return c.not_allowed("args.offer_id");
    const Text no_places{"Alle plassene i perioden er tatt.", "Alle plassane i perioden er tekne.",
                         "All places in the period are taken."};
    if (o->status != OfferStatus::pending) {
        // Taking the last place withdraws the other offers; the GP who comes second is told why.
        const Period* period = find_period(c.s, o->period_id);
        if (o->status == OfferStatus::withdrawn && period && period->status == PeriodStatus::filled) {
            return c.fail("args.offer_id", "no_places_left", no_places);
        }
        if (o->status == OfferStatus::lapsed) return check_verdict(c, answer_in_time(o->answer_by, c.today), "args.offer_id");
        return c.fail("args.offer_id", "offer_not_pending", kNotPending);
    }
    // Past the deadline the offer no longer holds the period, even before the daily job marks it.
    check_verdict(c, answer_in_time(o->answer_by, c.today), "args.offer_id");
    if (!c.ok()) return;
    Period* p = c.lookup(c.s.periods, RecordKind::period, o->period_id, "args.offer_id");
    const DoctorProfile* d = c.lookup(c.s.doctors, RecordKind::doctor, o->doctor_id, "args.offer_id");
    if (!p || !d) return;
    if (p->status == PeriodStatus::filled || accepted_offer_count(c.s, p->id) >= p->places) {
        return c.fail("args.offer_id", "no_places_left", no_places);
    }
    if (p->status != PeriodStatus::published) return c.fail("args.offer_id", "period_not_open", kNotOpen);
    // Struck, already placed (any accepted offer, so also one overlapping this), eligible on the
    // first day, the minimum service: the matching's rules, judged again on the day of the answer.
    check_offered_service(c, *d, o->range, matching::Voice::gp, true);
    if (!c.ok()) return;
    o->status = OfferStatus::accepted;
    o->answered_on = c.today;
    c.touch(RecordKind::offer, id);
    if (accepted_offer_count(c.s, p->id) >= p->places) {
        p->status = PeriodStatus::filled;
        c.touch(RecordKind::period, p->id);
        withdraw_pending_offers(c, p->id);
    }
}

void decline_offer(Ctx& c) {
    const std::string id = c.arg_id("offer_id");
    if (!c.ok()) return;
    Offer* o = c.lookup(c.s.offers, RecordKind::offer, id, "args.offer_id");
    if (!o) return;
    if (c.a.role != Role::gp || o->doctor_id != c.a.doctor_id) return c.not_allowed("args.offer_id");
    if (o->status != OfferStatus::pending) return c.fail("args.offer_id", "offer_not_pending", kNotPending);
    o->status = OfferStatus::declined;
    o->answered_on = c.today;
    c.touch(RecordKind::offer, id);
}

}  // namespace detail

bool holds_period(const Offer& offer, const Date& today) {
    return offer.status == OfferStatus::pending && !answer_deadline_passed(offer.answer_by, today);
}

bool held_by_offer(const PortalState& state, const std::string& period_id, const Date& today) {
    for (const auto& [id, o] : state.offers) {
        if (o.period_id == period_id && holds_period(o, today)) return true;
    }
    return false;
}

std::vector<RecordKey> lapse_overdue_offers(PortalState& state, const Date& today) {
    std::vector<RecordKey> changed;
    for (auto& [id, o] : state.offers) {
        if (o.status != OfferStatus::pending || !answer_deadline_passed(o.answer_by, today)) continue;
        o.status = OfferStatus::lapsed;
        changed.push_back({RecordKind::offer, id});
    }
    return changed;
}

std::vector<RecordKey> release_unmatched_periods(PortalState& state, const Date& today) {
    // Lapsed offers first: an offer whose deadline passed no longer holds its period.
    const std::vector<RecordKey> lapsed = lapse_overdue_offers(state, today);
    std::set<RecordKey> changed(lapsed.begin(), lapsed.end());
    for (auto& [id, p] : state.periods) {
        if (p.status != PeriodStatus::published || !is_released(p, today)) continue;
        if (accepted_offer_count(state, id) > 0) continue;  // a match was made in time
        if (held_by_offer(state, id, today)) continue;      // a pending offer is a match found
        p.status = PeriodStatus::released;
        p.released_on = today;
        changed.insert({RecordKind::period, id});
    }
    return {changed.begin(), changed.end()};
}

}  // namespace alis::sync
