#pragma once
// Which events concern which user: one pure function of (state, fits, today), called by the Alerts
// screen (from the browser's replica) and by the server (from its whole state). There is no second
// copy of these rules anywhere.
//
// The state holds no history, so an event is read off the dates the records carry (a period's
// publication, an offer's answer, a strike). Each event has a stable key: the same event always
// has the same key, so the server can keep one notification per key (UNIQUE in SQLite).
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alis/date.hpp"
#include "alis/matching/derive.hpp"
#include "alis/sync/records.hpp"
#include "alis/sync/state.hpp"

namespace alis::events {

// Days before the two-month release that the period's hospital is warned.
inline constexpr int kReleaseWarningDays = 14;

enum class EventKind {
    period_fits,      // GP: a published period fits their wishes and free time (matching)
    period_new,       // GP: a published period matches one of their new-period subscriptions
    offer_made,       // GP: an offer to them
    offer_withdrawn,  // GP: an offer to them was withdrawn
    offer_lapsed,     // GP and hospital: the offer's answer deadline passed unanswered (the day after it)
    offer_accepted,   // hospital: a GP accepted its offer
    offer_declined,   // hospital: a GP declined its offer
    release_warning,  // hospital: its unmatched period is released in kReleaseWarningDays days
    period_released,  // hospital: it may advertise the period as an ordinary substitute post;
                      // GP: a period they wished for (or subscribed to) is gone
    doctor_fits,      // hospital: a GP's wish fits one of its departments (when subscribed)
    doctor_struck,    // GP: struck from a municipality's list
    doctor_placed,    // municipality: a GP on its list accepted a hospital service
};
std::string to_string(EventKind kind);

struct Event {
    EventKind kind = EventKind::period_fits;
    std::string key;      // stable across calls: "kind/record/.../user"
    std::string user_id;  // whom it concerns
    Date on;              // when it happened (for doctor_fits, which no record dates: today)
    std::string period_id;
    std::string offer_id;
    std::string doctor_id;
    std::string wish_id;
    std::string candidate_id;
    // Where the user is told: in the portal unless it is there only because of an e-mail
    // subscription; by e-mail when one of their e-mail subscriptions asks for it.
    bool in_app = true;
    bool email = false;
    // When mailed: at once, or in a daily or weekly digest (the most frequent of the e-mail
    // subscriptions that ask for it).
    sync::Frequency email_frequency = sync::Frequency::immediate;
};

// (doctor id, period id) pairs where the period is feasible for the doctor and one of their wishes.
using Fits = std::set<std::pair<std::string, std::string>>;
Fits fits_from(const matching::MatchingInput& input, const matching::DerivedLists& lists);
// The fits the matching derives from a state (sync::matching_input_of).
Fits compute_fits(const sync::PortalState& state, const Date& today);

// The events concerning `user` that happened on or before `today`, newest first (ties by key).
std::vector<Event> events_for(const sync::PortalState& state, const Fits& fits, const sync::User& user, const Date& today);
// The same for every user in the state, in user id order.
std::vector<Event> all_events(const sync::PortalState& state, const Fits& fits, const Date& today);

}  // namespace alis::events
