#pragma once
// Text reaches ImGui through a hidden <input> element rather than GLFW's keypress handler, so
// characters typed with AltGr (@ $ { [ €), dead keys and input methods, pasted text, and on-screen
// keyboards on touch devices all arrive (GLFW drops keypresses with Ctrl held, and AltGr is Ctrl+Alt
// on Windows). Keys that are not text (arrows, Backspace, Enter, shortcuts) still come through GLFW.
struct GLFWwindow;

namespace alis::shell {

// Replaces GLFW's character callback and sets ImGui's clipboard hooks to the browser's clipboard.
void install_text_input(GLFWwindow* window);
// Each frame: focuses the hidden input while an ImGui text field is active (raising the on-screen
// keyboard), and blurs it otherwise.
void update_text_input_focus();

}  // namespace alis::shell
