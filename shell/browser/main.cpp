// The browser host: Emscripten main loop, GLFW + WebGL2, a canvas sharp at any devicePixelRatio,
// IndexedDB-backed settings, and a JavaScript-callable test hook.
//
// Frames are drawn only when something may have changed: an event (input, an HTTP answer, a
// storage flush, a resize), a sync the app has due, or while the picture is still settling after
// one. Otherwise the main loop is paused, so an idle portal costs no CPU; while the tab is hidden
// the browser stops requestAnimationFrame and nothing else runs either.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "a11y_bridge.hpp"
#include "app.hpp"
#include "browser_platform.hpp"
#include "text_input.hpp"
#include "theme.hpp"
#include "trace_marks.hpp"

namespace {

constexpr const char* kFontPath = "/fonts/DejaVuSans.ttf";
// Frames drawn after any event, at least: ImGui sees a click in one frame, reacts in the next
// (a popup opens, focus moves) and may need one more before it shows the result (a new window
// is measured hidden for a frame). After that, drawing goes on while the picture still changes.
constexpr int kSettleFrames = 3;
constexpr std::size_t kCpuSamples = 120;  // frame times kept for Module.alisTestState()

struct Host {
    GLFWwindow* window = nullptr;
    alis::web::App* app = nullptr;
    float pixel_ratio = 0;  // the ratio the fonts were built for
    bool touch = false;     // the style is for a coarse pointer (controls of 44 CSS px)
    int checked_w = 0, checked_h = 0;  // the size the pointer was last asked at
    int width = 0, height = 0;  // canvas backing store in device pixels

    bool sleeping = false;      // main loop paused until an event or a due sync
    long due_timer = 0;         // setTimeout for the app's next due frame, 0: none
    std::uint64_t events = 1;   // events so far; 1 so that the first frame is drawn
    std::uint64_t events_drawn = 0;  // events the last drawn frame had seen
    int settle_frames = 0;
    std::uint64_t last_picture = 0;  // hash of the last frame's draw data
    double due_served = -1;          // the app's due time a frame was last drawn for

    std::array<double, kCpuSamples> cpu_ms{};  // ring of CPU times of drawn frames
    std::size_t cpu_count = 0, cpu_next = 0;
};

Host g_host;

void on_due_timer(void*);

// Starts the main loop again; the next animation frame decides whether to draw.
void resume() {
    if (!g_host.sleeping) return;
    g_host.sleeping = false;
    if (g_host.due_timer) emscripten_clear_timeout(g_host.due_timer);
    g_host.due_timer = 0;
    emscripten_resume_main_loop();
}

// Something happened that may change the screen: draw (at least) the next few frames.
void wake() {
    ++g_host.events;
    resume();
}

void on_due_timer(void*) {
    g_host.due_timer = 0;
    resume();
}

double now_seconds() { return emscripten_get_now() / 1000.0; }

// The app's platform as the browser provides it, with one addition: an HTTP answer wakes the
// host, since it may change what the screens show (log-in, sync, registration).
class WakingPlatform final : public alis::web::Platform {
public:
    explicit WakingPlatform(alis::web::Platform& inner) : inner_(inner) {}
    void post_json(const std::string& path, const std::string& body,
                   std::function<void(const alis::web::HttpResponse&)> done) override {
        inner_.post_json(path, body, [done = std::move(done)](const alis::web::HttpResponse& r) {
            done(r);
            wake();
        });
    }
    void post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes,
                    std::function<void(const alis::web::HttpResponse&)> done) override {
        inner_.post_bytes(path, content_type, bytes, [done = std::move(done)](const alis::web::HttpResponse& r) {
            done(r);
            wake();
        });
    }
    std::string read_file(const std::string& name) override { return inner_.read_file(name); }
    bool write_file(const std::string& name, const std::string& content) override { return inner_.write_file(name, content); }
    void remove_file(const std::string& name) override { inner_.remove_file(name); }
    std::string storage_error() override { return inner_.storage_error(); }
    bool unsaved() override { return inner_.unsaved(); }
    std::vector<std::string> list_files(const std::string& prefix) override { return inner_.list_files(prefix); }
    std::uint64_t store_revision() override { return inner_.store_revision(); }
    void claim(const std::string& name, bool wait, std::function<void(bool)> done) override {
        inner_.claim(name, wait, [done = std::move(done)](bool granted) {
            done(granted);
            wake();
        });
    }
    void release(const std::string& name) override { inner_.release(name); }
    alis::Date today() override { return inner_.today(); }
    double now_seconds() override { return inner_.now_seconds(); }
    std::string wall_clock_hhmm() override { return inner_.wall_clock_hhmm(); }
    std::string random_id() override { return inner_.random_id(); }
    bool online() override { return inner_.online(); }
    void save_download(const std::string& file_name, const std::string& mime_type, const std::string& bytes) override {
        inner_.save_download(file_name, mime_type, bytes);
    }
    void choose_file(const std::string& accept, std::size_t max_bytes,
                     std::function<void(const alis::web::ChosenFile&)> done) override {
        inner_.choose_file(accept, max_bytes, [done = std::move(done)](const alis::web::ChosenFile& file) {
            done(file);
            wake();
        });
    }

private:
    alis::web::Platform& inner_;
};

