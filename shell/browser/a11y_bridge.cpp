#include "a11y_bridge.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ActiveId, ClearActiveID

#include <algorithm>
#include <array>
#include <string>

#include "a11y_mirror.hpp"
#include "app.hpp"
#include "i18n.hpp"
#include "reveal.hpp"
#include "trace_marks.hpp"
#include "ui_probe.hpp"

namespace {

struct PendingClick {
    unsigned key = 0;    // the item's key (web/ui_probe.hpp)
    float x = 0, y = 0;  // display pixels
    // 4: move there next frame, 3: press, 2: hold, 1: release, 0: none. As a person's hand: the
    // pointer arrives a frame before the press, and the button is held for a frame, so a form that
    // shows its messages once a field is touched (moving the item) is released on the item's new place.
    int phase = 0;
    int tail = 0;  // frames still drawn after the release, for what the click opens
};
// A popup opened by the click is measured hidden for a frame and shown in the next; the host's
// picture check would stop drawing in between (it sees nothing change), so a click keeps frames going.
constexpr int kAfterClickFrames = 3;
PendingClick g_click;
ImGuiID g_let_go = 0;  // a field whose mirror node lost focus
bool g_escape = false;  // Escape pressed: close the open popups
unsigned g_reveal = 0;  // an item whose mirror node took focus: scroll it into view
float g_scale = 1;  // display pixels per CSS pixel

alis::web::a11y::Mirror g_mirror;
std::string g_lang, g_title, g_route;

// The last kSamples figures of one kind, handed out oldest first.
class CostRing {
public:
    void add(double ms) {
        at_[next_] = ms;
        next_ = (next_ + 1) % kSamples;
        if (count_ < kSamples) ++count_;
    }
    const double* ordered(int* count) {
        for (std::size_t i = 0; i < count_; ++i) out_[i] = at_[(next_ + kSamples - count_ + i) % kSamples];
        *count = static_cast<int>(count_);
        return out_.data();
    }

private:
    static constexpr std::size_t kSamples = 120;
    std::array<double, kSamples> at_{}, out_{};
    std::size_t count_ = 0, next_ = 0;
};
CostRing g_cost;       // the whole update: the difference and the DOM changes
CostRing g_diff_cost;  // the C++ difference alone

}  // namespace

extern "C" {

// From a11y.js: a click on a mirror node (assistive technology's default action, Enter or Space on
// a focused node, or focus arriving on a text field), given by the item's key. The pointer goes to
// the item's centre as of each frame, so an item that moves meanwhile (a message appearing above
// it) is still the one clicked.
EMSCRIPTEN_KEEPALIVE void alis_a11y_click(unsigned key) {
    g_click = {key, 0, 0, 4, 0};
    EM_ASM({ if (Module._alis_wake) Module._alis_wake(); });
}

// From a11y.js: focus left the mirror node of a field; ImGui lets go of it as if clicked elsewhere.
EMSCRIPTEN_KEEPALIVE void alis_a11y_blur(unsigned key) {
    g_let_go = key;
    EM_ASM({ if (Module._alis_wake) Module._alis_wake(); });
}

// From a11y.js: a mirror node took focus (Tab, an arrow key, a screen reader's cursor). Its item may
// be scrolled out of its page or table: it is scrolled into view, so the focus is seen (WCAG 2.4.7).
EMSCRIPTEN_KEEPALIVE void alis_a11y_reveal(unsigned key) {
    g_reveal = key;
    EM_ASM({ if (Module._alis_wake) Module._alis_wake(); });
}

// From a11y.js: Escape was pressed. ImGui 1.86 closes popups on Escape only with keyboard
// navigation on, which would also take the arrow keys from text fields.
EMSCRIPTEN_KEEPALIVE void alis_a11y_escape() {
    g_escape = true;
    EM_ASM({ if (Module._alis_wake) Module._alis_wake(); });
}

// From a11y.js: the address changed (back, forward, a typed or bookmarked address). 1: shown.
EMSCRIPTEN_KEEPALIVE int alis_route(const char* route);

}  // extern "C"

namespace alis::shell {

void a11y_feed_input() {
    if (g_click.tail > 0) --g_click.tail;
    if (g_click.phase == 0) return;
    if (g_click.phase == 1) g_click.tail = kAfterClickFrames;
    // Where the item is in the last frame; gone (the screen changed): the click is dropped.
    const alis::web::probe::Item* item = nullptr;
    for (const auto& i : alis::web::probe::items()) {
        if (i.key == g_click.key) item = &i;
    }
    if (!item && g_click.phase == 4) {
        g_click.phase = 0;
        return;
    }
    if (item) g_click.x = item->x + item->w / 2, g_click.y = item->y + item->h / 2;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(g_click.x, g_click.y);
    io.MouseDown[0] = g_click.phase == 3 || g_click.phase == 2;
    --g_click.phase;
}

void a11y_begin_frame() {
    if (g_let_go && GImGui->ActiveId == g_let_go) ImGui::ClearActiveID();
    g_let_go = 0;
    if (g_escape && GImGui->OpenPopupStack.Size > 0) ImGui::ClosePopupToLevel(0, true);
    g_escape = false;
    // The items of the last frame: the scroll is applied as each region begins in this one.
    for (const auto& item : alis::web::probe::items()) {
        if (g_reveal && item.key == g_reveal && alis::web::reveal(item)) g_click.tail = std::max(g_click.tail, 1);
    }
    g_reveal = 0;
}

bool a11y_input_waiting() { return g_click.phase != 0 || g_click.tail != 0 || g_let_go != 0 || g_escape || g_reveal != 0; }

namespace {
alis::web::App* g_app = nullptr;
}

void a11y_install(alis::web::App& app) { g_app = &app; }

void a11y_end_frame(alis::web::App& app, float scale) {
    g_scale = scale > 0 ? scale : 1;
    trace_mark("alis-mirror-start");
    const double start = emscripten_get_now();
    const std::string changes = g_mirror.update(alis::web::probe::items(), g_scale);
    g_diff_cost.add(emscripten_get_now() - start);
    if (!changes.empty()) EM_ASM({ Module.alisA11y(UTF8ToString($0)); }, changes.c_str());
    if (const unsigned focus = alis::web::probe::take_focus_request()) EM_ASM({ Module.alisA11yFocus($0 >>> 0); }, focus);
    g_cost.add(emscripten_get_now() - start);
    trace_mark(changes.empty() ? "alis-mirror-same" : "alis-mirror-changed");

    const std::string lang(alis::language_code(app.language()));
    const std::string title = app.page_title();
    const std::string route = app.route();
    if (lang != g_lang || title != g_title || route != g_route) {
        EM_ASM({ Module.alisPage(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, lang.c_str(), title.c_str(),
               route.c_str());
        g_lang = lang;
        g_title = title;
        g_route = route;
    }
}

const double* a11y_cost_ms(int* count) { return g_cost.ordered(count); }
const double* a11y_diff_cost_ms(int* count) { return g_diff_cost.ordered(count); }

}  // namespace alis::shell

extern "C" EMSCRIPTEN_KEEPALIVE int alis_route(const char* route) {
    if (!alis::shell::g_app || !route) return 0;
    const bool shown = alis::shell::g_app->open_route(route);
    EM_ASM({ if (Module._alis_wake) Module._alis_wake(); });
    return shown ? 1 : 0;
}
