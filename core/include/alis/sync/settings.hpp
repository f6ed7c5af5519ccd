#pragma once
// The portal's settings: records of kind `setting`, one per setting id, set by ALIS-kontor Vest and
// read by every role (they are not personal data; every browser runs the matching on its replica).
// Two settings: the score's weights (kScoreWeightsId) and the retention policy (kRetentionId); a new
// one adds its id here and its value's parse in parse_setting.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "alis/matching/weights.hpp"
#include "alis/problem.hpp"
#include "alis/sync/retention_policy.hpp"

namespace alis::sync {

struct PortalState;

inline constexpr const char* kScoreWeightsId = "score_weights";
inline constexpr const char* kRetentionId = "retention";

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

// The policy the expiry applies: the office's stored one when it set one, else `unset` (the server's
// flags, or the defaults): the office's setting wins over the flags.
RetentionPolicy stored_retention_policy(const PortalState& s, const RetentionPolicy& unset = {});

}  // namespace alis::sync
