#include "forms.hpp"

#include <imgui_internal.h>  // FindRenderedTextEnd
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "theme.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web::ui {

namespace {

const ImVec4 kError{0.70f, 0.10f, 0.10f, 1.0f};

void label_above(const char* label) {
    const char* hidden = ImGui::FindRenderedTextEnd(label);
    ImGui::TextUnformatted(label, hidden);  // a11y: the field's node is named by it
}

// Never wider than the space left on the line: a field must not run past a phone's edge.
float width_or_default(float width) {
    const float wanted = width > 0 ? width : ImGui::GetFontSize() * 18.0f;
    const float room = ImGui::GetContentRegionAvail().x;
    return room > 0 ? std::min(wanted, room) : wanted;
}

std::string hidden_id(const char* label) { return std::string("##") + label; }

}  // namespace

const Problem* problem_for(const Problems& problems, const std::string& field) {
    for (const auto& p : problems) {
        if (p.field == field) return &p;
        const auto dot = p.field.rfind('.');
        if (dot != std::string::npos && p.field.compare(dot + 1, std::string::npos, field) == 0) return &p;
    }
    return nullptr;
}

void field_error(const Problem* problem, Language lang) {
    // A date the person typed in the wrong form is explained by the date field itself, in the form
    // they type (dd.mm.åååå), not the core's wire form.
    if (!problem || problem->rule == "not_a_date") return;
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", problem->message.in(lang).c_str());
    ImGui::PopStyleColor();
    probe::record_last_item(problem->message.in(lang).c_str(), probe::Role::alert);
    probe::mark_field_invalid();
}

bool text_input(const char* label, std::string& value, float width, ImGuiInputTextFlags flags) {
    label_above(label);
    ImGui::SetNextItemWidth(width_or_default(width));
    const bool changed = ImGui::InputText(hidden_id(label).c_str(), &value, flags);
    // A password's text never leaves ImGui: the mirror shows only that it is a password field.
    const bool password = flags & ImGuiInputTextFlags_Password;
    probe::record_last_item(label, probe::Role::textbox, password ? std::string() : value, password ? probe::kPassword : 0);
    return changed;
}

bool password_input(const char* label, std::string& value, float width) {
    return text_input(label, value, width, ImGuiInputTextFlags_Password);
}

bool multiline_input(const char* label, std::string& value, float width, float height) {
    label_above(label);
    // The field's own id, not ImGui's last item: once the field is active, the group around its child
    // window forwards another id, and the mirror would take it for a new node and drop the focused one.
    const ImGuiID id = ImGui::GetID(hidden_id(label).c_str());
    const bool changed = ImGui::InputTextMultiline(hidden_id(label).c_str(), &value, ImVec2(width_or_default(width), height));
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    std::uint8_t state = probe::kMultiline;
    if (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) state |= probe::kDisabled;
    probe::record_item(label, probe::Role::textbox, value, state, id, min.x, min.y, max.x - min.x, max.y - min.y);
    return changed;
}

bool int_input(const char* label, int& value, int min, int max, float width) {
    label_above(label);
    ImGui::PushID(label);
    // The field and its -/+ buttons are separate items, so the probe (and a click on the label's
    // field) lands on the number itself; clicking it selects the value, so typing replaces it.
    const float button = ImGui::GetFrameHeight();
    const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    // The number keeps room for a few digits and a finger (touch screens' buttons are wider).
    const float field = std::max((width > 0 ? width : ImGui::GetFontSize() * 8.0f) - 2 * (button + spacing),
                                 std::max(ImGui::GetFontSize() * 3.0f, theme::min_target()));
    ImGui::SetNextItemWidth(field);
    bool changed = ImGui::InputInt("##value", &value, 0, 0);
    probe::record_last_item(label, probe::Role::textbox, std::to_string(value));
    ImGui::SameLine(0, spacing);
    // Each step button is in the mirror named by its field and its step ("Plasser −1"), so a screen
    // reader says which number it changes; the signs alone would say nothing.
    if (ImGui::Button("-", ImVec2(button, button))) --value, changed = true;
    probe::record_last_item((std::string(label) + " \u22121").c_str(), probe::Role::button);
    ImGui::SameLine(0, spacing);
    if (ImGui::Button("+", ImVec2(button, button))) ++value, changed = true;
    probe::record_last_item((std::string(label) + " +1").c_str(), probe::Role::button);
    ImGui::PopID();
    if (value < min) value = min;
    if (value > max) value = max;
    return changed;
}

