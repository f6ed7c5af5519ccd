#include "alis/sync/settings.hpp"

#include "alis/json_fields.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

using nlohmann::json;

void to_json(json& j, const Setting& s) { j = {{"id", s.id}, {"value", s.value}}; }

std::optional<Setting> parse_setting(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Setting s;
    s.id = f.text("id", 64, true);
    const auto value = j.find("value");
    if (value == j.end() || value->is_null()) {
        f.add("value", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    } else if (s.id == kScoreWeightsId) {
        if (auto w = matching::parse_score_weights(*value, out, f.path("value"))) s.value = *w;
    } else if (s.id == kRetentionId) {
        if (auto r = parse_retention_policy(*value, out, f.path("value"))) s.value = *r;
    } else if (!s.id.empty()) {
        f.add("id", "unknown_setting", {"Ukjent innstilling.", "Ukjend innstilling.", "Unknown setting."});
    }
    if (out.size() != before) return std::nullopt;
    return s;
}

matching::ScoreWeights stored_score_weights(const PortalState& s) {
    const auto it = s.settings.find(kScoreWeightsId);
    if (it == s.settings.end()) return {};
    Problems ignored;
    return matching::parse_score_weights(it->second.value, ignored, "").value_or(matching::ScoreWeights{});
}

RetentionPolicy stored_retention_policy(const PortalState& s, const RetentionPolicy& unset) {
    const auto it = s.settings.find(kRetentionId);
    if (it == s.settings.end()) return unset;
    Problems ignored;
    return parse_retention_policy(it->second.value, ignored, "").value_or(unset);
}

}  // namespace alis::sync
