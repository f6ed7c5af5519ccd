// The office's retention rules (screen_office_retention.cpp, under the Users tab), headless: a value
// outside a rule's bounds is marked on its field in the user's language and nothing is sent; a value
// within them is stored by the server as the next version, with the office user and the server's day.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "alis/sync/settings.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

TEST_CASE("the office sets a retention rule: out of its bounds it is refused on the field, within them the server stores it") {
    TestPortal portal;
    seed_region(portal);
    Headless ui(1280, 3000);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kontor");
    ui.click(app, "Brukere");
    CHECK(ui.shows("Sletting av utløpte opplysninger"));
    CHECK(ui.shows("Standardregler (versjon 0): ikke satt av kontoret"));
    CHECK(ui.shows_part("Sletter perioden og alle tilbud på den"));
    CHECK(ui.shows_part("Tillatt: 12–120."));

    const std::string months = "Avsluttede perioder, måneder etter slutt";
    const std::string days = "Strøkne kandidater, dager etter strykingen";
    ui.type(app, months, "6");
    CHECK(ui.shows("Må være mellom 12 og 120."));
    ui.type(app, days, "5000");
    CHECK(ui.shows("Må være mellom 30 og 1095."));
    // The refusal is in the user's language.
    ui.click(app, "English");
    CHECK(ui.shows("Must be between 12 and 120."));
    CHECK(ui.shows("Must be between 30 and 1095."));
    ui.click(app, "Save the retention rules");  // disabled while a rule is broken: nothing goes
    sync_round(ui, app, platform);
    CHECK(portal.server.state().settings.count(sync::kRetentionId) == 0);

    ui.type(app, "Ended periods, months after the end", "36");
    ui.type(app, "Struck candidates, days after the strike", "90");
    CHECK_FALSE(ui.shows("Must be between 12 and 120."));
    CHECK_FALSE(ui.shows("Must be between 30 and 1095."));
    ui.click(app, "Save the retention rules");
    sync_round(ui, app, platform);
    const sync::RetentionPolicy stored = sync::stored_retention_policy(portal.server.state());
    CHECK(stored.version == 1);
    CHECK(stored.ended_period_months == 36);
    CHECK(stored.struck_candidate_days == 90);
    CHECK(stored.set_by == "u-kontor");
    CHECK(stored.set_on == Date{2026, 11, 23});
    CHECK(ui.shows("Retention rules version 1, set 23.11.2026, by Kari Kontor"));
}
