#include "alis/problem.hpp"

#include <nlohmann/json.hpp>

namespace alis {

void to_json(nlohmann::json& j, const Text& t) { j = {{"nb", t.nb}, {"nn", t.nn}, {"en", t.en}}; }

void to_json(nlohmann::json& j, const Problem& p) {
    j = {{"field", p.field}, {"rule", p.rule}, {"message", p.message}};
}

}  // namespace alis
