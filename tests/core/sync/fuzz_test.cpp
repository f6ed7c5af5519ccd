// Random, mostly malformed arguments for every mutation: apply_mutation must answer each with a
// rejection naming a field and a rule (or accept it), never throw, and never half-apply.
#include <random>

#include "fixture.hpp"

using namespace fixture;

namespace {

json random_value(std::mt19937& rng) {
    static const std::vector<json> pool{
        nullptr, true, 0, -1, 7, 1000000, 2.5, "", " ", "d1", "d2", "w1", "o1", "o2", "p1", "c1", "mun1", "hf1", "dep1",
        "u-gp1", "2027-02-01", "2027-07-31", "2027-02-30", "31.07.2027", "published", "gp", "new_periods",
        std::string(300, 'x'), std::string(25000, 'y'), "Ærlig Øvrebø", json::array(), json::array({"w1", "w1"}),
        json::array({"c1"}), json::array({"d1", "d2"}), json::object(), json::object({{"id", "x"}})};
    return pool[rng() % pool.size()];
}

json random_args(std::mt19937& rng) {
    static const std::vector<std::string> fields{
        "id", "doctor_id", "period_id", "offer_id", "candidate_id", "wish_ids", "candidate_ids", "doctor_ids",
        "municipality_id", "hospital_id", "department_id", "specialty", "start", "end", "rank", "places", "name",
        "hpr_number", "general_practice_start", "kind", "parent_id", "role", "user_id", "topic", "channel",
        "reason", "status", "organisation_id", "subscription_id", "published_on", "position", "struck"};
    json args = json::object();
    const size_t n = rng() % 10;
    for (size_t i = 0; i < n; ++i) args[fields[rng() % fields.size()]] = random_value(rng);
    return args;
}

}  // namespace

TEST_CASE("fuzz: random arguments never crash apply_mutation, and a rejection changes nothing") {
    std::mt19937 rng(7);
    const PortalState base = region();
    const std::vector<Actor> actors{gp(1), gp(2), hospital(1), municipality(1), office()};
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 4000; ++i) {
        const auto& info = mutation_catalogue()[rng() % mutation_catalogue().size()];
        PortalState s = base;
        const json args = random_args(rng);
        const Actor& actor = actors[rng() % actors.size()];
        Outcome o;
        CHECK_NOTHROW(o = apply_mutation(s, actor, Mutation{1, info.name, args}, kToday));
        if (o.accepted) {
            ++accepted;
            continue;
        }
        ++rejected;
        INFO(info.name << " " << args.dump().substr(0, 300));
        REQUIRE_FALSE(o.problems.empty());
        for (const Problem& p : o.problems) {
            CHECK_FALSE(p.field.empty());
            CHECK_FALSE(p.rule.empty());
            CHECK_FALSE(p.message.nb.empty());
            CHECK_FALSE(p.message.en.empty());
        }
        CHECK(s == base);
    }
    MESSAGE("accepted " << accepted << ", rejected " << rejected);
    CHECK(rejected > 3000);
}
