#include "kept_facts.hpp"

#include "alis/sync/facts.hpp"

namespace alis::server {

namespace {

std::map<std::string, Date> registered_on(Storage& storage) {
    std::map<std::string, Date> out;
    for (const auto& [id, day] : storage.registrations()) {
        if (auto d = parse_iso(day)) out[id] = *d;
    }
    return out;
}

}  // namespace

void record_period_facts(Storage& storage, const sync::PortalState& state) {
    std::vector<nlohmann::json> facts;
    for (const auto& f : sync::period_facts(state)) facts.push_back(f);
    storage.upsert_period_facts(facts);
}

FactsBefore facts_before(Storage& storage, const sync::PortalState& state) {
    return {sync::doctor_facts(state, registered_on(storage)), sync::offer_facts(state)};
}

FactsToKeep facts_to_keep(const FactsBefore* before, const sync::PortalState& after, const Date& today) {
    FactsToKeep keep;
    if (!before) return keep;
    for (const auto& [id, d] : after.doctors) {
        if (!before->doctors.count(id)) keep.new_doctors.push_back(id);
    }
    keep.doctors = sync::departed(before->doctors, after, today);
    keep.offers = sync::departed(before->offers, after);
    for (const auto& [id, f] : before->doctors) {
        if (!after.doctors.count(id)) keep.gone_doctors.push_back(id);
    }
    return keep;
}

void keep_facts(Storage& storage, const FactsToKeep& keep, const Date& today) {
    // INSERT OR IGNORE: a profile written again keeps the day it was first seen.
    storage.note_registrations(keep.new_doctors, to_iso(today));
    std::vector<std::pair<std::string, nlohmann::json>> rows;
    for (const auto& f : keep.doctors) rows.emplace_back("doctor", f);
    for (const auto& f : keep.offers) rows.emplace_back("offer", f);
    storage.keep_departed_facts(rows, keep.gone_doctors);
}

sync::EvaluationFacts evaluation_facts(Storage& storage, const sync::PortalState& state) {
    sync::EvaluationFacts kept, current;
    for (const auto& row : storage.period_facts()) {
        if (auto f = sync::period_fact_from_json(row)) kept.periods.push_back(std::move(*f));
    }
    for (const auto& row : storage.departed_facts("doctor")) {
        if (auto f = sync::doctor_fact_from_json(row)) kept.doctors.push_back(std::move(*f));
    }
    for (const auto& row : storage.departed_facts("offer")) {
        if (auto f = sync::offer_fact_from_json(row)) kept.offers.push_back(std::move(*f));
    }
    current.periods = sync::period_facts(state);
    for (auto& [id, f] : sync::doctor_facts(state, registered_on(storage))) current.doctors.push_back(std::move(f));
    for (auto& [id, f] : sync::offer_facts(state)) current.offers.push_back(std::move(f));
    return sync::merge(kept, current);
}

}  // namespace alis::server
