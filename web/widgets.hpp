#pragma once
// Thin wrappers over ImGui widgets that also report each widget to the probe, so every screen is
// testable by label without test code inside the screens.
#include <imgui.h>

namespace alis::web::ui {

// A button at least theme::min_target() wide (44 CSS px on touch screens). A label wider than the
// rest of the row wraps inside the button, which then takes the row's width.
bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));
// Before an item `width` wide that follows another on the same row: stays on the row when the item
// fits before the right edge, else starts a new row (buttons that wrap on a narrow screen).
void same_line_if_fits(float width, float spacing = -1.0f);
// The width a button labelled `label` takes.
float button_width(const char* label);
// A data table that needs `min_width` to be read: on a narrower screen it scrolls sideways in a
// region of its own (WCAG 1.4.10 excepts data tables from reflow) instead of running past the page's
// edge. Pass `flags` and `inner_width` to ImGui::BeginTable; a scrolling table needs an exact height
// (table_height).
struct WideTable {
    ImGuiTableFlags flags;
    float inner_width;
    bool scrolls;
};
WideTable wide_table(ImGuiTableFlags flags, float min_width);
// The height of a table of `rows` rows of one text line (or one control, with `controls`) under
// its header, with room for a sideways scrollbar.
float table_height(int rows, bool controls = false);
// Text that wraps at the current wrap width; recorded under its whole text.
void paragraph(const char* text);
void heading(const char* text);
void title(const char* text);
void muted(const char* text);
// One line of text (a table cell), recorded for tests.
void label(const char* text);
// A whole number as one line of text (a rank, a score, a count of places).
void number(int value);
// The height of a table row of one line of text: the clipper's step, and the wheel's line.
float table_row_height();
// Wrapped text in a colour (warnings, refusals, confirmations), recorded for tests.
void note(const char* text, const ImVec4& colour);
inline const ImVec4 kWarning{0.70f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kCaution{0.60f, 0.35f, 0.0f, 1.0f};
inline const ImVec4 kGood{0.10f, 0.45f, 0.20f, 1.0f};

}  // namespace alis::web::ui
