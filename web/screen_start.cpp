// The start screen: what the portal is for, who does what, and the next steps.
#include <imgui.h>

#include <algorithm>

#include "app.hpp"
#include "i18n.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {

void role_card(const char* id, const char* title, const char* body, float width, float height) {
    ImGui::BeginChild(id, ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * ImGui::GetStyle().WindowPadding.x);
    ui::heading(title);
    ui::paragraph(body);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace

void App::draw_start() {
    const float scale = ImGui::GetFontSize() / theme::kBodyPx;
    const float available = ImGui::GetContentRegionAvail().x;
    const float column = std::min(available, 860.0f * scale);
    const float indent = (available - column) / 2;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);

    ImGui::Dummy(ImVec2(0, 12 * scale));
    if (session_.account_deleted()) ui::note(tr(language_, Msg::account_deleted), ui::kGood);
    ui::title(tr(language_, Msg::portal_name));
    ui::muted(tr(language_, Msg::portal_subtitle));
    ImGui::Dummy(ImVec2(0, 8 * scale));
    ui::paragraph(tr(language_, Msg::intro_why));
    ui::paragraph(tr(language_, Msg::intro_how));
    ui::paragraph(tr(language_, Msg::intro_two_months));
    ImGui::Dummy(ImVec2(0, 8 * scale));

    // Side by side when both fit, else one under the other, never wider than the column (a phone).
    const float spacing_x = ImGui::GetStyle().ItemSpacing.x;
    const bool buttons_fit = 2 * 260 * scale + spacing_x <= column;
    const ImVec2 button_size(std::min(260 * scale, column), 0);
    if (ui::primary_button(tr(language_, Msg::log_in), button_size)) go(Screen::log_in);
    if (buttons_fit) ImGui::SameLine();
    if (ui::button(tr(language_, Msg::register_gp), button_size)) go(Screen::register_gp);
    ImGui::Dummy(ImVec2(0, 12 * scale));

    // Three cards side by side on a wide window, stacked on a narrow one.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const bool side_by_side = column > 640 * scale;
    const float card_width = side_by_side ? (column - 2 * spacing) / 3 : column;
    const float card_height = (side_by_side ? 150 : 115) * scale;
    role_card("##gps", tr(language_, Msg::for_gps_title), tr(language_, Msg::for_gps_body), card_width, card_height);
    if (side_by_side) ImGui::SameLine();
    role_card("##hospitals", tr(language_, Msg::for_hospitals_title), tr(language_, Msg::for_hospitals_body),
              card_width, card_height);
    if (side_by_side) ImGui::SameLine();
    role_card("##municipalities", tr(language_, Msg::for_municipalities_title),
              tr(language_, Msg::for_municipalities_body), card_width, card_height);

    ImGui::Dummy(ImVec2(0, 16 * scale));
    ui::muted(tr(language_, Msg::footer));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

}  // namespace alis::web
