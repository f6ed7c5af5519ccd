#pragma once
// The portal's settings: records of kind `setting`, one per setting id, set by ALIS-kontor Vest and
// read by every role (they are not personal data; every browser runs the matching on its replica).
// Today one setting, the score's weights (kScoreWeightsId); a later one (retention) adds its id here
// and its value's parse in parse_setting.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "alis/matching/weights.hpp"
#include "alis/problem.hpp"

namespace alis::sync {

struct PortalState;

inline constexpr const char* kScoreWeightsId = "score_weights";

struct Setting {
    std::string id;
    nlohmann::json value = nlohmann::json::object();  // checked by the id's own parse; stored in its normal form

    bool operator==(const Setting&) const = default;
};

void to_json(nlohmann::json& j, const Setting& s);
// {"id":"score_weights","value":{...}}: an unknown id is refused, the value must pass its id's parse
// (problems under "<prefix>.value.<field>").
std::optional<Setting> parse_setting(const nlohmann::json& j, Problems& out, const std::string& prefix = "setting");

// The stored weights, or the defaults (version 0) when the office never set them or the stored value
// does not parse (it always does: put_record parsed it).
matching::ScoreWeights stored_score_weights(const PortalState& s);

}  // namespace alis::sync
