// The ALIS office's overview: where the scheme stands today, counted from the replica (periods by
// status, places taken, GPs at each step), and the open periods soon released as substitute posts.
#include <imgui.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "alis/rules.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {

constexpr long kSoonDays = 14;  // "soon": within two weeks of the two-month release

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

    std::size_t open = 0, filled = 0, released = 0, withdrawn = 0, open_places = 0;
    for (const auto& entry : view.periods) {
        const Period& p = entry.second;
        switch (p.status) {
            case PeriodStatus::published: ++open, open_places += static_cast<std::size_t>(p.places); break;
            case PeriodStatus::filled: ++filled; break;
            case PeriodStatus::released: ++released; break;
            case PeriodStatus::withdrawn: ++withdrawn; break;
        }
    }
    std::size_t accepted = 0;
    std::set<std::string> placed;
    for (const auto& entry : view.offers) {
        if (entry.second.status == sync::OfferStatus::accepted) ++accepted, placed.insert(entry.second.doctor_id);
    }
    std::set<std::string> with_time, with_wishes, struck, on_regional_list;
    for (const auto& entry : view.available_times) with_time.insert(entry.second.doctor_id);
    for (const auto& entry : view.wishes) with_wishes.insert(entry.second.doctor_id);
    for (const auto& entry : view.candidates) {
        if (entry.second.struck) struck.insert(entry.second.doctor_id);
    }
    for (const auto& entry : view.regional_lists) on_regional_list.insert(entry.second.doctor_ids.begin(), entry.second.doctor_ids.end());

    ui::heading(tr(lang, Msg::tab_periods));
    if (begin_figures("##periods")) {
        figure(Msg::overview_open, open, lang);
        figure(Msg::overview_open_places, open_places, lang);
        figure(Msg::overview_filled, filled, lang);
        figure(Msg::overview_accepted, accepted, lang);
        figure(Msg::overview_released, released, lang);
        figure(Msg::overview_withdrawn, withdrawn, lang);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::overview_doctors));
    if (begin_figures("##doctors")) {
        figure(Msg::overview_profiles, view.doctors.size(), lang);
        figure(Msg::overview_with_free_time, with_time.size(), lang);
        figure(Msg::overview_with_wishes, with_wishes.size(), lang);
        figure(Msg::overview_on_regional_list, on_regional_list.size(), lang);
        figure(Msg::overview_placed, placed.size(), lang);
        figure(Msg::overview_struck, struck.size(), lang);
        ImGui::EndTable();
    }

    // Open periods whose release is near, soonest first: the office can still find someone.
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::overview_releasing_soon));
    std::vector<std::pair<long, const Period*>> soon;
    for (const auto& entry : view.periods) {
        const Period& p = entry.second;
        if (p.status != PeriodStatus::published) continue;
        const long days = days_until_release(p, today);
        if (days <= kSoonDays) soon.push_back({days, &p});
    }
    std::sort(soon.begin(), soon.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second->id < b.second->id; });
    if (soon.empty()) ui::muted(tr(lang, Msg::overview_none_soon));
    for (const auto& [days, p] : soon) {
        const std::string line = organisation_name(view, p->department_id) + " – " + organisation_name(view, p->hospital_id) + ", " +
                                 to_norwegian(p->range.start) + "–" + to_norwegian(p->range.end) + ": " +
                                 std::to_string(std::max(0L, days)) + " " + tr(lang, Msg::days_to_release);
        ui::label(line.c_str());
    }
}

}  // namespace alis::web
