// The setting record kind and set_score_weights: only the office sets the score's weights, each
// setting is the next version, and every role's pull carries them (every replica runs the matching).
#include "alis/sync/municipal_order.hpp"
#include "alis/sync/settings.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {
const json kWeights{{"municipal_sector", 0}, {"general_practice_per_year", 30}};
}

TEST_CASE("only the office may set the score's weights; others are refused with the rule") {
    for (Role r : {Role::gp, Role::hospital, Role::municipality}) {
        PortalState s = region();
        const Outcome o = run(s, actor_of(r, 1), "set_score_weights", {{"weights", kWeights}});
        CHECK_FALSE(o.accepted);
        CHECK(has_problem(o, "name", "role_not_allowed"));
        CHECK(s.settings.empty());
    }
    PortalState s = region();
    CHECK(run(s, office(), "set_score_weights", {{"weights", kWeights}}).accepted);
}

TEST_CASE("set_score_weights validates the weights by field and bumps the version by one from the stored record") {
    PortalState s = region();
    Outcome bad = run(s, office(), "set_score_weights", {{"weights", {{"municipal_sector", 5000}, {"sectr", 1}}}});
    CHECK_FALSE(bad.accepted);
    CHECK(has_problem(bad, "args.weights.municipal_sector", "out_of_range"));
    CHECK(has_problem(bad, "args.weights.sectr", "unknown_field"));
    CHECK(has_problem(run(s, office(), "set_score_weights", json::object()), "args.weights", "required"));
    CHECK(stored_score_weights(s) == matching::ScoreWeights{});

    // A client's version, day and user are ignored: the server sets them.
    json sent = kWeights;
    sent["version"] = 41;
    sent["set_by"] = "someone";
    const Outcome first = run(s, office(), "set_score_weights", {{"weights", sent}}, {2026, 12, 2});
    REQUIRE(first.accepted);
    CHECK(first.changed == std::vector<RecordKey>{{RecordKind::setting, kScoreWeightsId}});
    matching::ScoreWeights w = stored_score_weights(s);
    CHECK(w.version == 1);
    CHECK(w.municipal_sector == 0);
    CHECK(w.general_practice_per_year == 30);
    CHECK(w.set_on == Date{2026, 12, 2});
    CHECK(w.set_by == "u-office");
    CHECK(run(s, office(), "set_score_weights", {{"weights", {{"municipal_sector", 60}}}}).accepted);
    w = stored_score_weights(s);
    CHECK(w.version == 2);
    CHECK(w.municipal_sector == 60);
    CHECK(w.general_practice_per_year == 20);  // a setting is whole: an omitted weight is its default
}

TEST_CASE("a setting record: unknown ids and bad values are refused by put_record; it survives the state's JSON") {
    PortalState s;
    Problems p;
    CHECK_FALSE(put_record(s, RecordKind::setting, {{"id", "colour"}, {"value", json::object()}}, p));
    CHECK(alis::testing::has_problem(p, "setting.id", "unknown_setting"));
    p.clear();
    CHECK_FALSE(put_record(s, RecordKind::setting, {{"id", kScoreWeightsId}, {"value", {{"sector", 1}}}}, p));
    CHECK(alis::testing::has_problem(p, "setting.value.sector", "unknown_field"));
    p.clear();
    REQUIRE(put_record(s, RecordKind::setting, {{"id", kScoreWeightsId}, {"value", {{"version", 3}, {"municipal_sector", 9}}}}, p));
    CHECK(to_string(RecordKind::setting) == "setting");
    CHECK(record_kind_from_string("setting") == RecordKind::setting);
    const auto back = state_from_json(state_to_json(s), p);
    REQUIRE(back);
    CHECK(*back == s);
    CHECK(stored_score_weights(*back).municipal_sector == 9);
}

TEST_CASE("a pull by any role carries the weights, and each replica's view reads them") {
    SyncServer server = region_server();
    const PushResult r = server.push(office(), {"c-office", {{1, "set_score_weights", {{"weights", kWeights}}}}}, kToday);
    REQUIRE(r.applied == std::vector<std::int64_t>{1});
    for (Role role : {Role::gp, Role::hospital, Role::municipality, Role::alis_office}) {
        const Actor a = actor_of(role, 2);
        const PullResponse pull = server.pull(a, {"c-" + a.user_id, 0});
        const auto it = std::find_if(pull.changes.begin(), pull.changes.end(),
                                     [](const RecordChange& c) { return c.key == RecordKey{RecordKind::setting, kScoreWeightsId}; });
        INFO(to_string(role));
        REQUIRE(it != pull.changes.end());
        CHECK(it->body.at("value").at("version") == 1);
        const matching::ScoreWeights w = stored_score_weights(server.view_for(a));
        CHECK(w.version == 1);
        CHECK(w.municipal_sector == 0);
    }
}

TEST_CASE("the municipal lists the matching reads: each municipality's candidates in list order, struck left out") {
    PortalState s = region();
    must(s, office(), "register_doctor", {{"id", "d3"}, {"name", "Tredje"}, {"hpr_number", "1234563"}, {"municipality_id", "mun1"},
                                        {"general_practice_start", "2018-01-01"}});
    must(s, municipality(1), "put_candidate", {{"id", "c3"}, {"municipality_id", "mun1"}, {"doctor_id", "d3"}});
    CHECK(sync::municipal_lists_of(s) == std::vector<std::vector<std::string>>{{"d1", "d3"}, {"d2"}});
    must(s, municipality(1), "set_candidate_order", {{"municipality_id", "mun1"}, {"candidate_ids", {"c3", "c1"}}});
    CHECK(sync::municipal_lists_of(s) == std::vector<std::vector<std::string>>{{"d3", "d1"}, {"d2"}});
    must(s, municipality(2), "strike_candidate", {{"candidate_id", "c2"}, {"reason", "Fikk plass"}});
    CHECK(sync::municipal_lists_of(s) == std::vector<std::vector<std::string>>{{"d3", "d1"}});
}
