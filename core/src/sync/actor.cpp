#include "alis/sync/actor.hpp"

namespace alis::sync {

Actor actor_for(const User& user) { return {user.id, user.role, user.organisation_id, user.doctor_id}; }

Actor system_actor() { return {"system", Role::alis_office, "", ""}; }

}  // namespace alis::sync
