#pragma once
// The retention policy as data (the rules expire_outdated in retention.hpp applies): its defaults, the
// bounds the office may set each rule within, and its JSON, which is the setting `retention`
// (settings.hpp). Apart from retention.hpp so that settings.hpp, which state.hpp includes, can use it.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"
#include "alis/text.hpp"

namespace alis::sync {

// A struck candidate entry is kept this long after the strike, so the municipality can see why.
inline constexpr int kKeepStruckCandidateDays = 365;
// A period (with its offers) is kept this long after it ended: disputes about a service and the
// office's yearly report need it; the evaluation keeps its anonymous facts (facts.hpp) for longer.
inline constexpr int kKeepEndedPeriodMonths = 24;
// A GP profile with nothing current, and a hospital's or municipality's account, is deleted this long
// after the last log-in (inactive_profiles.hpp), after a warning mail 30 days before.
inline constexpr int kInactiveProfileMonths = 24;
inline constexpr int kInactiveAccountMonths = 24;
// Audit entries are kept whole this long, then folded into counts without personal data.
inline constexpr int kAuditYears = 5;

// How long what is kept; documented with its defaults and bounds in docs/sync-server.md. The office
// sets it as the setting `retention` (settings.hpp, mutation set_retention); a portal where it was
// never set uses the server's flags --keep-struck-days and --keep-periods-months.
struct RetentionPolicy {
    int struck_candidate_days = kKeepStruckCandidateDays;
    int ended_period_months = kKeepEndedPeriodMonths;
    int inactive_profile_months = kInactiveProfileMonths;
    int inactive_account_months = kInactiveAccountMonths;
    int audit_years = kAuditYears;

    int version = 0;             // 0: never set by the office (the flags or the defaults); then 1, 2, 3 ...
    std::optional<Date> set_on;  // the day the office set this version
    std::string set_by;          // the office user's id

    bool operator==(const RetentionPolicy&) const = default;
};

inline constexpr int kMaxRetentionVersion = 1000000000;  // far above any real count of settings

// One rule of the policy as the office's form shows it: its JSON name, the bounds the office may set
// it within (docs/sync-server.md says why), and what it deletes.
struct RetentionField {
    const char* name;
    int RetentionPolicy::*member;
    int min;
    int max;
    Text label;    // "Avsluttede perioder, måneder"
    Text deletes;  // what the rule deletes, in a sentence
};
const std::vector<RetentionField>& retention_fields();

// {"struck_candidate_days":365, "ended_period_months":24, "version":2, "set_on":"2026-12-02",
// "set_by":"u-office"}. A missing rule takes its default; an unknown field, or a rule that is not a
// whole number within its bounds, is a problem naming the field (under `prefix`).
std::optional<RetentionPolicy> parse_retention_policy(const nlohmann::json& j, Problems& out,
                                                      const std::string& prefix = "retention");
void to_json(nlohmann::json& j, const RetentionPolicy& p);

// "Slettereglar versjon 2, satt 02.12.2026" or "Standardregler (versjon 0)".
Text retention_note(const RetentionPolicy& p);

}  // namespace alis::sync
