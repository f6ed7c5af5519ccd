#pragma once
// Thin wrappers over ImGui widgets that also report each widget to the probe, so every screen is
// testable by label without test code inside the screens.
#include <imgui.h>

namespace alis::web::ui {

bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));
// Text that wraps at the current wrap width; recorded under its whole text.
void paragraph(const char* text);
void heading(const char* text);
void title(const char* text);
void muted(const char* text);

}  // namespace alis::web::ui