bool checkbox(const char* label, bool& value) {
    // The box, then its label wrapped at the column's edge (ImGui's own label never wraps and runs
    // past a phone's edge); a click on the label toggles it too, as on a <label>.
    const std::string id = hidden_id(label);
    bool changed = ImGui::Checkbox(id.c_str(), &value);
    const ImGuiID box_id = ImGui::GetItemID();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 box_max = ImGui::GetItemRectMax();
    ImVec2 max = box_max;
    const bool disabled = GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled;
    const char* shown = ImGui::FindRenderedTextEnd(label);
    if (shown != label) {
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(label, shown);  // a11y: the check box's node is named by it
        ImGui::PopTextWrapPos();
        max = ImMax(max, ImGui::GetItemRectMax());
        // Anywhere on the label or the gap before it (the box takes its own clicks).
        const bool on_label = ImGui::IsMouseHoveringRect(min, max) && !ImGui::IsMouseHoveringRect(min, box_max);
        if (!disabled && ImGui::IsWindowHovered() && on_label && ImGui::IsMouseClicked(0)) value = !value, changed = true;
    }
    std::uint8_t state = value ? probe::kChecked : 0;
    if (disabled) state |= probe::kDisabled;
    probe::record_item(label, probe::Role::checkbox, {}, state, box_id, min.x, min.y, max.x - min.x, max.y - min.y);
    return changed;
}

