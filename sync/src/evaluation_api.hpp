#pragma once
// POST /api/evaluation: the evaluation figures for a window, as `alis-sync report --format json`
// prints them (alis/sync/evaluation_report.hpp). The ALIS office gets the region's; a hospital user
// its own trust's part and a municipality user its own municipality's (alis/sync/evaluation.hpp:
// facts_of); a GP none. The "Evaluering" tab of those three roles asks.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "http_types.hpp"
#include "sync_service.hpp"

namespace alis::server {

// body {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}; 422 naming the field and the rule when a date is
// missing or malformed (`date_format`) or the window ends before it begins (`window_order`).
Response evaluation_answer(const SyncService& sync, const nlohmann::json& body, const sync::EvaluationScope& scope);

// Whose part a user of `role` at `organisation_id` sees; nullopt for a GP (or a user without an organisation).
std::optional<sync::EvaluationScope> evaluation_scope_of(const std::string& role, const std::string& organisation_id);

}  // namespace alis::server
