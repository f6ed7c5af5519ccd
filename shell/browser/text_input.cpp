#include "text_input.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>

#include <string>

namespace {

std::string g_copied;  // the last text copied from the app, for ImGui's own paste shortcut

void set_clipboard(void*, const char* text) {
    g_copied = text ? text : "";
    EM_ASM({ Module.alisCopy(UTF8ToString($0)); }, g_copied.c_str());
}

// The browser delivers pasted text as an input event on the hidden field; ImGui's own Ctrl+V
// then has nothing to add, or it would paste twice.
const char* get_clipboard(void*) { return ""; }

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void alis_text_input(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

namespace alis::shell {

void install_text_input(GLFWwindow* window) {
    glfwSetCharCallback(window, nullptr);
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
}

void update_text_input_focus() {
    EM_ASM({ Module.alisWantText($0); }, ImGui::GetIO().WantTextInput ? 1 : 0);
}

}  // namespace alis::shell
