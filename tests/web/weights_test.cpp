// The office's score weights form (screen_office_weights.cpp), headless: a weight out of its rule is
// marked on its field, "Lagre" stores the next version, and the municipality's breakdown shows the
// points under the stored weights.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "alis/matching/score.hpp"
#include "alis/sync/settings.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

TEST_CASE("the office sets a weight through the form and the municipality's breakdown shows the new points") {
    TestPortal portal;
    seed_region(portal);
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    portal.apply("put_candidate", nlohmann::json{{"id", "c-1"}, {"municipality_id", "bergen"}, {"doctor_id", "d-kari"}});
    // The list's per-GP points line is drawn with TextWrapped, which the probe does not record; the
    // rules line under the table is, and it is worded from the same stored weights.
    const std::string before = matching::score_rules(matching::ScoreWeights{}).nb;
    {
        Headless ui(1280, 3000);
        TestPlatform platform(portal);
        App app(platform);
        log_in(ui, app, platform, "bk");
        CHECK(ui.shows(before));
    }
    {
        Headless ui(1280, 3000);
        TestPlatform platform(portal);
        App app(platform);
        log_in(ui, app, platform, "kontor");
        ui.click(app, "Matching");
        CHECK(ui.shows("Standardvekter (versjon 0)"));
        const std::string guidance = "Poeng for 2-årig veiledningsgruppe (Kurs og veiledning)";
        const std::string sector = "Poeng for kommunal sektor (Sektor)";
        ui.type(app, guidance, "2000");
        CHECK(ui.shows("Må være mellom 0 og 1000."));
        ui.type(app, sector, "70");
        ui.type(app, guidance, "40");
        CHECK_FALSE(ui.shows("Må være mellom 0 og 1000."));
        ui.click(app, "Lagre");
        sync_round(ui, app, platform);
        const matching::ScoreWeights stored = sync::stored_score_weights(portal.server.state());
        CHECK(stored.version == 1);
        CHECK(stored.municipal_sector == 70);
        CHECK(stored.guidance_group == 40);
        CHECK(stored.set_by == "u-kontor");
        CHECK(ui.shows("Vekter versjon 1, satt 23.11.2026, av Kari Kontor"));
    }
    {
        Headless ui(1280, 3000);
        TestPlatform platform(portal);
        App app(platform);
        log_in(ui, app, platform, "bk");
        const std::string after = matching::score_rules(sync::stored_score_weights(portal.server.state())).nb;
        CHECK(after.find("Sektor: 70 for kommunal sektor") != std::string::npos);
        CHECK(after.find("Vekter versjon 1, satt 23.11.2026") != std::string::npos);
        CHECK(ui.shows(after));
        CHECK_FALSE(ui.shows(before));
    }
}
