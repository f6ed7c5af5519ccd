// The GP's free time: spans of days they can serve in a hospital.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/rules.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "table_sort.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

void GpAvailableScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string doctor_id = ctx.session.user().doctor_id;
    if (!has_own_profile(ctx)) return;
    std::vector<const AvailableTime*> spans;
    for (const auto& [id, a] : view.available_times) {
        if (a.doctor_id == doctor_id) spans.push_back(&a);
    }
    std::sort(spans.begin(), spans.end(), [](auto* a, auto* b) { return a->range.start < b->range.start; });
    if (ImGui::BeginTable("##available", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr(lang, Msg::start_date));
        ImGui::TableSetupColumn(tr(lang, Msg::end_date));
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed);
        ui::table_headers();
        for (const auto* a : spans) {
            ImGui::PushID(a->id.c_str());
            ImGui::TableNextColumn();
            const std::string from = to_norwegian(a->range.start), to = to_norwegian(a->range.end);
            ui::label(from.c_str());
            ImGui::TableNextColumn();
            ui::label(to.c_str());
            ImGui::TableNextColumn();
            if (ui::button(tr(lang, Msg::delete_))) result_.send(ctx, "delete_available_time", {{"id", a->id}});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Spans that touch or overlap are one stretch for every rule; the GP sees the stretches read.
    std::vector<DateRange> ranges;
    for (const auto* a : spans) ranges.push_back(a->range);
    if (!ranges.empty()) ui::paragraph(describe_free_time(join_free_time(std::move(ranges))).in(lang).c_str());
    ImGui::Spacing();
    json draft = {{"id", "new"}, {"doctor_id", doctor_id}};
    const auto start = ui::date_from_field(start_), end = ui::date_from_field(end_);
    draft["start"] = start ? json(to_iso(*start)) : json(start_);
    draft["end"] = end ? json(to_iso(*end)) : json(end_);
    Problems problems;
    auto span = parse_available_time(draft, problems);
    ui::date_input(tr(lang, Msg::start_date), start_, lang);
    ui::field_error(start_.empty() ? nullptr : ui::problem_for(problems, "start"), lang);
    ui::date_input(tr(lang, Msg::end_date), end_, lang);
    ui::field_error(end_.empty() ? nullptr : ui::problem_for(problems, "end"), lang);
    ImGui::BeginDisabled(!span.has_value());
    if (ui::primary_button(tr(lang, Msg::add))) {
        span->id = new_id(ctx.platform, "a-");
        result_.send(ctx, "put_available_time", json(*span));
        if (result_.accepted()) start_.clear(), end_.clear();
    }
    ImGui::EndDisabled();
    result_.draw(ctx);
}

}  // namespace alis::web
