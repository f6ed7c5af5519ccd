// Periods and GP free time on one time axis, drawn with ImGui's draw lists: one row per period or
// span of free time, month ticks on top, today as a line.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "i18n.hpp"
#include "screens.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {
struct Row {
    std::string label;
    DateRange range;
    ImU32 colour;
};
}  // namespace

void draw_timeline(Context& ctx) {
    const auto& view = ctx.session.view();
    std::vector<Row> rows;
    for (const auto& [id, p] : view.periods) {
        // Department first: the label is cut at the axis, and the department tells the rows apart.
        rows.push_back({organisation_name(view, p.department_id) + " – " + organisation_name(view, p.hospital_id), p.range,
                        p.status == PeriodStatus::published ? IM_COL32(0, 77, 140, 255) : IM_COL32(150, 160, 175, 255)});
    }
    for (const auto& [id, a] : view.available_times) {
        const DoctorProfile* d = sync::find_doctor(view, a.doctor_id);
        rows.push_back({(d ? d->name : a.doctor_id) + " · " + tr(ctx.lang, Msg::tab_available), a.range, IM_COL32(30, 130, 80, 255)});
    }
    if (rows.empty()) {
        ui::muted(tr(ctx.lang, Msg::no_fitting));
        return;
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.range.start < b.range.start; });
    Date first = rows.front().range.start, last = rows.front().range.end;
    for (const auto& r : rows) {
        first = std::min(first, r.range.start);
        last = std::max(last, r.range.end);
    }
    first = {first.year, first.month, 1};
    last = add_days(add_months({last.year, last.month, 1}, 1), -1);
    const float font = ImGui::GetFontSize();
    // The names take at most 40 % of a narrow screen (a phone), so the bars stay within its edge.
    const float label_width = std::min(font * 16, ImGui::GetContentRegionAvail().x * 0.4f);
    const float row_height = font * 1.6f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x - label_width, font * 6);
    const float days = static_cast<float>(days_between(first, last) + 1);
    auto x_of = [&](const Date& d) { return origin.x + label_width + width * static_cast<float>(days_between(first, d)) / days; };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = origin.y + row_height;
    const float bottom = top + row_height * static_cast<float>(rows.size());
    for (Date m = first; m <= last; m = add_months(m, 1)) {
        const float x = x_of(m);
        draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), IM_COL32(220, 224, 230, 255));
        char tick[16];
        std::snprintf(tick, sizeof tick, "%02d.%02d", m.month, m.year % 100);
        draw->AddText(ImVec2(x + 2, origin.y), IM_COL32(100, 110, 125, 255), tick);  // a11y: the axis; bars say their dates
    }
    const Date today = ctx.platform.today();
    if (today >= first && today <= last) draw->AddLine(ImVec2(x_of(today), top), ImVec2(x_of(today), bottom), IM_COL32(200, 40, 40, 255), 2);
    for (size_t i = 0; i < rows.size(); ++i) {
        const float y = top + row_height * static_cast<float>(i);
        // Long names are cut at the axis rather than drawn over the bars.
        draw->PushClipRect(ImVec2(origin.x, y), ImVec2(origin.x + label_width - font * 0.5f, y + row_height), true);
        draw->AddText(ImVec2(origin.x, y + row_height * 0.2f), IM_COL32(30, 35, 45, 255), rows[i].label.c_str());
        draw->PopClipRect();
        probe::record(rows[i].label, origin.x, y, label_width, row_height);
        const ImVec2 bar_min(x_of(rows[i].range.start), y + row_height * 0.2f);
        const ImVec2 bar_max(x_of(add_days(rows[i].range.end, 1)), y + row_height * 0.8f);
        draw->AddRectFilled(bar_min, bar_max, rows[i].colour, 3);
        // The eye reads the bar's months off the axis; a screen reader reads its dates from its node.
        probe::record(to_norwegian(rows[i].range.start) + "–" + to_norwegian(rows[i].range.end), bar_min.x, bar_min.y,
                      bar_max.x - bar_min.x, bar_max.y - bar_min.y);
        // The bar's exact dates on hover: the axis only shows months.
        if (ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(origin.x + label_width + width, y + row_height))) {
            ImGui::SetTooltip("%s\n%s–%s", rows[i].label.c_str(), to_norwegian(rows[i].range.start).c_str(),
                              to_norwegian(rows[i].range.end).c_str());
        }
    }
    ImGui::Dummy(ImVec2(label_width + width, bottom - origin.y + font));
}

}  // namespace alis::web
