#pragma once
// The ALIS office's proposed regional list, put together from the municipalities' lists.
// Rule: the municipal lists are interleaved by round — every municipality's first priority, then
// every second, and so on; within a round the higher priority score goes first, then the lower
// doctor id. Struck candidates are left out, and a doctor on more than one list stands once, at
// their first place. The screen shows it and the office saves it (set_regional_list) as it is.
#include <map>
#include <string>
#include <vector>

#include "alis/sync/state.hpp"

namespace alis::sync {

// score: each doctor's priority score (matching::derive); a doctor missing from it counts as 0.
std::vector<std::string> regional_list_proposal(const PortalState& state, const std::map<std::string, int>& score);

}  // namespace alis::sync
