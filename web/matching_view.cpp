#include "matching_view.hpp"

#include <cstdint>
#include <optional>


namespace alis::web {

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
        cache.input = sync::matching_input_of(ctx.session.view(), today);
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
