#include "alis/sync/matching_input.hpp"

#include "alis/sync/municipal_order.hpp"
#include "alis/sync/mutations.hpp"
#include "alis/sync/settings.hpp"

namespace alis::sync {

matching::MatchingInput matching_input_of(const PortalState& state, const Date& today) {
    matching::MatchingInput in;
    in.today = today;
    for (const auto& [id, o] : state.organisations) in.organisations.push_back(o);
    for (const auto& [id, d] : state.doctors) in.doctors.push_back(d);
    for (const auto& [id, a] : state.available_times) in.available_times.push_back(a);
    for (const auto& [id, w] : state.wishes) in.wishes.push_back(w);
    for (const auto& [id, p] : state.periods) in.periods.push_back(p);
    for (const auto& [id, list] : state.regional_lists) {
        in.priority_list.insert(in.priority_list.end(), list.doctor_ids.begin(), list.doctor_ids.end());
    }
    for (const auto& [id, c] : state.candidates) {
        if (c.struck) in.struck.insert(c.doctor_id);
    }
    for (const auto& [id, offer] : state.offers) {
        if (offer.status == OfferStatus::accepted) in.placed.insert(offer.doctor_id);
        if (holds_period(offer, today) && state.periods.count(offer.period_id)) in.held.insert(offer.period_id);
    }
    in.weights = stored_score_weights(state);
    in.municipal_lists = municipal_lists_of(state);
    return in;
}

}  // namespace alis::sync