// Keeps the canvas backing store at CSS size x devicePixelRatio, so text is drawn 1:1 on device
// pixels, and rebuilds the fonts when the ratio changes (browser zoom, moving to another screen).
void fit_canvas_to_window() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = static_cast<int>(std::lround(css_w * ratio));
    const int h = static_cast<int>(std::lround(css_h * ratio));
    if (w > 0 && h > 0 && (w != g_host.width || h != g_host.height)) {
        // Not glfwSetWindowSize: Emscripten's GLFW turns a size equal to the screen's into a
        // fullscreen request. Browser.setCanvasSize resizes the backing store and tells GLFW.
        EM_ASM({ Browser.setCanvasSize($0, $1); }, w, h);
        g_host.width = w;
        g_host.height = h;
    }
    // A touch screen (the primary pointer is coarse: a finger) gets controls of 44 CSS px. Asked
    // when the size changes (a tablet's keyboard or mouse plugged in rarely comes without one).
    bool touch = g_host.touch;
    if (w != g_host.checked_w || h != g_host.checked_h) {
        g_host.checked_w = w;
        g_host.checked_h = h;
        touch = EM_ASM_INT({ return window.matchMedia && matchMedia('(pointer: coarse)').matches ? 1 : 0; }) != 0;
    }
    if (ratio != g_host.pixel_ratio) {
        g_host.pixel_ratio = ratio;
        alis::web::theme::load_fonts(ImGui::GetIO(), kFontPath, ratio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        g_host.touch = !touch;  // the style below is made anew for the new ratio
    }
    if (touch != g_host.touch) {
        g_host.touch = touch;
        alis::web::theme::apply_style(ImGui::GetStyle(), ratio, touch);
    }
}

// A fingerprint of what a frame draws (vertices, indices, clip rectangles, textures, size): two
// equal fingerprints in a row mean the picture has settled.
class PictureHash {
public:
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (; size >= 8; size -= 8, bytes += 8) {
            std::uint64_t word;
            std::memcpy(&word, bytes, 8);
            mix(word);
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, bytes, size);
        mix(tail ^ (std::uint64_t{size} << 56));
    }
    std::uint64_t value() const { return h_; }

private:
    void mix(std::uint64_t word) {
        h_ = (h_ ^ word) * 0x100000001b3ull;
        h_ ^= h_ >> 29;
    }
    std::uint64_t h_ = 0xcbf29ce484222325ull;
};

std::uint64_t picture_of(const ImDrawData& data) {
    PictureHash hash;
    hash.add(&data.DisplaySize, sizeof data.DisplaySize);
    hash.add(&data.FramebufferScale, sizeof data.FramebufferScale);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        hash.add(list.VtxBuffer.Data, list.VtxBuffer.size_in_bytes());
        hash.add(list.IdxBuffer.Data, list.IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            hash.add(&cmd.ClipRect, sizeof cmd.ClipRect);
            hash.add(&cmd.TextureId, sizeof cmd.TextureId);
            const unsigned counts[] = {cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount};
            hash.add(counts, sizeof counts);
        }
    }
    return hash.value();
}

// The app's next due frame that has not had its frame yet (each due time gets one frame, so a due
// time that frame did not move on cannot keep the host drawing).
double app_due() {
    const double due = g_host.app->next_frame_due();
    return due == g_host.due_served ? HUGE_VAL : due;
}

// Whether the next animation frame should draw.
bool frame_wanted() {
    return g_host.events != g_host.events_drawn || g_host.settle_frames > 0 || alis::shell::input_waiting() ||
           alis::shell::a11y_input_waiting() || alis::shell::input_held() || app_due() <= now_seconds();
}

// Pauses the main loop until wake(), or until the app's next due frame (a sync).
void sleep_until_needed() {
    emscripten_pause_main_loop();
    g_host.sleeping = true;
    const double due = app_due();
    if (std::isfinite(due)) {
        g_host.due_timer = emscripten_set_timeout(on_due_timer, std::max(0.0, (due - now_seconds()) * 1000.0), nullptr);
    }
}

