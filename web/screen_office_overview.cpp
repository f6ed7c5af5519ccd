// The ALIS office's overview: where the scheme stands today, counted from the replica (periods by
// status, places taken, GPs at each step), and the open periods soon released as substitute posts.
// What is counted is decided in core (alis/sync/overview.hpp); this file only draws it.
#include <imgui.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>

#include "alis/sync/overview.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {

// A table of figures under its heading: what is counted, and the number, a row each.
void figures(const char* id, Msg heading, std::initializer_list<std::pair<Msg, std::size_t>> rows, Language lang) {
    ui::heading(tr(lang, heading));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    // As wide as its two columns, not the window: the numbers stay next to what they count.
    if (!ImGui::BeginTable(id, 2, flags, ImVec2(ImGui::GetFontSize() * 27.5f, 0))) return;
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 22);
    ImGui::TableSetupColumn("##count", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    for (const auto& [what, count] : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::label(tr(lang, what));
        ImGui::TableNextColumn();
        ui::label(std::to_string(count).c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void draw_overview(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const Date today = ctx.platform.today();

    const sync::OverviewFigures f = sync::overview_figures(view);

    figures("##periods", Msg::tab_periods,
            {{Msg::overview_open, f.open}, {Msg::overview_open_places, f.open_places}, {Msg::overview_filled, f.filled},
             {Msg::overview_accepted, f.accepted}, {Msg::overview_released, f.released}, {Msg::overview_withdrawn, f.withdrawn}},
            lang);
    ImGui::Spacing();
    figures("##doctors", Msg::overview_doctors,
            {{Msg::overview_profiles, f.profiles}, {Msg::overview_with_free_time, f.with_free_time},
             {Msg::overview_with_wishes, f.with_wishes}, {Msg::overview_on_regional_list, f.on_regional_list},
             {Msg::overview_placed, f.placed}, {Msg::overview_struck, f.struck}},
            lang);

    // Open periods whose release is near, soonest first: the office can still find someone.
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::overview_releasing_soon));
    const auto soon = sync::releasing_soon(view, today);
    if (soon.empty()) ui::muted(tr(lang, Msg::overview_none_soon));
    for (const auto& [days, p] : soon) {
        const std::string line = organisation_name(view, p->department_id) + " – " + organisation_name(view, p->hospital_id) + ", " +
                                 to_norwegian(p->range.start) + "–" + to_norwegian(p->range.end) + ": " +
                                 std::to_string(std::max(0L, days)) + " " + tr(lang, Msg::days_to_release);
        ui::paragraph(line.c_str());
    }
}

}  // namespace alis::web
