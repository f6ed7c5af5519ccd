// The browser host: Emscripten main loop, GLFW + WebGL2, a canvas sharp at any devicePixelRatio,
// IndexedDB-backed settings, and a JavaScript-callable test hook.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "app.hpp"
#include "browser_platform.hpp"
#include "text_input.hpp"
#include "theme.hpp"

namespace {

constexpr const char* kFontPath = "/fonts/DejaVuSans.ttf";

struct Host {
    GLFWwindow* window = nullptr;
    alis::web::App* app = nullptr;
    float pixel_ratio = 0;  // the ratio the fonts were built for
    int width = 0, height = 0;  // canvas backing store in device pixels
};

Host g_host;

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
    if (ratio != g_host.pixel_ratio) {
        g_host.pixel_ratio = ratio;
        alis::web::theme::load_fonts(ImGui::GetIO(), kFontPath, ratio);
        alis::web::theme::apply_style(ImGui::GetStyle(), ratio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void frame() {
    fit_canvas_to_window();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    g_host.app->frame();
    ImGui::Render();
    alis::shell::update_text_input_focus();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g_host.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = alis::web::theme::kBackground;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

extern "C" {

// For end-to-end tests: what the last frame showed, as JSON (see web/app.hpp).
EMSCRIPTEN_KEEPALIVE const char* alis_test_state() {
    static std::string out;
    nlohmann::json state = g_host.app ? g_host.app->test_state() : nlohmann::json::object();
    state["canvas"] = {{"width", g_host.width}, {"height", g_host.height}, {"pixel_ratio", g_host.pixel_ratio}};
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
    ImGui::GetIO().IniFilename = nullptr;  // layout is the app's, not a file's
    ImGui_ImplGlfw_InitForOpenGL(g_host.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    alis::shell::install_text_input(g_host.window);

    static alis::web::App app(alis::shell::browser_platform());
    g_host.app = &app;
    fit_canvas_to_window();
    EM_ASM(if (Module.onPortalReady) Module.onPortalReady(););
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
