#pragma once
// Who performs a mutation or a pull. The server builds the Actor from the session's user; the
// browser from the user it logged in as. Pure functions trust it: authentication is the host's job.
#include <string>

#include "alis/sync/records.hpp"

namespace alis::sync {

struct Actor {
    std::string user_id;
    Role role = Role::gp;
    std::string organisation_id;  // hospital: the hospital trust; municipality: the municipality;
                                  // alis_office: the office organisation (may be empty)
    std::string doctor_id;        // gp: the GP's own doctor profile id

    bool operator==(const Actor&) const = default;
};

Actor actor_for(const User& user);

// The server's own jobs (two-month release, expiry) act as the ALIS office with this user id.
Actor system_actor();

}  // namespace alis::sync
