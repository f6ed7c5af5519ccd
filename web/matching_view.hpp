#pragma once
// Runs the core's matching over what this user's replica shows: a GP sees the periods that fit and
// why the others do not; a hospital sees each period's candidates in order; the ALIS office sees a
// whole proposal.
#include "alis/matching/explain.hpp"
#include "alis/matching/input.hpp"
#include "alis/sync/state.hpp"

namespace alis::web {

// Struck candidates and doctors with an accepted offer are left out of the offer; the regional list
// orders the candidates when the ALIS office has set one.
matching::MatchingInput matching_input_from(const sync::PortalState& view, const Date& today);

}  // namespace alis::web
