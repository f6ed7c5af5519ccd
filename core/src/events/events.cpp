#include "alis/events.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>

#include "alis/matching/feasibility.hpp"
#include "alis/rules.hpp"
#include "alis/sync/matching_input.hpp"

namespace alis::events {

using sync::Channel;
using sync::OfferStatus;
using sync::PortalState;
using sync::Role;
using sync::Subscription;
using sync::SubscriptionTopic;
using sync::User;

std::string to_string(EventKind kind) {
    switch (kind) {
        case EventKind::period_fits: return "period_fits";
        case EventKind::period_new: return "period_new";
        case EventKind::offer_made: return "offer_made";
        case EventKind::offer_withdrawn: return "offer_withdrawn";
        case EventKind::offer_lapsed: return "offer_lapsed";
        case EventKind::offer_accepted: return "offer_accepted";
        case EventKind::offer_declined: return "offer_declined";
        case EventKind::release_warning: return "release_warning";
        case EventKind::period_released: return "period_released";
        case EventKind::doctor_fits: return "doctor_fits";
        case EventKind::doctor_struck: return "doctor_struck";
        case EventKind::doctor_placed: return "doctor_placed";
    }
    return "unknown";
}

Fits fits_from(const matching::MatchingInput& input, const matching::DerivedLists& lists) {
    Fits out;
    for (std::size_t i = 0; i < input.doctors.size() && i < lists.options.size(); ++i) {
        for (const auto& option : lists.options[i]) out.insert({input.doctors[i].id, input.periods[option.period].id});
    }
    return out;
}

Fits compute_fits(const PortalState& state, const Date& today) {
    const matching::MatchingInput input = sync::matching_input_of(state, today);
    return fits_from(input, matching::derive(input));
}

namespace {

// FNV-1a: a digest that is the same on every platform (std::hash is not), so a changed wish gets a
// new key in the browser and on the server alike.
std::string digest(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 15];
    return out;
}

std::string specialty_of(const PortalState& s, const Period& p) {
    if (!p.specialty.empty()) return p.specialty;
    const Organisation* d = sync::find_organisation(s, p.department_id);
    return d ? d->specialty : std::string();
}

// Where an event happens, as a subscription's filters read it. The range is empty when the event
// has no dates (an offer's period unknown to the replica); a range filter then does not hold it back.
struct Place {
    std::string hospital_id;
    std::string department_id;
    std::string specialty;
    std::optional<Date> start;
    std::optional<Date> end;
};

Place place_of(const PortalState& s, const Period& p) {
    return {p.hospital_id, p.department_id, specialty_of(s, p), p.range.start, p.range.end};
}

// A period overlaps the subscription's range when it starts on or before `to` and ends on or after
// `from`; an open end of either is unbounded.
bool in_range(const Subscription& sub, const Place& at) {
    if (sub.to && at.start && *sub.to < *at.start) return false;
    if (sub.from && at.end && *at.end < *sub.from) return false;
    return true;
}

bool filter_fits(const Subscription& sub, const Place& at) {
    return (sub.hospital_id.empty() || sub.hospital_id == at.hospital_id) &&
           (sub.department_id.empty() || sub.department_id == at.department_id) &&
           (sub.specialty.empty() || sub.specialty == at.specialty) && in_range(sub, at);
}

struct Asked {
    bool in_app = false;
    bool email = false;
    sync::Frequency frequency = sync::Frequency::weekly;  // the most frequent e-mail subscription's
    bool any() const { return in_app || email; }
    void add(const Subscription& sub) {
        if (sub.channel != Channel::email) {
            in_app = true;
            return;
        }
        email = true;
        frequency = std::min(frequency, sub.frequency);  // immediate < daily < weekly
    }
    void mark(Event& e) const {
        e.email = email;
        e.email_frequency = email ? frequency : sync::Frequency::immediate;
    }
};

bool subscribed(const Subscription& sub, const User& user, std::initializer_list<SubscriptionTopic> topics) {
    return sub.user_id == user.id && !sub.paused && std::find(topics.begin(), topics.end(), sub.topic) != topics.end();
}

// Which of the user's unpaused subscriptions to `topics` ask for an event at `at`.
Asked asked(const PortalState& s, const User& user, std::initializer_list<SubscriptionTopic> topics, const Place& at) {
    Asked a;
    for (const auto& [id, sub] : s.subscriptions) {
        if (subscribed(sub, user, topics) && filter_fits(sub, at)) a.add(sub);
    }
    return a;
}

bool wished(const PortalState& s, const std::string& doctor_id, const Period& p) {
    matching::PeriodPlace place;
    place.period = &p;
    place.specialty = specialty_of(s, p);
    for (const auto& [id, w] : s.wishes) {
        if (w.doctor_id == doctor_id && matching::wish_covers(w, place)) return true;
    }
    return false;
}

class Collector {
public:
    Collector(const User& user, const Date& today) : user_(user), today_(today) {}
    Event& add(EventKind kind, const Date& on, const std::string& subject) {
        Event e;
        e.kind = kind;
        e.user_id = user_.id;
        e.on = on;
        e.key = to_string(kind) + "/" + subject + "/" + user_.id;
        out_.push_back(std::move(e));
        return out_.back();
    }
    std::vector<Event> take() {
        std::vector<Event> kept;
        for (auto& e : out_) {
            if (e.on <= today_) kept.push_back(std::move(e));
        }
        std::sort(kept.begin(), kept.end(), [](const Event& a, const Event& b) { return a.on != b.on ? b.on < a.on : a.key < b.key; });
        return kept;
    }

private:
    const User& user_;
    Date today_;
    std::vector<Event> out_;
};

void gp_events(const PortalState& s, const Fits& fits, const User& user, Collector& out) {
    const std::string& doctor = user.doctor_id;
    for (const auto& [id, p] : s.periods) {
        const Place at = place_of(s, p);
        if (p.status == PeriodStatus::published) {
            const Asked sub = asked(s, user, {SubscriptionTopic::new_periods}, at);
            if (!doctor.empty() && fits.count({doctor, id})) {
                Event& e = out.add(EventKind::period_fits, p.published_on, id);
                e.period_id = id;
                sub.mark(e);
            } else if (sub.any()) {
                Event& e = out.add(EventKind::period_new, p.published_on, id);
                e.period_id = id;
                e.in_app = sub.in_app;
                sub.mark(e);
            }
        } else if (p.status == PeriodStatus::released) {
            const Asked sub = asked(s, user, {SubscriptionTopic::released_periods}, at);
            const bool wanted = !doctor.empty() && wished(s, doctor, p);
            if (wanted || sub.any()) {
                Event& e = out.add(EventKind::period_released, released_day(p), id);
                e.period_id = id;
                e.in_app = wanted || sub.in_app;
                sub.mark(e);
            }
        }
    }
    if (doctor.empty()) return;
    for (const auto& [id, o] : s.offers) {
        if (o.doctor_id != doctor) continue;
        // The offer's own dates; department and specialty from its period when the state holds it.
        const Period* p = sync::find_period(s, o.period_id);
        Place at = p ? place_of(s, *p) : Place{};
        at.hospital_id = o.hospital_id, at.start = o.range.start, at.end = o.range.end;
        const Asked sub = asked(s, user, {SubscriptionTopic::offers}, at);
        Event& made = out.add(EventKind::offer_made, o.offered_on, id);
        made.offer_id = id, made.period_id = o.period_id;
        sub.mark(made);
        if (o.status == OfferStatus::withdrawn) {
            // A withdrawal records no date of its own; the answer's date when there is one.
            Event& e = out.add(EventKind::offer_withdrawn, o.answered_on.value_or(o.offered_on), id);
            e.offer_id = id, e.period_id = o.period_id;
            sub.mark(e);
        } else if (o.status == OfferStatus::lapsed) {
            Event& e = out.add(EventKind::offer_lapsed, add_days(o.answer_by, 1), id);
            e.offer_id = id, e.period_id = o.period_id;
            sub.mark(e);
        }
    }
    for (const auto& [id, c] : s.candidates) {
        if (c.doctor_id != doctor || !c.struck || !c.struck_on) continue;
        Event& e = out.add(EventKind::doctor_struck, *c.struck_on, id);
        e.candidate_id = id, e.doctor_id = doctor;
    }
}

void hospital_events(const PortalState& s, const User& user, const Date& today, Collector& out) {
    const std::string& hospital = user.organisation_id;
    for (const auto& [id, p] : s.periods) {
        if (p.hospital_id != hospital) continue;
        const bool unmatched = p.status == PeriodStatus::released ||
                               (p.status == PeriodStatus::published && sync::accepted_offer_count(s, id) == 0);
        if (unmatched) {
            Event& e = out.add(EventKind::release_warning, add_days(release_date(p.published_on), -kReleaseWarningDays), id);
            e.period_id = id;
        }
        if (p.status == PeriodStatus::released) {
            Event& e = out.add(EventKind::period_released, released_day(p), id);
            e.period_id = id;
        }
    }
    for (const auto& [id, o] : s.offers) {
        if (o.hospital_id == hospital && o.status == OfferStatus::lapsed) {
            Event& e = out.add(EventKind::offer_lapsed, add_days(o.answer_by, 1), id);
            e.offer_id = id, e.period_id = o.period_id, e.doctor_id = o.doctor_id;
        }
        if (o.hospital_id != hospital || !o.answered_on) continue;
        if (o.status != OfferStatus::accepted && o.status != OfferStatus::declined) continue;
        Event& e = out.add(o.status == OfferStatus::accepted ? EventKind::offer_accepted : EventKind::offer_declined, *o.answered_on, id);
        e.offer_id = id, e.period_id = o.period_id, e.doctor_id = o.doctor_id;
    }
    // A wish naming this hospital, or none but a specialty one of its departments has, concerns the
    // hospital's subscribers whose filters take one of the departments it fits (and whose range, if
    // any, overlaps the wish's window); a changed wish is a new event (its digest is in the key).
    for (const auto& [id, w] : s.wishes) {
        if (!w.hospital_id.empty() && w.hospital_id != hospital) continue;
        Asked sub;
        for (const auto& [sid, subscription] : s.subscriptions) {
            if (!subscribed(subscription, user, {SubscriptionTopic::new_candidates, SubscriptionTopic::wishes_for_my_departments})) continue;
            for (const auto& [oid, d] : s.organisations) {
                if (d.kind != OrganisationKind::department || d.parent_id != hospital) continue;
                if ((!w.department_id.empty() && w.department_id != oid) || (!w.specialty.empty() && w.specialty != d.specialty)) continue;
                if (filter_fits(subscription, {hospital, oid, d.specialty, w.earliest_start, w.latest_end})) {
                    sub.add(subscription);
                    break;
                }
            }
        }
        if (!sub.any()) continue;
        nlohmann::json body = w;
        Event& e = out.add(EventKind::doctor_fits, today, id + "/" + digest(body.dump()));
        e.wish_id = id, e.doctor_id = w.doctor_id, e.in_app = sub.in_app;
        sub.mark(e);
    }
}

void municipality_events(const PortalState& s, const User& user, Collector& out) {
    for (const auto& [cid, c] : s.candidates) {
        if (c.municipality_id != user.organisation_id) continue;
        for (const auto& [oid, o] : s.offers) {
            if (o.doctor_id != c.doctor_id || o.status != OfferStatus::accepted || !o.answered_on) continue;
            Event& e = out.add(EventKind::doctor_placed, *o.answered_on, oid);
            e.offer_id = oid, e.doctor_id = c.doctor_id, e.candidate_id = cid, e.period_id = o.period_id;
        }
    }
}

}  // namespace

std::vector<Event> events_for(const PortalState& state, const Fits& fits, const User& user, const Date& today) {
    Collector out(user, today);
    switch (user.role) {
        case Role::gp: gp_events(state, fits, user, out); break;
        case Role::hospital: hospital_events(state, user, today, out); break;
        case Role::municipality: municipality_events(state, user, out); break;
        case Role::alis_office: break;
    }
    return out.take();
}

std::vector<Event> all_events(const PortalState& state, const Fits& fits, const Date& today) {
    std::vector<Event> out;
    for (const auto& [id, u] : state.users) {
        auto mine = events_for(state, fits, u, today);
        out.insert(out.end(), std::make_move_iterator(mine.begin()), std::make_move_iterator(mine.end()));
    }
    return out;
}

}  // namespace alis::events
