#pragma once
// The small region every fuzz target starts from (two hospital trusts, departments, municipalities,
// GPs with free time, wishes, offers and list entries, a user per role), built through
// apply_mutation as the portal builds it, and the actors a fuzzed input may act as.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "alis/sync/mutations.hpp"
#include "alis/sync/server.hpp"

namespace alis::fuzz {

inline const Date kToday{2026, 11, 22};

inline std::vector<sync::Actor> actors() {
    using sync::Role;
    return {{"u-gp1", Role::gp, "", "d1"},           {"u-gp2", Role::gp, "", "d2"},
            {"u-hf1", Role::hospital, "hf1", ""},    {"u-hf2", Role::hospital, "hf2", ""},
            {"u-mun1", Role::municipality, "mun1", ""}, {"u-mun2", Role::municipality, "mun2", ""},
            {"u-office", Role::alis_office, "alis-vest", ""}};
}

// [actor index (-1: the system), mutation, args]
inline const char* kRegionSteps = R"([
 [-1, "put_organisation", {"id": "alis-vest", "kind": "alis_office", "name": "ALIS-kontor Vest"}],
 [-1, "put_organisation", {"id": "hf1", "kind": "hospital_trust", "name": "Helse Bergen"}],
 [-1, "put_organisation", {"id": "hf2", "kind": "hospital_trust", "name": "Helse Stavanger"}],
 [-1, "put_organisation", {"id": "dep1", "kind": "department", "name": "Avdeling 1", "parent_id": "hf1", "specialty": "indremedisin"}],
 [-1, "put_organisation", {"id": "dep2", "kind": "department", "name": "Avdeling 2", "parent_id": "hf2", "specialty": "psykiatri"}],
 [-1, "put_organisation", {"id": "mun1", "kind": "municipality", "name": "Bergen"}],
 [-1, "put_organisation", {"id": "mun2", "kind": "municipality", "name": "Stavanger"}],
 [-1, "put_user", {"id": "u-office", "role": "alis_office", "organisation_id": "alis-vest", "name": "Kontoret"}],
 [-1, "put_user", {"id": "u-gp1", "role": "gp", "doctor_id": "d1", "name": "Lege"}],
 [-1, "put_user", {"id": "u-gp2", "role": "gp", "doctor_id": "d2", "name": "Lege"}],
 [-1, "put_user", {"id": "u-hf1", "role": "hospital", "organisation_id": "hf1", "name": "Koordinator"}],
 [-1, "put_user", {"id": "u-hf2", "role": "hospital", "organisation_id": "hf2", "name": "Koordinator"}],
 [-1, "put_user", {"id": "u-mun1", "role": "municipality", "organisation_id": "mun1", "name": "Kommune"}],
 [-1, "put_user", {"id": "u-mun2", "role": "municipality", "organisation_id": "mun2", "name": "Kommune"}],
 [0, "register_doctor", {"id": "d1", "name": "Åse Ødegård", "hpr_number": "1234561", "municipality_id": "mun1", "general_practice_start": "2018-01-01"}],
 [1, "register_doctor", {"id": "d2", "name": "Per Ås", "hpr_number": "1234562", "municipality_id": "mun2", "general_practice_start": "2018-01-01"}],
 [0, "put_available_time", {"id": "at1", "doctor_id": "d1", "start": "2027-01-01", "end": "2027-12-31"}],
 [1, "put_available_time", {"id": "at2", "doctor_id": "d2", "start": "2027-01-01", "end": "2027-12-31"}],
 [0, "put_wish", {"id": "w1", "doctor_id": "d1", "rank": 1, "department_id": "dep1"}],
 [1, "put_wish", {"id": "w2", "doctor_id": "d2", "rank": 1, "department_id": "dep2"}],
 [2, "publish_period", {"id": "p1", "hospital_id": "hf1", "department_id": "dep1", "start": "2027-02-01", "end": "2027-07-31", "places": 1, "published_on": "2026-11-22"}],
 [3, "publish_period", {"id": "p2", "hospital_id": "hf2", "department_id": "dep2", "start": "2027-02-01", "end": "2027-07-31", "places": 1, "published_on": "2026-11-22"}],
 [2, "make_offer", {"id": "o1", "period_id": "p1", "doctor_id": "d1", "start": "2027-02-01", "end": "2027-07-31"}],
 [3, "make_offer", {"id": "o2", "period_id": "p2", "doctor_id": "d2", "start": "2027-02-01", "end": "2027-07-31"}],
 [4, "put_candidate", {"id": "c1", "municipality_id": "mun1", "doctor_id": "d1"}],
 [5, "put_candidate", {"id": "c2", "municipality_id": "mun2", "doctor_id": "d2"}]
])";

inline sync::Actor actor_at(int index) {
    if (index < 0) return sync::system_actor();
    const auto all = actors();
    return all[static_cast<std::size_t>(index) % all.size()];
}

inline sync::PortalState region_state() {
    sync::PortalState s;
    for (const auto& step : nlohmann::json::parse(kRegionSteps)) {
        const auto outcome = sync::apply_mutation(s, actor_at(step[0].get<int>()), {1, step[1].get<std::string>(), step[2]}, kToday);
        if (!outcome.accepted) throw std::logic_error("fuzz region setup refused: " + step[1].get<std::string>());
    }
    return s;
}

inline sync::SyncServer region_server() {
    const sync::PortalState s = region_state();
    sync::ServerSnapshot snap;
    std::int64_t v = 0;
    for (const auto& key : sync::all_keys(s)) snap.records.push_back({key, ++v, false, *sync::record_body(s, key)});
    sync::SyncServer server;
    Problems problems;
    if (!server.load(snap, problems)) throw std::logic_error("fuzz region does not load");
    return server;
}

}  // namespace alis::fuzz
