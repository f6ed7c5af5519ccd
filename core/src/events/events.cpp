#include "alis/events.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>

#include "alis/matching/feasibility.hpp"
#include "alis/rules.hpp"
#include "alis/sync/municipal_order.hpp"

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

matching::MatchingInput matching_input_of(const PortalState& view, const Date& today) {
    matching::MatchingInput in;
    in.today = today;
    for (const auto& [id, o] : view.organisations) in.organisations.push_back(o);
    for (const auto& [id, d] : view.doctors) in.doctors.push_back(d);
    for (const auto& [id, a] : view.available_times) in.available_times.push_back(a);
    for (const auto& [id, w] : view.wishes) in.wishes.push_back(w);
    for (const auto& [id, p] : view.periods) in.periods.push_back(p);
    for (const auto& [id, list] : view.regional_lists) {
        in.priority_list.insert(in.priority_list.end(), list.doctor_ids.begin(), list.doctor_ids.end());
    }
    for (const auto& [id, c] : view.candidates) {
        if (c.struck) in.struck.insert(c.doctor_id);
    }
    for (const auto& [id, offer] : view.offers) {
        if (offer.status == OfferStatus::accepted) in.placed.insert(offer.doctor_id);
    }
    in.weights = sync::stored_score_weights(view);
    in.municipal_lists = sync::municipal_lists_of(view);
    return in;
}

Fits compute_fits(const PortalState& state, const Date& today) {
    const matching::MatchingInput input = matching_input_of(state, today);
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

bool filter_fits(const Subscription& sub, const std::string& hospital_id, const std::string& specialty) {
    return (sub.hospital_id.empty() || sub.hospital_id == hospital_id) && (sub.specialty.empty() || sub.specialty == specialty);
}

struct Asked {
    bool in_app = false;
    bool email = false;
    bool any() const { return in_app || email; }
};

// Which of the user's subscriptions to `topics` ask for an event at (hospital, specialty).
Asked asked(const PortalState& s, const User& user, std::initializer_list<SubscriptionTopic> topics,
            const std::string& hospital_id, const std::string& specialty) {
    Asked a;
    for (const auto& [id, sub] : s.subscriptions) {
        if (sub.user_id != user.id || std::find(topics.begin(), topics.end(), sub.topic) == topics.end()) continue;
        if (!filter_fits(sub, hospital_id, specialty)) continue;
        (sub.channel == Channel::email ? a.email : a.in_app) = true;
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
        const std::string specialty = specialty_of(s, p);
        if (p.status == PeriodStatus::published) {
            const Asked sub = asked(s, user, {SubscriptionTopic::new_periods}, p.hospital_id, specialty);
            if (!doctor.empty() && fits.count({doctor, id})) {
                Event& e = out.add(EventKind::period_fits, p.published_on, id);
                e.period_id = id;
                e.email = sub.email;
            } else if (sub.any()) {
                Event& e = out.add(EventKind::period_new, p.published_on, id);
                e.period_id = id;
                e.in_app = sub.in_app;
                e.email = sub.email;
            }
        } else if (p.status == PeriodStatus::released) {
            const Asked sub = asked(s, user, {SubscriptionTopic::released_periods}, p.hospital_id, specialty);
            const bool wanted = !doctor.empty() && wished(s, doctor, p);
            if (wanted || sub.any()) {
                Event& e = out.add(EventKind::period_released, release_date(p.published_on), id);
                e.period_id = id;
                e.in_app = wanted || sub.in_app;
                e.email = sub.email;
            }
        }
    }
    if (doctor.empty()) return;
    for (const auto& [id, o] : s.offers) {
        if (o.doctor_id != doctor) continue;
        const Asked sub = asked(s, user, {SubscriptionTopic::offers}, o.hospital_id, "");
        Event& made = out.add(EventKind::offer_made, o.offered_on, id);
        made.offer_id = id, made.period_id = o.period_id, made.email = sub.email;
        if (o.status == OfferStatus::withdrawn) {
            // A withdrawal records no date of its own; the answer's date when there is one.
            Event& e = out.add(EventKind::offer_withdrawn, o.answered_on.value_or(o.offered_on), id);
            e.offer_id = id, e.period_id = o.period_id, e.email = sub.email;
        } else if (o.status == OfferStatus::lapsed) {
            Event& e = out.add(EventKind::offer_lapsed, add_days(o.answer_by, 1), id);
            e.offer_id = id, e.period_id = o.period_id, e.email = sub.email;
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
            Event& e = out.add(EventKind::period_released, release_date(p.published_on), id);
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
    // hospital's subscribers; a changed wish is a new event (its digest is in the key).
    for (const auto& [id, w] : s.wishes) {
        if (!w.hospital_id.empty() && w.hospital_id != hospital) continue;
        std::string specialty;
        bool fits = false;
        for (const auto& [oid, d] : s.organisations) {
            if (d.kind != OrganisationKind::department || d.parent_id != hospital) continue;
            if ((w.department_id.empty() || w.department_id == oid) && (w.specialty.empty() || w.specialty == d.specialty)) {
                fits = true;
                specialty = d.specialty;
                break;
            }
        }
        if (!fits) continue;
        const Asked sub = asked(s, user, {SubscriptionTopic::new_candidates, SubscriptionTopic::wishes_for_my_departments}, hospital, specialty);
        if (!sub.any()) continue;
        nlohmann::json body = w;
        Event& e = out.add(EventKind::doctor_fits, today, id + "/" + digest(body.dump()));
        e.wish_id = id, e.doctor_id = w.doctor_id, e.in_app = sub.in_app, e.email = sub.email;
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
