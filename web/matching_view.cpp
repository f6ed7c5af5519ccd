#include "matching_view.hpp"

#include <cstdint>
#include <optional>

#include "alis/sync/municipal_order.hpp"

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
    in.weights = sync::stored_score_weights(view);
    in.municipal_lists = sync::municipal_lists_of(view);
    return in;
}

namespace {

// One slot: every screen shows the same view. The revision is unique across replicas, so another
// user's view (or a test's second app) can never be mistaken for the cached one.
struct Cache {
    std::uint64_t revision = 0;
    Date today;
    bool filled = false;
    matching::MatchingInput input;
    std::optional<matching::DerivedLists> lists;
    std::optional<matching::DomainMatch> match;
};

Cache& cache_for(Context& ctx) {
    static Cache cache;
    const std::uint64_t revision = ctx.session.view_revision();
    const Date today = ctx.platform.today();
    if (!cache.filled || cache.revision != revision || cache.today != today) {
        cache.input = matching_input_from(ctx.session.view(), today);
        cache.lists.reset();
        cache.match.reset();
        cache.revision = revision;
        cache.today = today;
        cache.filled = true;
    }
    return cache;
}

}  // namespace

const matching::MatchingInput& matching_input(Context& ctx) { return cache_for(ctx).input; }

const matching::DerivedLists& derived_lists(Context& ctx) {
    Cache& cache = cache_for(ctx);
    if (!cache.lists) cache.lists = matching::derive(cache.input);
    return *cache.lists;
}

const matching::DomainMatch& domain_match(Context& ctx) {
    Cache& cache = cache_for(ctx);
    if (!cache.match) cache.match = matching::match(cache.input);
    return *cache.match;
}

}  // namespace alis::web
