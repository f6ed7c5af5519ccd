#include "text_input.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>

#include <algorithm>
#include <bitset>
#include <deque>
#include <string>

#include "widgets.hpp"  // table_row_height: a wheel line is a table row

namespace {

// One key change or a piece of text, in the order the browser delivered them.
struct InputEvent {
    int key = -1;  // GLFW key code; -1 for text
    bool down = false;
    std::string text;
};

GLFWwindow* g_window = nullptr;
void (*g_on_event)() = nullptr;
std::deque<InputEvent> g_queue;
double g_wheel_lines_x = 0, g_wheel_lines_y = 0;  // turned since the last frame; + is right/down
bool g_leave_by_tab = false;  // the last frame handed Tab to the browser; the field lets go next

std::string g_copied;  // the last text copied from the app, for ImGui's own paste shortcut

void notify() {
    if (g_on_event) g_on_event();
}

void set_clipboard(void*, const char* text) {
    g_copied = text ? text : "";
    EM_ASM({ Module.alisCopy(UTF8ToString($0)); }, g_copied.c_str());
}

// The browser delivers pasted text as an input event on the hidden field; ImGui's own Ctrl+V
// then has nothing to add, or it would paste twice (and its clipboard may be stale).
const char* get_clipboard(void*) { return ""; }

void on_key(GLFWwindow*, int key, int, int action, int) {
    if (key < 0 || key >= IM_ARRAYSIZE(ImGuiIO::KeysDown) || action == GLFW_REPEAT) return;  // ImGui repeats by itself
    g_queue.push_back({key, action == GLFW_PRESS, {}});
    notify();
}

void on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
    // The backend remembers a press until the next frame, so a click shorter than a frame counts.
    ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
    notify();
}

void on_cursor_pos(GLFWwindow*, double, double) { notify(); }  // the backend reads the position each frame

void on_cursor_enter(GLFWwindow* window, int entered) {
    ImGui_ImplGlfw_CursorEnterCallback(window, entered);
    notify();
}

void on_window_focus(GLFWwindow* window, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(window, focused);
    notify();
}

void update_modifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

// Height of a line the wheel scrolls: a table row, the list people scroll most.
float wheel_line_px() { return alis::web::ui::table_row_height(); }

// ImGui 1.86 scrolls 5 font heights per vertical wheel unit and 2 per horizontal one.
void feed_wheel(ImGuiIO& io) {
    const float font = ImGui::GetFontSize();
    if (font <= 0 || (g_wheel_lines_x == 0 && g_wheel_lines_y == 0)) return;
    const float line = wheel_line_px();
    io.MouseWheel -= static_cast<float>(g_wheel_lines_y) * line / (5 * font);
    io.MouseWheelH -= static_cast<float>(g_wheel_lines_x) * line / (2 * font);
    g_wheel_lines_x = g_wheel_lines_y = 0;
}

// Which way Tab leaves the app, when the frame just drawn would have moved ImGui's focus round
// from the last field to the first (+1), or with Shift from the first to the last (-1); else 0.
// Read from ImGui's tabbing request before it is applied in the next frame (imgui.cpp,
// NavProcessItemForTabbingRequest): forward, the counter is left at 1 when the field being edited
// was the last tab stop; backward, scoring is still going when no earlier field was found.
int tab_wraps_around() {
    const ImGuiContext& g = *GImGui;
    const bool tabbing = g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) &&
                         !(g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi) && g.ActiveId != 0;
    if (!tabbing) return 0;
    if (g.NavTabbingDir > 0 && g.NavTabbingCounter == 1) return +1;
    if (g.NavTabbingDir < 0 && g.NavMoveScoringItems) return -1;
    return 0;
}

}  // namespace

