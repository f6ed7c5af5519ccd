// The retention policy as data: its rules with their bounds, the parse that checks the office's
// setting, and the note that says which version applies.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

#include "alis/json_fields.hpp"
#include "alis/known_fields.hpp"
#include "alis/sync/retention_policy.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 3> kOther{"version", "set_on", "set_by"};

bool known(const std::string& key) {
    for (const auto& f : retention_fields())
        if (key == f.name) return true;
    for (const auto k : kOther)
        if (key == k) return true;
    return false;
}

}  // namespace

const std::vector<RetentionField>& retention_fields() {
    // The bounds are argued in docs/sync-server.md ("Retention"): long enough for what the data is
    // kept for, short enough that "no longer than needed" still holds at the maximum.
    static const std::vector<RetentionField> fields{
        {"ended_period_months", &RetentionPolicy::ended_period_months, 12, 120,
         {"Avsluttede perioder, måneder etter slutt", "Avslutta periodar, månader etter slutt", "Ended periods, months after the end"},
         {"Sletter perioden og alle tilbud på den (de anonyme tallene for evalueringen blir).",
          "Slettar perioden og alle tilbod på han (dei anonyme tala for evalueringa blir).",
          "Deletes the period and every offer on it (the evaluation's anonymous figures stay)."}},
        {"struck_candidate_days", &RetentionPolicy::struck_candidate_days, 30, 1095,
         {"Strøkne kandidater, dager etter strykingen", "Stroke kandidatar, dagar etter strykinga", "Struck candidates, days after the strike"},
         {"Sletter oppføringen på kommunens liste med grunnen; lista nummereres på nytt.",
          "Slettar oppføringa på kommunen si liste med grunnen; lista blir nummerert på nytt.",
          "Deletes the entry on the municipality's list with its reason; the list is renumbered."}},
        {"inactive_profile_months", &RetentionPolicy::inactive_profile_months, 6, 60,
         {"Fastlegeprofiler uten noe aktuelt, måneder etter siste innlogging",
          "Fastlegeprofilar utan noko aktuelt, månader etter siste innlogging",
          "GP profiles with nothing current, months after the last log-in"},
         {"Sletter profilen, kontoen og alt fastlegen har lagt inn, etter en e-post 30 dager før; en innlogging beholder den.",
          "Slettar profilen, kontoen og alt fastlegen har lagt inn, etter ein e-post 30 dagar før; ei innlogging held på han.",
          "Deletes the profile, the account and everything the GP entered, after a mail 30 days before; a log-in keeps it."}},
        {"inactive_account_months", &RetentionPolicy::inactive_account_months, 6, 60,
         {"Kontoer for sykehus og kommuner, måneder etter siste innlogging",
          "Kontoar for sjukehus og kommunar, månader etter siste innlogging",
          "Hospital and municipality accounts, months after the last log-in"},
         {"Sletter kontoen og abonnementene, etter en e-post 30 dager før; en innlogging beholder den.",
          "Slettar kontoen og abonnementa, etter ein e-post 30 dagar før; ei innlogging held på han.",
          "Deletes the account and its subscriptions, after a mail 30 days before; a log-in keeps it."}},
        {"audit_years", &RetentionPolicy::audit_years, 1, 10,
         {"Revisjonslogg, år", "Revisjonslogg, år", "Audit log, years"},
         {"Slår sammen eldre oppføringer til tall per måned, rolle og handling, uten hvem eller hva.",
          "Slår saman eldre oppføringar til tal per månad, rolle og handling, utan kven eller kva.",
          "Folds older entries into counts by month, role and action, without who or what."}},
    };
    return fields;
}

std::optional<RetentionPolicy> parse_retention_policy(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    if (!refuse_unknown_fields(j, prefix, retention_fields().size() + kOther.size(), known, out)) return std::nullopt;
    RetentionPolicy p;
    for (const auto& field : retention_fields()) p.*field.member = f.integer(field.name, field.min, field.max, p.*field.member, false);
    p.version = f.integer("version", 0, kMaxRetentionVersion, 0, false);
    p.set_on = f.date("set_on", false);
    p.set_by = f.text("set_by", 64, false);
    if (out.size() != before) return std::nullopt;
    return p;
}

void to_json(json& j, const RetentionPolicy& p) {
    j = json::object();
    for (const auto& field : retention_fields()) j[field.name] = p.*field.member;
    j["version"] = p.version;
    if (p.set_on) j["set_on"] = to_iso(*p.set_on);
    if (!p.set_by.empty()) j["set_by"] = p.set_by;
}

Text retention_note(const RetentionPolicy& p) {
    if (p.version == 0) {
        return {"Standardregler (versjon 0): ikke satt av kontoret", "Standardreglar (versjon 0): ikkje sette av kontoret",
                "Default rules (version 0): never set by the office"};
    }
    const std::string v = std::to_string(p.version);
    const std::string on = p.set_on ? to_norwegian(*p.set_on) : "";
    const auto when = [&](const char* word) { return on.empty() ? std::string() : std::string(", ") + word + " " + on; };
    return {"Sletteregler versjon " + v + when("satt"), "Slettereglar versjon " + v + when("sett"),
            "Retention rules version " + v + when("set")};
}

}  // namespace alis::sync
