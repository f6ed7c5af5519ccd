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
//   documents     (kind `document`) go with their GP's profile: whoever may see the doctor sees them
//                 (check_may_read_documents in documents.hpp).
#include <map>
#include <set>
#include <string>

#include "alis/sync/actor.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// Whether the actor may see the record `key` as it is in `state` (false when it does not exist).
bool may_see(const PortalState& state, const Actor& actor, const RecordKey& key);

// Who may see the record `key` as it is in `state`, as tokens that need no other record to be
// judged: "*" (everyone), "user:ID", "doctor:ID" (the GP with that doctor profile), "org:ID" (the
// hospital trust or municipality with that id), "role:hospital". Empty when the record does not
// exist. The server keeps the union of these over a record's life, so that when the record is later
// deleted (or hidden) a pull sends its tombstone only to those who could have held it, and never
// tells anyone else its id. Periods are "*": every period was published (public) when created.
// For every actor: may_see(state, actor, key) implies in_audience(audience(state, key), actor).
std::set<std::string> audience(const PortalState& state, const RecordKey& key);

// audience() of every record in the state, in time linear in the state's size.
std::map<RecordKey, std::set<std::string>> all_audiences(const PortalState& state);

// Whether the actor is one of the audience (the ALIS office always is).
bool in_audience(const std::set<std::string>& audience, const Actor& actor);

// The state as the actor may see it: what a replica of that user converges to.
PortalState visible_state(const PortalState& state, const Actor& actor);

// Whether the wish is addressed to the hospital trust (names it, one of its departments, or only a
// specialty that one of its departments has).
bool wish_targets_hospital(const PortalState& state, const Wish& wish, const std::string& hospital_id);

}  // namespace alis::sync
