#pragma once
// A small region with two of everything ("side" 1 and 2): hospital trusts hf1/hf2 with departments
// dep1/dep2, municipalities mun1/mun2, GPs d1/d2 with available time, a wish, a pending offer on a
// one-place period of their side's hospital, a municipal list entry, and one user per role and side.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "alis/sync/mutations.hpp"
#include "alis/sync/server.hpp"
#include "alis/sync/state.hpp"
#include "../has_problem.hpp"

namespace fixture {

using nlohmann::json;
using namespace alis;
using namespace alis::sync;

inline const Date kToday{2026, 11, 22};

inline std::string side_id(const char* prefix, int side) { return prefix + std::to_string(side); }

inline Actor gp(int side) { return {side_id("u-gp", side), Role::gp, "", side_id("d", side)}; }
inline Actor hospital(int side) { return {side_id("u-hf", side), Role::hospital, side_id("hf", side), ""}; }
inline Actor municipality(int side) { return {side_id("u-mun", side), Role::municipality, side_id("mun", side), ""}; }
inline Actor office() { return {"u-office", Role::alis_office, "alis-vest", ""}; }
inline Actor actor_of(Role role, int side) {
    switch (role) {
        case Role::gp: return gp(side);
        case Role::hospital: return hospital(side);
        case Role::municipality: return municipality(side);
        case Role::alis_office: break;
    }
    return office();
}

inline json doctor_json(int side, const std::string& general_practice_start = "2018-01-01") {
    return {{"id", side_id("d", side)}, {"name", side == 1 ? "Åse Ødegård" : "Per Ås"}, {"hpr_number", "123456" + std::to_string(side)},
            {"municipality_id", side_id("mun", side)}, {"general_practice_start", general_practice_start}};
}

inline json period_json(const std::string& id, int side, const std::string& start = "2027-02-01",
                        const std::string& end = "2027-07-31", int places = 1) {
    return {{"id", id}, {"hospital_id", side_id("hf", side)}, {"department_id", side_id("dep", side)},
            {"start", start}, {"end", end}, {"places", places}, {"published_on", "2026-11-22"}};
}

inline json offer_json(const std::string& id, const std::string& period_id, const std::string& doctor_id,
                       const std::string& start = "2027-02-01", const std::string& end = "2027-07-31") {
    return {{"id", id}, {"period_id", period_id}, {"doctor_id", doctor_id}, {"start", start}, {"end", end}};
}

inline Outcome run(PortalState& s, const Actor& a, const std::string& name, const json& args, const Date& today = kToday) {
    return apply_mutation(s, a, Mutation{1, name, args}, today);
}

// Applies as the office (or the given actor) and fails the test when the setup itself is refused.
inline void must(PortalState& s, const Actor& a, const std::string& name, const json& args) {
    const Outcome o = run(s, a, name, args);
    std::string why;
    for (const auto& p : o.problems) why += p.field + ": " + p.rule + "; ";
    INFO(name << " " << args.dump() << " -> " << why);
    REQUIRE(o.accepted);
}

inline PortalState region() {
    PortalState s;
    const Actor sys = system_actor();
    must(s, sys, "put_organisation", {{"id", "alis-vest"}, {"kind", "alis_office"}, {"name", "ALIS-kontor Vest"}});
    for (int k = 1; k <= 2; ++k) {
        must(s, sys, "put_organisation", {{"id", side_id("hf", k)}, {"kind", "hospital_trust"}, {"name", k == 1 ? "Helse Bergen" : "Helse Stavanger"}});
        must(s, sys, "put_organisation", {{"id", side_id("dep", k)}, {"kind", "department"}, {"name", "Avdeling " + std::to_string(k)},
                                          {"parent_id", side_id("hf", k)}, {"specialty", k == 1 ? "indremedisin" : "psykiatri"}});
        must(s, sys, "put_organisation", {{"id", side_id("mun", k)}, {"kind", "municipality"}, {"name", k == 1 ? "Bergen" : "Stavanger"}});
    }
    must(s, sys, "put_user", {{"id", "u-office"}, {"role", "alis_office"}, {"organisation_id", "alis-vest"}, {"name", "Kontoret"}});
    for (int k = 1; k <= 2; ++k) {
        must(s, sys, "put_user", {{"id", side_id("u-gp", k)}, {"role", "gp"}, {"doctor_id", side_id("d", k)}, {"name", "Lege"}});
        must(s, sys, "put_user", {{"id", side_id("u-hf", k)}, {"role", "hospital"}, {"organisation_id", side_id("hf", k)}, {"name", "Koordinator"}});
        must(s, sys, "put_user", {{"id", side_id("u-mun", k)}, {"role", "municipality"}, {"organisation_id", side_id("mun", k)}, {"name", "Kommune"}});
        must(s, gp(k), "register_doctor", doctor_json(k));
        must(s, gp(k), "put_available_time", {{"id", side_id("at", k)}, {"doctor_id", side_id("d", k)}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
        must(s, gp(k), "put_wish", {{"id", side_id("w", k)}, {"doctor_id", side_id("d", k)}, {"rank", 1}, {"department_id", side_id("dep", k)}});
        must(s, hospital(k), "publish_period", period_json(side_id("p", k), k));
        must(s, hospital(k), "make_offer", offer_json(side_id("o", k), side_id("p", k), side_id("d", k)));
        must(s, municipality(k), "put_candidate", {{"id", side_id("c", k)}, {"municipality_id", side_id("mun", k)}, {"doctor_id", side_id("d", k)}});
    }
    for (Role r : {Role::gp, Role::hospital, Role::municipality}) {
        for (int k = 1; k <= 2; ++k) {
            const Actor a = actor_of(r, k);
            must(s, a, "put_subscription", {{"id", "s-" + a.user_id}, {"user_id", a.user_id}, {"topic", "new_periods"}});
        }
    }
    return s;
}

inline bool has_problem(const Outcome& o, const std::string& field, const std::string& rule) {
    return alis::testing::has_problem(o.problems, field, rule);
}

// p9 at Helse Bergen's dep1 (01.03–31.08.2027, published 22.11.2026, so released from 22.01.2027)
// with a pending offer o9 to d1 made on `made` that the GP may answer until `answer_by`.
inline void held_period(PortalState& s, const Date& made, const std::string& answer_by) {
    must(s, hospital(1), "publish_period", period_json("p9", 1, "2027-03-01", "2027-08-31"));
    json offer = offer_json("o9", "p9", "d1", "2027-03-01", "2027-08-31");
    offer["answer_by"] = answer_by;
    REQUIRE(run(s, hospital(1), "make_offer", offer, made).accepted);
}

// A server holding the fixture region, loaded the way the host loads it from storage.
inline SyncServer region_server() {
    SyncServer server;
    const PortalState s = region();
    ServerSnapshot snap;
    std::int64_t v = 0;
    for (const RecordKey& key : all_keys(s)) snap.records.push_back({key, ++v, false, *record_body(s, key)});
    Problems problems;
    REQUIRE(server.load(snap, problems));
    return server;
}

}  // namespace fixture
