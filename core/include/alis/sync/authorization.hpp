#pragma once
// Who may see which record. Deny by default: a role sees only what a rule below names. Write
// permissions are checked inside each mutation (mutations.cpp), with the same helpers.
//
//   gp            organisations; own user, doctor profile, available times, wishes, candidate
//                 entries, subscriptions; offers to them; periods that are published or that they
//                 have an offer on.
//   hospital      organisations; own user and subscriptions; periods and offers of its hospital
//                 trust; wishes that name it or one of its departments (or only a specialty one
//                 of its departments has); doctors with such a wish, an offer from it, or a place
//                 on the regional list; the regional list.
//   municipality  organisations; own user and subscriptions; its candidate entries; doctors whose
//                 municipality it is or who are on its list.
//   alis_office   everything.
#include "alis/sync/actor.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// Whether the actor may see the record `key` as it is in `state` (false when it does not exist).
bool may_see(const PortalState& state, const Actor& actor, const RecordKey& key);

// Whether a record of this kind and id could ever be visible to the actor, judged without the record
// (it may be deleted). Always true when may_see is. Pull sends a tombstone for a changed record the
// actor may not see only when this holds, so a user is not told the ids of records it could never
// have held (another GP's doctor id, another user's id, a kind its role never sees).
bool may_ever_see(const Actor& actor, const RecordKey& key);

// The state as the actor may see it: what a replica of that user converges to.
PortalState visible_state(const PortalState& state, const Actor& actor);

// Whether the wish is addressed to the hospital trust (names it, one of its departments, or only a
// specialty that one of its departments has).
bool wish_targets_hospital(const PortalState& state, const Wish& wish, const std::string& hospital_id);

}  // namespace alis::sync
