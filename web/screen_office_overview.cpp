// The ALIS office's overview: where the scheme stands today, counted from the replica (periods by
// status, places taken, GPs at each step), and the open periods soon released as substitute posts.
// What is counted is decided in core (alis/sync/overview.hpp); this file only draws it.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "alis/sync/overview.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {

// One row of figures: what is counted, and the number.
void figure(Msg what, std::size_t count, Language lang) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::label(tr(lang, what));
    ImGui::TableNextColumn();
    ui::label(std::to_string(count).c_str());
}

bool begin_figures(const char* id) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    // As wide as its two columns, not the window: the numbers stay next to what they count.
    if (!ImGui::BeginTable(id, 2, flags, ImVec2(ImGui::GetFontSize() * 27.5f, 0))) return false;
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 22);
    ImGui::TableSetupColumn("##count", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    return true;
}

}  // namespace

void draw_overview(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const Date today = ctx.platform.today();

    const sync::OverviewFigures f = sync::overview_figures(view);

    ui::heading(tr(lang, Msg::tab_periods));
    if (begin_figures("##periods")) {
        figure(Msg::overview_open, f.open, lang);
        figure(Msg::overview_open_places, f.open_places, lang);
        figure(Msg::overview_filled, f.filled, lang);
        figure(Msg::overview_accepted, f.accepted, lang);
        figure(Msg::overview_released, f.released, lang);
        figure(Msg::overview_withdrawn, f.withdrawn, lang);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::overview_doctors));
    if (begin_figures("##doctors")) {
        figure(Msg::overview_profiles, f.profiles, lang);
        figure(Msg::overview_with_free_time, f.with_free_time, lang);
        figure(Msg::overview_with_wishes, f.with_wishes, lang);
        figure(Msg::overview_on_regional_list, f.on_regional_list, lang);
        figure(Msg::overview_placed, f.placed, lang);
        figure(Msg::overview_struck, f.struck, lang);
        ImGui::EndTable();
    }

    // Open periods whose release is near, soonest first: the office can still find someone.
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::overview_releasing_soon));
    const auto soon = sync::releasing_soon(view, today);
    if (soon.empty()) ui::muted(tr(lang, Msg::overview_none_soon));
    for (const auto& [days, p] : soon) {
        const std::string line = organisation_name(view, p->department_id) + " – " + organisation_name(view, p->hospital_id) + ", " +
                                 to_norwegian(p->range.start) + "–" + to_norwegian(p->range.end) + ": " +
                                 std::to_string(std::max(0L, days)) + " " + tr(lang, Msg::days_to_release);
        ui::label(line.c_str());
    }
}

}  // namespace alis::web
