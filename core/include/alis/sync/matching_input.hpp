#pragma once
// What the matching reads from the portal's records: the one translation from a replica's (or the
// server's) state to matching::MatchingInput, used by the screens, the events and the server alike.
#include "alis/date.hpp"
#include "alis/matching/input.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// Every organisation, doctor, free time, wish and period the state holds; the regional lists as
// the priority list; struck candidates and doctors with an accepted offer (they are left out of any
// offer); the periods a pending offer within its deadline holds against the two-month release.
matching::MatchingInput matching_input_of(const PortalState& state, const Date& today);

}  // namespace alis::sync
