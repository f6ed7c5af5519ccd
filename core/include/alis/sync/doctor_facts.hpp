#pragma once
// The anonymous facts about GPs and offers the scheme is evaluated by [001, 000]. While a doctor
// exists they are worked out from the state (doctor_facts, offer_facts). When a doctor or an offer is
// deleted, the server keeps its last fact with no key at all (sync/src/kept_facts.hpp): no doctor id,
// name, HPR number or offer id, only organisation ids, dates and counts, so nothing links a kept fact
// to a person once the person is gone. The one key the server holds while a doctor exists is the day
// it first saw the profile (registered_on), and it forgets that row when it keeps the fact.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "alis/date.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct DoctorFact {
    std::string municipality_id;
    // The day the server first saw the profile; empty for a profile from before the server recorded
    // it, which counts as registered before any window.
    std::optional<Date> registered_on;
    std::optional<Date> left_on;  // the day the profile was deleted; empty while it exists
    Date eligible_from;           // rule 1 (alis/rules.hpp: eligible_from)
    std::vector<DateRange> free_time;  // joined (rules.hpp: join_free_time)
    int wishes = 0;
    std::string candidate_of;       // the municipality whose list has the GP; empty when none
    bool struck = false;            // struck from that list
    std::optional<Date> struck_on;  // the day, when the entry says it

    bool operator==(const DoctorFact&) const = default;
};

struct OfferFact {
    std::string hospital_id;
    std::string department_id;    // the offered period's department
    std::string municipality_id;  // the offered GP's municipality
    Date offered_on;
    std::string status;  // pending | accepted | declined | withdrawn | lapsed
    std::optional<Date> answered_on;

    bool operator==(const OfferFact&) const = default;
};

// By doctor id / offer id: the keys only say which fact is whose while the record exists.
// registered_on: doctor id -> the day the server first saw the profile.
std::map<std::string, DoctorFact> doctor_facts(const PortalState& s, const std::map<std::string, Date>& registered_on);
std::map<std::string, OfferFact> offer_facts(const PortalState& s);

// The facts of the doctors and offers that `after` no longer has: what the server keeps when they are
// deleted (a doctor's left_on set to `today`).
std::vector<DoctorFact> departed(const std::map<std::string, DoctorFact>& before, const PortalState& after, const Date& today);
std::vector<OfferFact> departed(const std::map<std::string, OfferFact>& before, const PortalState& after);

void to_json(nlohmann::json& j, const DoctorFact& f);
void to_json(nlohmann::json& j, const OfferFact& f);
// A kept row read back; nullopt when it is not a fact.
std::optional<DoctorFact> doctor_fact_from_json(const nlohmann::json& j);
std::optional<OfferFact> offer_fact_from_json(const nlohmann::json& j);

}  // namespace alis::sync
