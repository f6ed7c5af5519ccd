// The office's settings: set_score_weights and set_retention.
#include "alis/sync/settings.hpp"
#include "mutation_context.hpp"

namespace alis::sync::detail {

using nlohmann::json;

// args: {"weights": {...}}. The version, the day and the office user are the server's to set, so a
// client cannot skip or reuse a version: the next version is the stored one plus one.
void set_score_weights(Ctx& c) {
    if (!c.office()) return c.not_allowed("name");
    const auto it = c.args.find("weights");
    if (it == c.args.end() || it->is_null()) {
        return c.fail("args.weights", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    }
    auto weights = matching::parse_score_weights(*it, c.p, "args.weights");
    if (!weights || !c.ok()) return;
    const matching::ScoreWeights stored = stored_score_weights(c.s);
    if (stored.version >= matching::kMaxWeightsVersion) {
        return c.fail("args.weights.version", "out_of_range",
                      {"Ingen flere versjoner.", "Ingen fleire versjonar.", "No more versions."});
    }
    weights->version = stored.version + 1;
    weights->set_on = c.today;
    weights->set_by = c.a.user_id;
    c.s.settings[kScoreWeightsId] = Setting{kScoreWeightsId, json(*weights)};
    c.touch(RecordKind::setting, kScoreWeightsId);
}

// args: {"retention": {...}}: the whole policy (an omitted rule is its default), versioned like the weights.
void set_retention(Ctx& c) {
    if (!c.office()) return c.not_allowed("name");
    const auto it = c.args.find("retention");
    if (it == c.args.end() || it->is_null()) {
        return c.fail("args.retention", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    }
    auto policy = parse_retention_policy(*it, c.p, "args.retention");
    if (!policy || !c.ok()) return;
    const RetentionPolicy stored = stored_retention_policy(c.s);
    if (stored.version >= kMaxRetentionVersion) {
        return c.fail("args.retention.version", "out_of_range",
                      {"Ingen flere versjoner.", "Ingen fleire versjonar.", "No more versions."});
    }
    policy->version = stored.version + 1;
    policy->set_on = c.today;
    policy->set_by = c.a.user_id;
    c.s.settings[kRetentionId] = Setting{kRetentionId, json(*policy)};
    c.touch(RecordKind::setting, kRetentionId);
}

}  // namespace alis::sync::detail
