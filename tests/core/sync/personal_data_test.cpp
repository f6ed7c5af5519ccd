// A GP's own data (GDPR art. 15 and 17): everything about them, and its deletion as versioned changes
// that reach other replicas as tombstones.
#include "alis/sync/personal_data.hpp"
#include "alis/sync/replica.hpp"
#include "alis/sync/server.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

bool has_key(const std::vector<RecordKey>& keys, RecordKind kind, const std::string& id) {
    return std::find(keys.begin(), keys.end(), RecordKey{kind, id}) != keys.end();
}

std::vector<std::string> ids_of(const json& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.push_back(r.at("id").get<std::string>());
    return out;
}

const DataSubject kGp1{"u-gp1", "d1"};

}  // namespace

TEST_CASE("personal data holds every record about the GP and nothing about another") {
    PortalState s = region();
    must(s, office(), "set_regional_list", {{"doctor_ids", {"d2", "d1"}}});
    const json data = personal_data(s, kGp1);
    CHECK(data["user"]["id"] == "u-gp1");
    CHECK(data["doctor"]["id"] == "d1");
    CHECK(ids_of(data["available_times"]) == std::vector<std::string>{"at1"});
    CHECK(ids_of(data["wishes"]) == std::vector<std::string>{"w1"});
    CHECK(ids_of(data["offers"]) == std::vector<std::string>{"o1"});
    CHECK(ids_of(data["candidates"]) == std::vector<std::string>{"c1"});
    CHECK(ids_of(data["subscriptions"]) == std::vector<std::string>{"s-u-gp1"});
    CHECK(data["regional_lists"] == json::array({{{"id", "vest"}, {"position", 2}}}));
    CHECK(data.dump().find("d2") == std::string::npos);  // nothing names the other GP

    // A hospital coordinator's account part: the user record and subscriptions, no doctor data.
    const json hf = personal_data(s, {"u-hf1", ""});
    CHECK(hf["doctor"].is_null());
    CHECK(hf["offers"].empty());
    CHECK(ids_of(hf["subscriptions"]) == std::vector<std::string>{"s-u-hf1"});
}

TEST_CASE("erasing a GP deletes their records, frees the place they held and renumbers the lists") {
    PortalState s = region();
    REQUIRE(s.periods.at("p1").places == 1);
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    REQUIRE(s.periods.at("p1").status == PeriodStatus::filled);
    // A third GP in the same municipality, second on its list.
    const Actor gp3{"u-gp3", Role::gp, "", "d3"};
    json d3 = doctor_json(1);
    d3["id"] = "d3";
    must(s, system_actor(), "put_user", {{"id", "u-gp3"}, {"role", "gp"}, {"doctor_id", "d3"}, {"name", "Lege"}});
    must(s, gp3, "register_doctor", d3);
    must(s, municipality(1), "put_candidate", {{"id", "c3"}, {"municipality_id", "mun1"}, {"doctor_id", "d3"}});
    REQUIRE(s.candidates.at("c3").position == 2);
    must(s, office(), "set_regional_list", {{"doctor_ids", {"d1", "d2"}}});

    const auto changed = erase_personal_data(s, kGp1, kToday);
    for (const RecordKey& key : std::vector<RecordKey>{
             {RecordKind::user, "u-gp1"}, {RecordKind::doctor, "d1"}, {RecordKind::available_time, "at1"},
             {RecordKind::wish, "w1"}, {RecordKind::offer, "o1"}, {RecordKind::candidate, "c1"},
             {RecordKind::subscription, "s-u-gp1"}}) {
        // Not a structured binding: clang 14 (Emscripten) cannot capture one in INFO's lambda.
        const RecordKind kind = key.kind;
        const std::string& id = key.id;
        INFO(to_string(key));
        CHECK(has_key(changed, kind, id));
        CHECK_FALSE(contains(s, {kind, id}));
    }
    CHECK(s.periods.at("p1").status == PeriodStatus::published);  // the hospital's place is free again
    CHECK(has_key(changed, RecordKind::period, "p1"));
    CHECK(s.candidates.at("c3").position == 1);
    CHECK(has_key(changed, RecordKind::candidate, "c3"));
    CHECK(s.regional_lists.at("vest").doctor_ids == std::vector<std::string>{"d2"});
    CHECK(has_key(changed, RecordKind::regional_list, "vest"));
    // The other GP keeps everything.
    CHECK(personal_data(s, {"u-gp2", "d2"})["offers"].size() == 1);
    CHECK(s.doctors.count("d2"));
    CHECK(s.available_times.count("at2"));
    // Nothing left: a second erase changes nothing.
    CHECK(erase_personal_data(s, kGp1, kToday).empty());
}

TEST_CASE("a period that is over keeps its status when the GP who served it is erased") {
    PortalState s = region();
    must(s, gp(1), "accept_offer", {{"offer_id", "o1"}});
    erase_personal_data(s, kGp1, {2027, 8, 1});  // p1 ended 2027-07-31
    CHECK(s.periods.at("p1").status == PeriodStatus::filled);
    CHECK_FALSE(s.offers.count("o1"));
}

TEST_CASE("the erasure reaches a hospital's replica as tombstones at its next pull, without a reset") {
    SyncServer server = region_server();
    Replica hf("hf-laptop", hospital(1));
    REQUIRE(hf.apply_pull(server.pull(hospital(1), hf.make_pull()), kToday));
    REQUIRE(hf.view().doctors.count("d1"));
    REQUIRE(hf.view().offers.count("o1"));
    const ServerChanges c = server.erase_personal_data(kGp1, kToday);
    CHECK(c.outcome.accepted);
    const PullResponse pull = server.pull(hospital(1), hf.make_pull());
    CHECK_FALSE(pull.reset);
    auto tombstone = [&](RecordKind kind, const std::string& id) {
        return std::any_of(pull.changes.begin(), pull.changes.end(),
                           [&](const RecordChange& x) { return x.key == RecordKey{kind, id} && x.deleted && x.body.is_null(); });
    };
    CHECK(tombstone(RecordKind::doctor, "d1"));
    CHECK(tombstone(RecordKind::offer, "o1"));
    REQUIRE(hf.apply_pull(pull, kToday));
    CHECK_FALSE(hf.view().doctors.count("d1"));
    CHECK(hf.view() == server.view_for(hospital(1)));
    // The other hospital never saw GP 1's records and learns nothing of them.
    Replica other("hf2-laptop", hospital(2));
    const PullResponse fresh = server.pull(hospital(2), other.make_pull());
    CHECK(fresh.changes.size() > 0);
    CHECK(std::none_of(fresh.changes.begin(), fresh.changes.end(), [](const RecordChange& x) { return x.key.id == "d1"; }));
}
