#pragma once
// Steps the screen tests share: logging in from the start screen, letting a sync round run, and
// reading where a row was drawn.
#include <doctest/doctest.h>

#include <string>

#include "headless.hpp"
#include "test_platform.hpp"

namespace alis::web::testing {

// Logs in from the start screen and lets the first sync run.
inline void log_in(Headless& ui, App& app, TestPlatform& platform, const std::string& username) {
    ui.frame(app);
    ui.click(app, "Logg inn");
    ui.type(app, "Brukernavn", username);
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    platform.deliver();
    ui.frame(app);
    platform.deliver();
    ui.frame(app);
}

// Fills the GP profile form's required fields (HPR number, Bergen, general practice since
// 01.08.2019) without saving, so a test can look at the form before it does.
inline void fill_profile(Headless& ui, App& app) {
    ui.type(app, "HPR-nummer", "1234567");
    ui.click(app, "Kommune");
    ui.click(app, "Bergen");
    ui.type(app, "Start i allmennpraksis", "01.08.2019");
}

// Lets time pass so the session's retry or periodic pull is due, then runs the round trips.
inline void sync_round(Headless& ui, App& app, TestPlatform& platform) {
    platform.clock += 120;
    ui.frame(app);
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
}

// The vertical position the last frame drew `label` at (rows further down have larger values): of
// the item labelled `label` that is furthest left: a table's row is named by its first
// column ("Helse Bergen" the trust's row, not the trust named in a department's row).
inline float row_y(const std::string& label) {
    const probe::Item* item = nullptr;
    for (const auto& i : probe::items()) {
        if (i.label == label && (!item || i.x < item->x)) item = &i;
    }
    REQUIRE_MESSAGE(item != nullptr, "no item labelled '" << label << "'");
    return item->y;
}

// The items of the last frame that run past the screen's right edge, named for the failure message.
inline std::string past_right_edge(float width) {
    std::string past;
    for (const auto& item : probe::items()) {
        if (item.w > 0 && item.x + item.w > width + 1 && !item.scrolls_x) past += "\"" + item.label + "\" ";
    }
    return past;
}

}  // namespace alis::web::testing
