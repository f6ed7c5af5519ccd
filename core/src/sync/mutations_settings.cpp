// The office's settings: set_score_weights and set_retention.
#include "alis/sync/settings.hpp"
#include "mutation_context.hpp"

namespace alis::sync::detail {

using nlohmann::json;

namespace {

// args: {"<arg>": {...}}: the whole setting, stored as setting `id`. The version, the day and the
// office user are the server's to set, so a client cannot skip or reuse a version: the next version
// is the stored one plus one.
template <typename Parse, typename Stored>
void set_versioned(Ctx& c, const std::string& arg, const char* id, Parse parse, Stored stored_of, int max_version) {
    if (!c.office()) return c.not_allowed("name");
    const std::string field = "args." + arg;
    const auto it = c.args.find(arg);
    if (it == c.args.end() || it->is_null()) {
        return c.fail(field, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    }
    auto value = parse(*it, c.p, field);
    if (!value || !c.ok()) return;
    const auto stored = stored_of(c.s);
    if (stored.version >= max_version) {
        return c.fail(field + ".version", "out_of_range", {"Ingen flere versjoner.", "Ingen fleire versjonar.", "No more versions."});
    }
    value->version = stored.version + 1;
    value->set_on = c.today;
    value->set_by = c.a.user_id;
    c.s.settings[id] = Setting{id, json(*value)};
    c.touch(RecordKind::setting, id);
}

}  // namespace

void set_score_weights(Ctx& c) {
    set_versioned(
        c, "weights", kScoreWeightsId, [](const json& j, Problems& p, const std::string& at) { return matching::parse_score_weights(j, p, at); },
        [](const PortalState& s) { return stored_score_weights(s); }, matching::kMaxWeightsVersion);
}

// An omitted rule is its default.
void set_retention(Ctx& c) {
    set_versioned(
        c, "retention", kRetentionId, [](const json& j, Problems& p, const std::string& at) { return parse_retention_policy(j, p, at); },
        [](const PortalState& s) { return stored_retention_policy(s); }, kMaxRetentionVersion);
}

}  // namespace alis::sync::detail
