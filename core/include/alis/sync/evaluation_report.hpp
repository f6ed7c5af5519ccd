#pragma once
// The evaluation figures written out for people and their tools: CSV as Norwegian Excel opens it
// (UTF-8 with BOM, ';' between fields, dd.mm.åååå dates, decimal comma) and JSON. A withheld cell
// (1..4 doctors) is written as "<5" in CSV and as null with "suppressed": true in JSON: its count is
// never written. `alis-sync report` and the office's screen write the same bytes.
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "alis/sync/evaluation.hpp"

namespace alis::sync {

// names: organisation id -> name; an id without a name is written as the id.
std::string evaluation_csv(const Evaluation& e, const std::map<std::string, std::string>& names);
nlohmann::json evaluation_json(const Evaluation& e, const std::map<std::string, std::string>& names);

}  // namespace alis::sync
