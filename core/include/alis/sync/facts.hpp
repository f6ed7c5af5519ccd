#pragma once
// The anonymous facts the scheme is evaluated by [001, 000] (doctors and offers: doctor_facts.hpp): per period, when it was published, by
// which hospital and department, whether and after how many days it was matched (and the placed
// GP's municipality), or that it was released or withdrawn. No doctor's id, name or anything else
// personal: the facts are kept after the period, its offers and the doctors are deleted.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "alis/date.hpp"
#include "alis/text.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct PeriodFact {
    std::string period_id;  // the period's opaque id: one fact per period, updated until it is deleted
    std::string hospital_id;
    std::string department_id;
    std::string specialty;
    int places = 1;
    Date published_on;
    std::string outcome;  // open | matched | released | withdrawn
    std::optional<Date> matched_on;  // the first accepted offer's answer
    std::optional<long> days_to_match;
    std::string municipality_id;  // the first placed GP's municipality, when matched
    std::string reason;           // reason_category of the period's reason: never its free text
    int days = 0;                 // the period's length in days, both ends included; 0 for a fact kept before it was recorded

    bool operator==(const PeriodFact&) const = default;
};

// The period's reason as one of a few fixed categories, so no free text a hospital typed outlives the
// period (it may name the absent resident): "parental_leave" (foreldre-), "illness" (syk-),
// "education" (utdanning, kurs, forskning), "leave" (other permisjon), "other", or "" when none was
// given. Matched on the case-folded text (rules.hpp: normalise_specialty).
std::string reason_category(const std::string& reason);
// The category as people read it ("Foreldrepermisjon"); "(ikke oppgitt)" for "".
Text reason_label(const std::string& category);

// One fact per period in the state, by period id.
std::vector<PeriodFact> period_facts(const PortalState& state);

void to_json(nlohmann::json& j, const PeriodFact& f);

}  // namespace alis::sync
