#pragma once
// What the server keeps of the evaluation's facts about GPs and offers (alis/sync/doctor_facts.hpp)
// around a change that may delete them: a GP deleting the profile (push), the expiry and a deletion at
// the owner's request. Before the change, the facts of everyone still here (facts_before); after it,
// those of whoever is gone, kept with no key, and the gone GPs' registration rows forgotten. A new
// profile gets a registration row with the day it was made; a profile from before the server kept
// these rows has none and counts as registered before any window.
#include <string>
#include <vector>

#include "alis/sync/evaluation.hpp"
#include "alis/sync/protocol.hpp"
#include "alis/sync/state.hpp"
#include "storage.hpp"

namespace alis::server {

struct FactsBefore {
    std::map<std::string, sync::DoctorFact> doctors;  // by doctor id
    std::map<std::string, sync::OfferFact> offers;    // by offer id
};

struct FactsToKeep {
    std::vector<std::string> new_doctors;  // profiles the change made: registered today

    std::vector<sync::DoctorFact> doctors;
    std::vector<sync::OfferFact> offers;
    std::vector<std::string> gone_doctors;  // their registration rows go
};

// Records the facts of every period in the state (the period_facts table), so a match made with a GP
// who is about to be deleted stays counted (alis/sync/evaluation.hpp: merge_facts).
void record_period_facts(Storage& storage, const sync::PortalState& state);
// Under the state's lock, before the change.
FactsBefore facts_before(Storage& storage, const sync::PortalState& state);
// Under the state's lock, right after the change; `before` is null when the change can neither
// register nor delete a GP (sync_service.cpp takes it for register_doctor and delete_doctor).
FactsToKeep facts_to_keep(const FactsBefore* before, const sync::PortalState& after, const Date& today);
// Once the change is durable (a failed commit keeps nothing).
void keep_facts(Storage& storage, const FactsToKeep& keep, const Date& today);

// Every fact the evaluation reads: the kept ones (period_facts, departed_facts) merged with the state's.
sync::EvaluationFacts evaluation_facts(Storage& storage, const sync::PortalState& state);

}  // namespace alis::server
