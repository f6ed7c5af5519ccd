#pragma once
// Thin wrappers over ImGui widgets that also report each widget to the probe, so every screen is
// testable by label without test code inside the screens.
#include <imgui.h>

namespace alis::web::ui {

// A button at least theme::min_target() wide (44 CSS px on touch screens).
bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));
// Before an item `width` wide that follows another on the same row: stays on the row when the item
// fits before the right edge, else starts a new row (buttons that wrap on a narrow screen).
void same_line_if_fits(float width, float spacing = -1.0f);
// The width a button labelled `label` takes.
float button_width(const char* label);
// Text that wraps at the current wrap width; recorded under its whole text.
void paragraph(const char* text);
void heading(const char* text);
void title(const char* text);
void muted(const char* text);
// One line of text (a table cell), recorded for tests.
void label(const char* text);
// Wrapped text in a colour (warnings, refusals, confirmations), recorded for tests.
void note(const char* text, const ImVec4& colour);
inline const ImVec4 kWarning{0.70f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kCaution{0.60f, 0.35f, 0.0f, 1.0f};
inline const ImVec4 kGood{0.10f, 0.45f, 0.20f, 1.0f};

}  // namespace alis::web::ui
