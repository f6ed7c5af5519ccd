#pragma once
// Deletion of expired information [000]: personal data about doctors is kept no longer than needed.
// A pure function over the state, like the two-month release, so the server's job runner can call
// it (SyncServer::expire_outdated) and the result is versioned and reaches clients as tombstones.
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/retention_policy.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// Deletes what has expired on `today`:
//   - available time that ended before today;
//   - wishes whose latest end is before today;
//   - candidate entries struck more than policy.struck_candidate_days ago (the list is renumbered);
//   - periods that ended more than policy.ended_period_months ago (deleted from the day after the
//     anniversary), with every offer on them.
// The scheme's evaluation reads the periods' anonymous facts (facts.hpp), taken before this runs.
// Returns the changed records (deleted ones, renumbered entries, and doctors whose visibility may
// change), sorted and unique.
std::vector<RecordKey> expire_outdated(PortalState& state, const Date& today, const RetentionPolicy& policy = {});

}  // namespace alis::sync
