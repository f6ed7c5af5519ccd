#pragma once
// Runs the core's matching over what this user's replica shows: a GP sees the periods that fit and
// why the others do not; a hospital sees each period's candidates in order; the ALIS office sees a
// whole proposal.
#include "alis/matching/derive.hpp"
#include "alis/matching/explain.hpp"
#include "alis/matching/input.hpp"
#include "alis/sync/matching_input.hpp"
#include "alis/sync/state.hpp"
#include "app.hpp"

namespace alis::web {

// The same, worked out once per change of the replica's view (or of the day) and shared by every
// screen, not once per frame: deriving a region's lists takes milliseconds, a national run ~70 ms.
// A reference stays valid until one of these is called again after the view changed.
const matching::MatchingInput& matching_input(Context& ctx);
const matching::DerivedLists& derived_lists(Context& ctx);
const matching::DomainMatch& domain_match(Context& ctx);

}  // namespace alis::web
