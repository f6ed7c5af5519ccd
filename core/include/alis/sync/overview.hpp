#pragma once
// Where the scheme stands, as the ALIS office's overview shows it, counted from a state:
// - periods by status; open places are the places of the published (open) periods;
// - accepted: offers with status accepted (a period with more places can have several);
// - GPs are counted once each, whatever number of records they have: with available time, with a
//   wish, on any regional list, placed (an accepted offer), struck (struck on any municipal list);
// - releasing soon: open periods whose two-month release (days_until_release) is at most
//   `within_days` away, or past, soonest first, then by period id.
#include <cstddef>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct OverviewFigures {
    std::size_t open = 0, open_places = 0, filled = 0, accepted = 0, released = 0, withdrawn = 0;
    std::size_t profiles = 0, with_free_time = 0, with_wishes = 0, on_regional_list = 0, placed = 0, struck = 0;

    bool operator==(const OverviewFigures&) const = default;
};

OverviewFigures overview_figures(const PortalState& state);

struct ReleasingSoon {
    long days = 0;  // until the release; negative once past
    const Period* period = nullptr;  // points into the state given
};

inline constexpr long kReleasingSoonDays = 14;  // "soon": within two weeks of the two-month release

std::vector<ReleasingSoon> releasing_soon(const PortalState& state, const Date& today, long within_days = kReleasingSoonDays);

}  // namespace alis::sync
