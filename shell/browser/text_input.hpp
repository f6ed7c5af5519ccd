#pragma once
// Keyboard, text, wheel and focus input from the page into ImGui, so that none is lost while the
// host skips frames and the page behaves as a web page should.
//
// Text reaches ImGui through a hidden <input> element rather than GLFW's keypress handler, so
// characters typed with AltGr (@ $ { [ €), dead keys and input methods, pasted text, and on-screen
// keyboards on touch devices all arrive (GLFW drops keypresses with Ctrl held, and AltGr is Ctrl+Alt
// on Windows). Keys that are not text (arrows, Backspace, Enter, shortcuts) still come through GLFW.
//
// ImGui 1.86 reads keys as "down or not" once a frame, so a key pressed and released between two
// frames (Ctrl+A typed quickly) would never be seen: key changes and text are queued here and handed
// to ImGui in order, at most one change per key per frame. The wheel is taken from the browser's
// event (pre.js) and scrolls about three lines a notch. Tab moves between the fields of a form while
// one is being edited; past the last field (or the first, with Shift), and whenever no field is
// being edited, Tab is the browser's and moves focus on through the page.
struct GLFWwindow;

namespace alis::shell {

// Installs the GLFW callbacks (ImGui's backend is initialised without its own) and ImGui's
// clipboard hooks. on_event runs after every input event, so the host draws.
void install_input(GLFWwindow* window, void (*on_event)());
// Between the GLFW backend's NewFrame and ImGui::NewFrame: gives ImGui one frame's worth of the
// queued key changes and text, and the wheel turned since the last frame.
void feed_input();
// Right after ImGui::NewFrame: finishes leaving the app by Tab (see end_frame).
void begin_frame();
// After ImGui::Render: hands Tab to the browser when it would wrap around the form, and focuses
// the hidden input while an ImGui text field is being edited (raising the on-screen keyboard).
void end_frame();
// Queued input the next frame will take.
bool input_waiting();
// A key ImGui repeats or a mouse button is held: frames are needed for repeat and drags.
bool input_held();

}  // namespace alis::shell
