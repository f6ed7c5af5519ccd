#pragma once
// The municipalities' own order of their candidates, as the matching's tie-break reads it
// (MatchingInput::municipal_lists, docs/matching.md §2).
#include <string>
#include <vector>

#include "alis/sync/state.hpp"

namespace alis::sync {

// Per municipality (by id), its candidates' doctor ids in list order (position, then id), struck
// candidates left out. A GP listed by two municipalities counts on the first one only.
std::vector<std::vector<std::string>> municipal_lists_of(const PortalState& s);

}  // namespace alis::sync
