#pragma once
// A GP's own data (GDPR articles 15 and 17): everything the portal's state holds about one person,
// to show and download, and its deletion. Pure functions over the state, like expire_outdated
// (retention.hpp), so the deletion is versioned by SyncServer and reaches every replica that saw a
// record as a tombstone at its next pull. The server's own tables (account, notifications, mails,
// audit) are the server's part (sync/src/personal_data_api.cpp).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// Whose data: the account's public user id and, for a GP, the doctor profile id it owns (empty for
// the other roles, whose records hold no doctor data).
struct DataSubject {
    std::string user_id;
    std::string doctor_id;
};

// Every record about the subject, as {"user", "doctor" (null when none), "available_times",
// "wishes", "offers", "candidates", "documents" (the metadata of the GP's stored files, the
// municipalities' applications included), "regional_lists" ([{"id", "position"}], 1-based),
// "subscriptions"}; each record in its wire form (to_json), lists sorted by id. The size is bounded
// by the core's per-doctor caps (free time, wishes, one offer per period, one entry per list).
nlohmann::json personal_data(const PortalState& state, const DataSubject& who);

// Deletes every record personal_data() lists, and the subject from the regional list:
//   - the user record, the subject's subscriptions, the doctor profile, free time, wishes;
//   - every offer to the doctor, whatever its status. An accepted offer held a place: when that
//     filled the period (status filled) and the period has not ended before `today`, the period is
//     published again, so its hospital sees the place is free (the two-month rule then applies as
//     for any unmatched period);
//   - the doctor's entries on municipalities' candidate lists; each touched list is renumbered 1..n
//     in its order.
// Returns the changed records (deleted ones, reopened periods, renumbered entries, the regional
// list), sorted and unique. Deleting a subject with nothing left is a no-op.
std::vector<RecordKey> erase_personal_data(PortalState& state, const DataSubject& who, const Date& today);

}  // namespace alis::sync
