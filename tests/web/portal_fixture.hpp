#pragma once
// A small region for screen tests: Helse Bergen with a medical department, Bergen municipality, and
// accounts for two GPs, a hospital coordinator, Bergen's municipality and the ALIS office.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "flow_steps.hpp"
#include "headless.hpp"
#include "test_platform.hpp"

namespace alis::web::testing {

inline void seed_region(TestPortal& portal) {
    portal.apply("put_organisation", nlohmann::json{{"id", "helse-bergen"}, {"kind", "hospital_trust"}, {"name", "Helse Bergen"}});
    portal.apply("put_organisation", nlohmann::json{{"id", "hb-med"}, {"kind", "department"}, {"name", "Medisinsk avdeling"},
                                                        {"parent_id", "helse-bergen"}, {"specialty", "indremedisin"}});
    portal.apply("put_organisation", nlohmann::json{{"id", "bergen"}, {"kind", "municipality"}, {"name", "Bergen"},
                                                        {"party_to_agreement", true}});
    portal.add_account("kari", "hemmelig-passord", {"u-kari", sync::Role::gp, "", "d-kari", "Kari Nordmann", "kari@example.no"});
    portal.add_account("ola", "hemmelig-passord", {"u-ola", sync::Role::gp, "", "d-ola", "Ola Ås", "ola@example.no"});
    portal.add_account("hb", "hemmelig-passord", {"u-hb", sync::Role::hospital, "helse-bergen", "", "Hanne Berg", "hb@example.no"});
    portal.add_account("bk", "hemmelig-passord", {"u-bk", sync::Role::municipality, "bergen", "", "Berit Kommune", "bk@example.no"});
    portal.add_account("kontor", "hemmelig-passord", {"u-kontor", sync::Role::alis_office, "", "", "Kari Kontor", "kontor@example.no"});
}

// `count` municipalities named "Kommune 000", "Kommune 001", ...: a table longer than a screen.
inline void seed_municipalities(TestPortal& portal, int count) {
    char name[32];
    for (int i = 0; i < count; ++i) {
        std::snprintf(name, sizeof name, "Kommune %03d", i);
        portal.apply("put_organisation", nlohmann::json{{"id", "m-" + std::to_string(i)}, {"kind", "municipality"}, {"name", name}});
    }
}

inline nlohmann::json doctor_json(const std::string& id, const std::string& name) {
    return {{"id", id}, {"name", name}, {"hpr_number", "1234567"}, {"municipality_id", "bergen"},
            {"general_practice_start", "2019-08-01"}, {"learning_objectives_fulfilled", 30}};
}

// The screen tests' common set-up (TEST_CASE_FIXTURE): a headless frame, the seeded region, and one
// browser's app on it. A test adds its own records to `portal`, then logs a user in with log_in_as.
// Nothing here touches the server until then, so the records may come after the app is made.
struct PortalFixture {
    explicit PortalFixture(float height = 1000, float width = 1280) : ui(width, height) { seed_region(portal); }

    // Logs `username` in from the start screen; the test stops if the portal did not let them in.
    void log_in_as(const std::string& username) {
        log_in(ui, app, platform, username);
        REQUIRE(app.session().logged_in());
    }

    Headless ui;
    TestPortal portal;
    TestPlatform platform{portal};
    App app{platform};
};

}  // namespace alis::web::testing
