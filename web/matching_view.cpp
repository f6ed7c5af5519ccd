#include "matching_view.hpp"

namespace alis::web {

matching::MatchingInput matching_input_from(const sync::PortalState& view, const Date& today) {
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
        if (offer.status == sync::OfferStatus::accepted) in.placed.insert(offer.doctor_id);
    }
    return in;
}

}  // namespace alis::web
