#include "widgets.hpp"

#include "theme.hpp"
#include "ui_probe.hpp"

namespace alis::web::ui {

bool button(const char* label, const ImVec2& size) {
    const bool clicked = ImGui::Button(label, size);
    probe::record_last_item(label, probe::Role::button);
    return clicked;
}

bool primary_button(const char* label, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kAccentHovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::kAccentActive);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kOnAccent);
    const bool clicked = button(label, size);
    ImGui::PopStyleColor(4);
    return clicked;
}

void paragraph(const char* text) {
    ImGui::TextWrapped("%s", text);
    probe::record_last_item(text);
}

void heading(const char* text) {
    // Wrapped, as all text here: a long heading on a phone goes on to the next line, not past the edge.
    ImGui::PushFont(theme::heading_font());
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
    probe::record_last_item(text, probe::Role::heading);
}

void title(const char* text) {
    ImGui::PushFont(theme::title_font());
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    probe::record_last_item(text, probe::Role::title);
}

void muted(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    probe::record_last_item(text);
}

void label(const char* text) {
    ImGui::TextUnformatted(text);
    probe::record_last_item(text);
}

void note(const char* text, const ImVec4& colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    // A warning is said at once by a screen reader (role alert); a confirmation ("Lagret") politely.
    const bool warning = colour.x == kWarning.x && colour.y == kWarning.y && colour.z == kWarning.z;
    probe::record_last_item(text, warning ? probe::Role::alert : probe::Role::status);
}

}  // namespace alis::web::ui
