#pragma once
// Deletion of expired information [000]: personal data about doctors is kept no longer than needed.
// A pure function over the state, like the two-month release, so the server's job runner can call
// it (SyncServer::expire_outdated) and the result is versioned and reaches clients as tombstones.
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// A struck candidate entry is kept this long after the strike, so the municipality can see why.
inline constexpr int kKeepStruckCandidateDays = 365;

// Deletes what has expired on `today`:
//   - available time that ended before today;
//   - wishes whose latest end is before today;
//   - candidate entries struck more than kKeepStruckCandidateDays ago (the list is renumbered).
// Periods and offers are kept: the scheme's evaluation counts them. Returns the changed records
// (deleted ones, renumbered entries, and doctors whose visibility may change), sorted and unique.
std::vector<RecordKey> expire_outdated(PortalState& state, const Date& today);

}  // namespace alis::sync
