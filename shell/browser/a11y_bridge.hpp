#pragma once
// The browser side of the accessible mirror (docs/accessibility.md): after each frame, hands the
// changes in what the frame showed to shell/browser/a11y.js, and keeps <html lang>, the page title
// and the address (#/screen) in step with the app. Actions from assistive technology come back as
// the input a person would give: a click in the middle of the item, or letting go of a field.
namespace alis::web {
class App;
}

namespace alis::shell {

// Before the first frame: the app that addresses (#/screen) open screens of.
void a11y_install(alis::web::App& app);
// Between the GLFW backend's NewFrame and ImGui::NewFrame, after feed_input: a pending click from
// the mirror (pointer at the item's centre, button down this frame, up the next).
void a11y_feed_input();
// Right after ImGui::NewFrame: a field the mirror's focus left is let go.
void a11y_begin_frame();
// After App::frame: sends the mirror's changes, the language, title and address. `scale`: display
// pixels per CSS pixel.
void a11y_end_frame(alis::web::App& app, float scale);
// Whether a mirror click still needs frames.
bool a11y_input_waiting();
// CPU time of the last mirror updates (C++ difference and the DOM changes), in ms, oldest first.
const double* a11y_cost_ms(int* count);
// The C++ difference's share of those, in the same frames.
const double* a11y_diff_cost_ms(int* count);

}  // namespace alis::shell