bool combo(const char* label, int& index, const std::vector<std::string>& options, float width) {
    label_above(label);
    ImGui::SetNextItemWidth(width_or_default(width));
    bool changed = false;
    const char* preview = index >= 0 && index < static_cast<int>(options.size()) ? options[index].c_str() : "";
    // Recorded before its list, with its own id and rectangle (once the list is open, ImGui's last
    // item is the list's window).
    const std::string id = hidden_id(label);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::CalcItemWidth(), ImGui::GetFrameHeight());
    const ImGuiID combo_id = ImGui::GetID(id.c_str());
    const bool open = ImGui::BeginCombo(id.c_str(), preview);
    probe::record_item(label, probe::Role::combobox, preview, open ? probe::kExpanded : 0, combo_id, at.x, at.y, size.x, size.y);
    if (open) {
        for (int i = 0; i < static_cast<int>(options.size()); ++i) {
            const bool selected = i == index;
            if (ImGui::Selectable((options[i] + "##" + std::to_string(i)).c_str(), selected)) {
                index = i;
                changed = true;
            }
            probe::record_last_item(options[i].c_str(), probe::Role::option, {}, selected ? probe::kSelected : 0);
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    return changed;
}

std::optional<Date> date_from_field(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return parse_norwegian(text);
}

std::string field_from_date(const std::optional<Date>& date) { return date ? to_norwegian(*date) : std::string(); }

namespace {

// A month calendar; weeks start on Monday. Returns true when a day was picked. Every control is in
// the accessible mirror (the arrows by what they do, each day by its whole date, so a screen reader
// says "14. desember 2026" rather than "14"); the days are a table, so the arrow keys move by day in
// a week and by week in a column (shell/browser/a11y.js). On a touch screen each day is a 44 px
// target, as wide as a seventh of the screen allows.
bool calendar(std::string& text, Language lang) {
    static const char* kDays[3][7] = {{"ma", "ti", "on", "to", "fr", "lø", "sø"},
                                      {"må", "ty", "on", "to", "fr", "la", "su"},
                                      {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}};
    static const char* kMonths[3][12] = {
        {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
        {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
        {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}};
    static const Text kPrevious{"Forrige måned", "Førre månad", "Previous month"};
    static const Text kNext{"Neste måned", "Neste månad", "Next month"};
    const int l = static_cast<int>(lang);
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID key = ImGui::GetID("shown-month");
    int shown = storage->GetInt(key, 0);  // months since year 0, 0 = not chosen yet
    if (shown == 0) {
        const Date base = date_from_field(text).value_or(Date{2027, 1, 1});
        shown = base.year * 12 + base.month - 1;
    }
    const int year = shown / 12, month = shown % 12 + 1;
    bool picked = false;
    // A day's side: a touch target where a seventh of the screen has room for one, else the text's.
    const float gap = 2.0f * theme::scale();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fits = (ImGui::GetMainViewport()->WorkSize.x - style.DisplaySafeAreaPadding.x * 2 - style.WindowPadding.x * 2 - gap * 6) / 7;
    const float side = theme::touch() ? std::min(theme::min_target(), fits) : ImGui::GetFrameHeight();
    ImGui::PushID("months");
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) --shown;
    probe::record_last_item(kPrevious.in(lang).c_str(), probe::Role::button);
    ImGui::SameLine();
    char title[48];
    std::snprintf(title, sizeof title, "%s %d", kMonths[l][month - 1], year);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    probe::record_last_item(title, probe::Role::heading);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) ++shown;
    probe::record_last_item(kNext.in(lang).c_str(), probe::Role::button);
    ImGui::PopID();
    storage->SetInt(key, shown);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(gap / 2, gap / 2));
    if (ImGui::BeginTable("##days", 7, ImGuiTableFlags_SizingFixedSame)) {
        for (int d = 0; d < 7; ++d) ImGui::TableSetupColumn(kDays[l][d], ImGuiTableColumnFlags_WidthFixed, side);
        for (int d = 0; d < 7; ++d) {
            ImGui::TableNextColumn();
            ui::label(kDays[l][d]);  // the grid's first row names its columns
        }
        const Date first{year, month, 1};
        for (int blank = 0; blank < weekday(first); ++blank) ImGui::TableNextColumn();
        for (int day = 1; day <= days_in_month(year, month); ++day) {
            ImGui::TableNextColumn();
            char number[12], whole[64];
            std::snprintf(number, sizeof number, "%d", day);
            std::snprintf(whole, sizeof whole, "%d. %s %d", day, kMonths[l][month - 1], year);
            if (lang == Language::english) std::snprintf(whole, sizeof whole, "%d %s %d", day, kMonths[l][month - 1], year);
            if (ImGui::Button(number, ImVec2(side, side))) {
                text = to_norwegian({year, month, day});
                picked = true;
            }
            probe::record_last_item(whole, probe::Role::button);
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    return picked;
}

}  // namespace

bool date_input(const char* label, std::string& text, Language lang, float width) {
    label_above(label);
    ImGui::PushID(label);
    ImGui::SetNextItemWidth(width > 0 ? width : ImGui::GetFontSize() * 7.5f);
    bool changed = ImGui::InputTextWithHint("##date", "dd.mm.åååå", &text, ImGuiInputTextFlags_CharsDecimal);
    probe::record_last_item(label, probe::Role::textbox, text);
    ImGui::SameLine(0, 4);
    // The calendar's button: "..." on the screen, "Velg dato: Fra" to a screen reader; as high as the
    // field, and a touch target on a touch screen.
    static const Text kChoose{"Velg dato", "Vel dato", "Choose a date"};
    const float side = std::max(ImGui::GetFrameHeight(), theme::min_target());
    if (ImGui::Button("...", ImVec2(side, ImGui::GetFrameHeight()))) ImGui::OpenPopup("calendar");
    probe::record_last_item((kChoose.in(lang) + ": " + label).c_str(), probe::Role::button);
    if (!text.empty() && !date_from_field(text)) {
        static const Text kWrongForm{"Skriv datoen som dd.mm.åååå, for eksempel 01.02.2027.",
                                     "Skriv datoen som dd.mm.åååå, til dømes 01.02.2027.",
                                     "Write the date as dd.mm.yyyy, for example 01.02.2027."};
        ImGui::PushStyleColor(ImGuiCol_Text, kError);
        ImGui::TextWrapped("%s", kWrongForm.in(lang).c_str());
        ImGui::PopStyleColor();
        probe::record_last_item(kWrongForm.in(lang).c_str(), probe::Role::alert);
        probe::mark_field_invalid();
    }
    // A narrow frame round the calendar leaves a phone's width to its seven columns of days.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4 * theme::scale(), 4 * theme::scale()));
    if (ImGui::BeginPopup("calendar")) {
        if (calendar(text, lang)) {
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
    return changed;
}

}  // namespace alis::web::ui
