// The answer deadline of an offer on both sides: the hospital's field for it (prefilled with the
// default) and the deadline beside its offer; the GP's "Svar innen", and "Utløpt" once it lapsed.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "alis/sync/mutations.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

namespace {
// A key pressed and released, through ImGui 1.86's key map (the headless context sets none).
void press(Headless& ui, App& app, ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    const int code = 300 + key;
    io.KeyMap[key] = code;
    io.KeysDown[code] = true;
    ui.frame(app);
    io.KeysDown[code] = false;
    ui.frame(app);
}

void seed_fitting_gp(TestPortal& portal) {  // on top of seed_region
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_available_time", nlohmann::json{{"id", "a1"}, {"doctor_id", "d-kari"}, {"start", "2027-01-01"}, {"end", "2027-12-31"}});
    portal.apply("put_wish", nlohmann::json{{"id", "w1"}, {"doctor_id", "d-kari"}, {"rank", 1}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"}});
    portal.apply("publish_period", nlohmann::json{{"id", "p1"}, {"hospital_id", "helse-bergen"}, {"department_id", "hb-med"},
                                                {"start", "2027-02-01"}, {"end", "2027-07-31"}, {"places", 1},
                                                {"published_on", "2026-11-23"}});
}
}  // namespace

TEST_CASE_FIXTURE(PortalFixture, "the hospital's deadline field is prefilled with the default; its chosen day is sent and shown beside the offer") {
    // today 23.11.2026
    seed_fitting_gp(portal);
    log_in_as("hb");
    ui.click(app, "Medisinsk avdeling");
    REQUIRE(ui.shows("Svarfrist for tilbudet"));
    const probe::Item* field = probe::find("Svarfrist for tilbudet");
    REQUIRE(field);
    CHECK(field->value == "07.12.2026");  // 23.11.2026 + 14 days
    // The coordinator gives the GP until 30.11.2026 instead.
    ui.click(app, "Svarfrist for tilbudet");
    press(ui, app, ImGuiKey_End);
    for (int i = 0; i < 10; ++i) press(ui, app, ImGuiKey_Backspace);
    ImGui::GetIO().AddInputCharactersUTF8("30.11.2026");
    ui.frame(app);
    ui.frame(app);
    CHECK(probe::find("Svarfrist for tilbudet")->value == "30.11.2026");
    ui.click(app, "Gi tilbud");
    sync_round(ui, app, platform);
    REQUIRE(portal.server.state().offers.size() == 1);
    CHECK(portal.server.state().offers.begin()->second.answer_by == Date{2026, 11, 30});
    ui.frame(app);
    CHECK(ui.shows("Tilbud gitt · Svar innen 30.11.2026"));
}

TEST_CASE_FIXTURE(PortalFixture, "the GP reads the deadline, and after it an expired offer without the answer buttons") {
    seed_fitting_gp(portal);
    portal.apply("make_offer", nlohmann::json{{"id", "o1"}, {"period_id", "p1"}, {"hospital_id", "helse-bergen"},
                                           {"doctor_id", "d-kari"}, {"start", "2027-02-01"}, {"end", "2027-07-31"}});
    log_in_as("kari");
    ui.click(app, "Tilbud");
    CHECK(ui.shows_part("Venter på svar · Svar innen 07.12.2026"));
    CHECK(ui.shows("Godta"));
    // The day after the deadline the daily job lapses the offer; the GP's next pull brings it.
    portal.today = {2026, 12, 8};
    portal.server.release_unmatched(portal.today);
    sync_round(ui, app, platform);
    ui.frame(app);
    CHECK(ui.shows_part("Utløpt: ikke besvart innen fristen · Svar innen 07.12.2026"));
    CHECK_FALSE(ui.shows("Godta"));
}
