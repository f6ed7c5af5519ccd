#pragma once
// What is wrong with an input: which field, which rule, and a sentence for the person who typed it.
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "alis/text.hpp"

namespace alis {

struct Problem {
    std::string field;  // path of the field, e.g. "period.end" or "wishes[2].department_id"
    std::string rule;   // stable machine name of the rule, e.g. "end_before_start"
    Text message;

    bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

void to_json(nlohmann::json& j, const Problem& p);
void to_json(nlohmann::json& j, const Text& t);

}  // namespace alis