void record_cpu_time(double ms) {
    g_host.cpu_ms[g_host.cpu_next] = ms;
    g_host.cpu_next = (g_host.cpu_next + 1) % kCpuSamples;
    g_host.cpu_count = std::min(g_host.cpu_count + 1, kCpuSamples);
}

void draw_frame() {
    alis::shell::trace_mark("alis-frame-start");
    const double start = emscripten_get_now();
    if (app_due() <= now_seconds()) g_host.due_served = g_host.app->next_frame_due();
    if (g_host.events != g_host.events_drawn) {
        g_host.events_drawn = g_host.events;
        g_host.due_served = -1;  // after an event, a due time may be due again (Synkroniser nå)
        g_host.settle_frames = std::max(g_host.settle_frames, kSettleFrames);
    }
    fit_canvas_to_window();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    alis::shell::feed_input();
    alis::shell::a11y_feed_input();
    ImGui::NewFrame();
    alis::shell::begin_frame();
    alis::shell::a11y_begin_frame();
    g_host.app->frame();
    alis::shell::a11y_end_frame(*g_host.app, g_host.pixel_ratio);
    ImGui::Render();
    alis::shell::end_frame();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g_host.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = alis::web::theme::kBackground;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const std::uint64_t picture = picture_of(*ImGui::GetDrawData());
    const bool changed = picture != g_host.last_picture;
    g_host.last_picture = picture;
    g_host.settle_frames = std::max(g_host.settle_frames - 1, changed ? 1 : 0);
    record_cpu_time(emscripten_get_now() - start);
    alis::shell::trace_mark("alis-frame-end");
}

// Called by Emscripten's main loop on every animation frame while it runs.
void main_loop_iteration() {
    if (frame_wanted()) {
        draw_frame();
    } else {
        sleep_until_needed();
    }
}

}  // namespace

extern "C" {

// From pre.js: something outside the canvas's input happened (text, wheel, resize, a storage flush,
// the tab shown again, the network back).
EMSCRIPTEN_KEEPALIVE void alis_wake() { wake(); }

// From pre.js, about once a second while the tab is hidden: a hidden tab gets no animation frames,
// and the app syncs from its frames, so a change made just before the tab was left (or a closed
// tab's changes this tab adopted) would wait until it is shown again. This sends what is due.
EMSCRIPTEN_KEEPALIVE void alis_background_tick() {
    if (g_host.app) g_host.app->session().tick();
}

// For end-to-end tests: what the last frame showed, as JSON (see web/app.hpp), plus the host's
// own figures: whether it will draw again without new input, and the CPU time of recent frames.
EMSCRIPTEN_KEEPALIVE const char* alis_test_state() {
    static std::string out;
    nlohmann::json state = g_host.app ? g_host.app->test_state() : nlohmann::json::object();
    state["canvas"] = {{"width", g_host.width}, {"height", g_host.height}, {"pixel_ratio", g_host.pixel_ratio}};
    state["frame_wanted"] = g_host.app && frame_wanted();
    nlohmann::json cpu = nlohmann::json::array();
    for (std::size_t i = 0; i < g_host.cpu_count; ++i) {
        cpu.push_back(g_host.cpu_ms[(g_host.cpu_next + kCpuSamples - g_host.cpu_count + i) % kCpuSamples]);
    }
    state["frame_cpu_ms"] = std::move(cpu);
    int count = 0;
    const double* a11y = alis::shell::a11y_cost_ms(&count);
    state["a11y_ms"] = std::vector<double>(a11y, a11y + count);
    const double* diff = alis::shell::a11y_diff_cost_ms(&count);
    state["a11y_diff_ms"] = std::vector<double>(diff, diff + count);
    out = state.dump();
    return out.c_str();
}

}  // extern "C"

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_host.window = glfwCreateWindow(800, 600, "ALIS-portalen Vest", nullptr, nullptr);
    if (!g_host.window) return 1;
    glfwMakeContextCurrent(g_host.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is the app's, not a file's
    // A steady caret: a blinking one would need a frame at every blink (2.5 a second, for as long
    // as a field is focused), and many people turn blinking off anyway.
    io.ConfigInputTextCursorBlink = false;
    // Our own GLFW callbacks queue input so none is lost between frames (text_input.hpp).
    ImGui_ImplGlfw_InitForOpenGL(g_host.window, false);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    alis::shell::install_input(g_host.window, wake);

    static WakingPlatform platform(alis::shell::browser_platform());
    static alis::web::App app(platform);
    g_host.app = &app;
    alis::shell::a11y_install(app);
    fit_canvas_to_window();
    EM_ASM(if (Module.onPortalReady) Module.onPortalReady(););
    emscripten_set_main_loop(main_loop_iteration, 0, true);
    return 0;
}
