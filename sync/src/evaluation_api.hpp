#pragma once
// POST /api/evaluation (ALIS office): the evaluation figures for a window, as `alis-sync report
// --format json` prints them (alis/sync/evaluation_report.hpp). The office's "Evaluering" tab asks.
#include <nlohmann/json.hpp>

#include "http_types.hpp"
#include "sync_service.hpp"

namespace alis::server {

// body {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}; 422 naming the field and the rule when a date is
// missing or malformed (`date_format`) or the window ends before it begins (`window_order`).
Response evaluation_answer(const SyncService& sync, const nlohmann::json& body);

}  // namespace alis::server
