#include "widgets.hpp"

#include <algorithm>
#include <string>

#include <imgui_internal.h>  // ButtonBehavior, RenderFrame, RenderTextWrapped: ImGui's own button, wrapped

#include "theme.hpp"
#include "ui_probe.hpp"

namespace alis::web::ui {

float button_width(const char* label) {
    const float text = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    return text > theme::min_target() ? text : theme::min_target();
}

void same_line_if_fits(float width, float spacing) {
    const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    // The cursor is at the start of the next row: the row's right edge (a window's, or a column's).
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0, gap);
}

WideTable wide_table(ImGuiTableFlags flags, float min_width) {
    const bool narrow = ImGui::GetContentRegionAvail().x < min_width;
    return {narrow ? flags | ImGuiTableFlags_ScrollX : flags, narrow ? min_width : 0.0f, narrow};
}

float table_height(int rows, bool controls) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = (controls ? ImGui::GetFrameHeight() : ImGui::GetTextLineHeight()) + style.CellPadding.y * 2;
    return (ImGui::GetTextLineHeight() + style.CellPadding.y * 2) + row * static_cast<float>(rows) + style.ScrollbarSize + 2;
}

namespace {

// ImGui's button with its label wrapped to `width`: a label longer than the row is broken over
// lines inside the frame, as text is, instead of running past the screen's edge (WCAG 1.4.10 at
// 320 CSS px, and text at 200%). The same id, behaviour and colours as ImGui::Button.
bool wrapped_button(const char* label, float width) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiID id = window->GetID(label);
    const char* end = ImGui::FindRenderedTextEnd(label);
    const float wrap = width - style.FramePadding.x * 2;
    const ImVec2 text = ImGui::CalcTextSize(label, end, false, wrap);
    const ImVec2 pos = window->DC.CursorPos;
    const ImVec2 size(width, text.y + style.FramePadding.y * 2);
    const ImRect box(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size, style.FramePadding.y);
    if (!ImGui::ItemAdd(box, id)) return false;
    bool hovered = false;
    bool held = false;
    const bool pressed = ImGui::ButtonBehavior(box, id, &hovered, &held);
    const ImGuiCol colour = held && hovered ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
    ImGui::RenderNavHighlight(box, id);
    ImGui::RenderFrame(box.Min, box.Max, ImGui::GetColorU32(colour), true, style.FrameRounding);
    ImGui::RenderTextWrapped(ImVec2(box.Min.x + style.FramePadding.x, box.Min.y + style.FramePadding.y), label, end, wrap);
    return pressed;
}

// A table's column or an auto-sized window (a popup) takes its width from its content: a button
// wrapped to that width would keep it from ever growing, so there the label stays on one line.
bool width_is_the_screens() {
    const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    return ImGui::GetCurrentTable() == nullptr && (window->Flags & ImGuiWindowFlags_AlwaysAutoResize) == 0 &&
           window->AutoFitFramesX <= 0;
}

}  // namespace

bool button(const char* label, const ImVec2& size) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float narrowest = std::max(theme::min_target(), ImGui::GetFontSize() * 4);
    if (size.x == 0 && avail >= narrowest && button_width(label) > avail && width_is_the_screens()) {
        const bool clicked = wrapped_button(label, avail);
        probe::record_last_item(label, probe::Role::button);
        return clicked;
    }
    ImVec2 at_least = size;
    // A one-letter button ("X", "+") is still a touch target.
    if (at_least.x == 0 && ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 < theme::min_target()) {
        at_least.x = theme::min_target();
    }
    const bool clicked = ImGui::Button(label, at_least);
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

void number(int value) { label(std::to_string(value).c_str()); }

float table_row_height() { return ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().CellPadding.y; }

void note(const char* text, const ImVec4& colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    // A warning is said at once by a screen reader (role alert); a confirmation ("Lagret") politely.
    const bool warning = colour.x == kWarning.x && colour.y == kWarning.y && colour.z == kWarning.z;
    probe::record_last_item(text, warning ? probe::Role::alert : probe::Role::status);
}

}  // namespace alis::web::ui
