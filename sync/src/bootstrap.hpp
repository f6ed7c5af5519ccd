#pragma once
// What a fresh server needs: the first ALIS office administrator, and (with --demo) demo
// organisations and one demo user per role, so a newcomer can try every role at once.
#include <optional>
#include <ostream>
#include <string>

#include "app.hpp"

namespace alis::server {

inline constexpr const char* kOfficeOrganisationId = "alis-kontor-vest";
inline constexpr const char* kDemoPassword = "demo-passord-2027";

// Creates the administrator when there are no users yet; returns its one-time password.
std::optional<std::string> ensure_administrator(App& app);
// Idempotent: skips what exists. Prints the demo accounts to `out`.
void seed_demo(App& app, std::ostream& out);
// Adds or replaces an organisation record; throws std::runtime_error with the problems.
void put_organisation(App& app, const nlohmann::json& organisation);

}  // namespace alis::server
