#pragma once
// The portal's interface, independent of where it runs: the browser shell, or a headless test that
// drives ImGui frames. The host owns the ImGui context, fonts and input; the app draws one frame.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

#include "alis/text.hpp"

namespace alis::web {

enum class Screen { start, log_in, register_gp };
const char* screen_name(Screen screen);

// Where the user's own settings live (IndexedDB in the browser; memory in tests).
class SettingsStore {
public:
    virtual ~SettingsStore() = default;
    virtual std::string load() = 0;              // "" when nothing was saved
    virtual void save(const std::string& json) = 0;
};

class App {
public:
    explicit App(SettingsStore& settings);

    // Draws one frame into the current ImGui context (between NewFrame and Render).
    void frame();

    Language language() const { return language_; }
    void set_language(Language lang);
    Screen screen() const { return screen_; }
    std::uint64_t frame_count() const { return frames_; }

    // What the last frame showed: frame count, screen, language and the labelled items with their
    // rectangles. The browser shell hands this to JavaScript for end-to-end tests.
    nlohmann::json test_state() const;

private:
    void draw_top_bar();
    void draw_start();
    void draw_not_yet();

    SettingsStore& settings_;
    Language language_ = Language::bokmal;
    Screen screen_ = Screen::start;
    std::uint64_t frames_ = 0;
};

}  // namespace alis::web