extern "C" {

// Text from the hidden input (typed, composed, pasted), or a character typed before it had focus.
EMSCRIPTEN_KEEPALIVE void alis_text_input(const char* utf8) {
    g_queue.push_back({-1, false, utf8 ? utf8 : ""});
    notify();
}

// A wheel event on the canvas with the browser's deltas and deltaMode (0 pixels, 1 lines, 2 pages).
EMSCRIPTEN_KEEPALIVE void alis_wheel(double dx, double dy, int mode) {
    // Browsers report one notch of a mouse wheel as 100 pixels or 3 lines; both scroll 3 lines
    // here, and a touchpad's small pixel deltas scroll in proportion.
    constexpr double kPixelsPerLine = 100.0 / 3.0;
    double per_unit = 1;
    if (mode == 0) per_unit = 1 / kPixelsPerLine;
    if (mode == 2) {
        const float line = wheel_line_px();
        per_unit = line > 0 ? std::max(1.0, ImGui::GetIO().DisplaySize.y / static_cast<double>(line) - 2) : 1;
    }
    g_wheel_lines_x += dx * per_unit;
    g_wheel_lines_y += dy * per_unit;
    notify();
}

// From pre.js: a finger dragged on a touch screen, in display pixels (+ is right/down). The region
// under it scrolls as far as the finger went, as the wheel scrolls (feed_wheel: a line is
// wheel_line_px), so the page follows the finger.
EMSCRIPTEN_KEEPALIVE void alis_touch_scroll(double dx, double dy) {
    const float line = wheel_line_px();
    if (line <= 0) return;
    g_wheel_lines_x += dx / line;
    g_wheel_lines_y += dy / line;
    notify();
}

}  // extern "C"

namespace alis::shell {

void install_input(GLFWwindow* window, void (*on_event)()) {
    g_window = window;
    g_on_event = on_event;
    glfwSetKeyCallback(window, on_key);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetCursorPosCallback(window, on_cursor_pos);
    glfwSetCursorEnterCallback(window, on_cursor_enter);
    glfwSetWindowFocusCallback(window, on_window_focus);
    glfwSetCharCallback(window, nullptr);    // text comes from the hidden input
    glfwSetScrollCallback(window, nullptr);  // the wheel comes from pre.js (alis_wheel)
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
}

void feed_input() {
    ImGuiIO& io = ImGui::GetIO();
    // In order: a frame takes either text or key changes (InputText handles a frame's text before
    // its keys, so mixing them could reorder them), and no key changes twice in one frame. The
    // rest waits for the next frame.
    std::bitset<IM_ARRAYSIZE(ImGuiIO::KeysDown)> changed;
    bool text = false;
    while (!g_queue.empty()) {
        const InputEvent& e = g_queue.front();
        if (e.key < 0) {
            if (changed.any()) break;
            io.AddInputCharactersUTF8(e.text.c_str());
            text = true;
        } else {
            if (text || changed.test(e.key)) break;
            changed.set(e.key);
            io.KeysDown[e.key] = e.down;
        }
        g_queue.pop_front();
    }
    update_modifiers(io);
    if (text) {
        // The browser already made this text (typed, with AltGr, or pasted with Ctrl+V): ImGui
        // would drop it while Ctrl is down, and Ctrl+V's key-up comes after the paste.
        io.KeyCtrl = io.KeySuper = false;
    }
    feed_wheel(io);
}

void begin_frame() {
    if (g_leave_by_tab) {
        // Now, not after the last frame, so the field sees itself deactivated (and forms that save
        // on leaving a field do so).
        g_leave_by_tab = false;
        ImGui::ClearActiveID();
    }
}

void end_frame() {
    if (const int direction = tab_wraps_around()) {
        ImGui::NavMoveRequestCancel();
        g_leave_by_tab = true;
        EM_ASM({ Module.alisTabOut($0); }, direction);
        if (g_on_event) g_on_event();  // one more frame to let go of the field
        return;
    }
    // This frame's own answer (ImGui's io.WantTextInput is the previous frame's), so the hidden
    // input has focus before the next key arrives.
    EM_ASM({ Module.alisWantText($0); }, GImGui->WantTextInputNextFrame == 1 ? 1 : 0);
}

bool input_waiting() { return !g_queue.empty() || g_wheel_lines_x != 0 || g_wheel_lines_y != 0; }

bool input_held() {
    const ImGuiIO& io = ImGui::GetIO();
    for (bool down : io.MouseDown) {
        if (down) return true;
    }
    for (int b = 0; b <= GLFW_MOUSE_BUTTON_LAST; ++b) {
        if (g_window && glfwGetMouseButton(g_window, b) == GLFW_PRESS) return true;
    }
    // Only keys ImGui acts on (its key map: arrows, Backspace, Delete, Enter, Tab, shortcuts...);
    // a held Shift or a letter needs no frames.
    for (int mapped : io.KeyMap) {
        if (mapped >= 0 && mapped < IM_ARRAYSIZE(io.KeysDown) && io.KeysDown[mapped]) return true;
    }
    return false;
}

}  // namespace alis::shell
