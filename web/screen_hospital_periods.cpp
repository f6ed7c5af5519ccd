// A hospital coordinator's periods: publish, edit, withdraw; the days left before the two-month
// release; and each period's candidates in priority order, to make an offer.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/derive.hpp"
#include "alis/rules.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "matching_view.hpp"
#include "screens.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {
const char* period_status(PeriodStatus s, Language lang) {
    static const char* kText[4][3] = {{"Publisert", "Publisert", "Published"},
                                      {"Trukket tilbake", "Trekt tilbake", "Withdrawn"},
                                      {"Lyst ut som vikariat", "Lyst ut som vikariat", "Released as substitute post"},
                                      {"Besatt", "Besett", "Filled"}};
    return kText[static_cast<int>(s)][static_cast<int>(lang)];
}
}  // namespace

void HospitalPeriodsScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string hospital_id = ctx.session.user().organisation_id;
    const Date today = ctx.platform.today();
    std::vector<const Period*> periods;
    for (const auto& [id, p] : view.periods) {
        if (p.hospital_id == hospital_id) periods.push_back(&p);
    }
    std::sort(periods.begin(), periods.end(), [](auto* a, auto* b) { return std::tie(a->range.start, a->id) < std::tie(b->range.start, b->id); });
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##periods", 6, flags)) {
        for (const Msg m : {Msg::department, Msg::start_date, Msg::end_date, Msg::places, Msg::status}) ImGui::TableSetupColumn(tr(lang, m));
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (const Period* p : periods) {
            ImGui::PushID(p->id.c_str());
            ImGui::TableNextColumn();
            const std::string department = organisation_name(view, p->department_id);
            if (ImGui::Selectable(department.c_str(), selected_ == p->id, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) selected_ = p->id;
            probe::record_last_item(department.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_norwegian(p->range.start).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_norwegian(p->range.end).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", p->places);
            ImGui::TableNextColumn();
            std::string status = period_status(p->status, lang);
            if (p->status == PeriodStatus::published) {
                status += " · " + std::to_string(std::max(0L, days_until_release(*p, today))) + " " + tr(lang, Msg::days_to_release);
            }
            ImGui::TextWrapped("%s", status.c_str());
            ImGui::TableNextColumn();
            if (p->status == PeriodStatus::published && ui::button(tr(lang, Msg::withdraw))) {
                result_.set(ctx.session.mutate("withdraw_period", {{"period_id", p->id}}));
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    result_.draw(lang);
    ImGui::Spacing();
    if (!selected_.empty() && sync::find_period(view, selected_)) draw_candidates(ctx);
    ImGui::Spacing();
    draw_form(ctx);
}

void HospitalPeriodsScreen::draw_candidates(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::MatchingInput input = matching_input_from(view, ctx.platform.today());
    const matching::DerivedLists lists = matching::derive(input);
    size_t index = input.periods.size();
    for (size_t i = 0; i < input.periods.size(); ++i) {
        if (input.periods[i].id == selected_) index = i;
    }
    if (index == input.periods.size()) return;
    ui::heading(tr(lang, Msg::candidates_for));
    int position = 0;
    for (size_t d : lists.candidates[index]) {
        const DoctorProfile& doctor = input.doctors[d];
        ImGui::PushID(doctor.id.c_str());
        const auto option = std::find_if(lists.options[d].begin(), lists.options[d].end(),
                                         [&](const matching::PeriodOption& o) { return o.period == index; });
        const std::string line = std::to_string(++position) + ". " + doctor.name + " · " + tr(lang, Msg::score) + " " +
                                 std::to_string(lists.scores[d].total());
        ui::label(line.c_str());
        const bool offered = std::any_of(view.offers.begin(), view.offers.end(), [&](const auto& kv) {
            return kv.second.period_id == selected_ && kv.second.doctor_id == doctor.id &&
                   (kv.second.status == sync::OfferStatus::pending || kv.second.status == sync::OfferStatus::accepted);
        });
        ImGui::SameLine();
        if (offered) {
            ui::muted(tr(lang, Msg::offer_made));
        } else if (option != lists.options[d].end() && ui::button(tr(lang, Msg::make_offer))) {
            const Period& p = input.periods[index];
            const json offer = {{"id", new_id(ctx.platform, "o-")}, {"period_id", p.id}, {"hospital_id", p.hospital_id},
                                {"doctor_id", doctor.id}, {"start", to_iso(option->service.start)},
                                {"end", to_iso(option->service.end)}, {"message", ""}};
            result_.set(ctx.session.mutate("make_offer", offer));
        }
        ImGui::PopID();
    }
    if (position == 0) ui::muted(tr(lang, Msg::no_fitting));
}

void HospitalPeriodsScreen::draw_form(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string hospital_id = ctx.session.user().organisation_id;
    ui::heading(tr(lang, Msg::new_period));
    std::vector<const Organisation*> departments;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == OrganisationKind::department && o.parent_id == hospital_id) departments.push_back(&o);
    }
    std::vector<std::string> names;
    for (const auto* d : departments) names.push_back(d->name);
    department_ = std::min(department_, std::max(0, static_cast<int>(departments.size()) - 1));
    ui::combo(tr(lang, Msg::department), department_, names);
    ui::date_input(tr(lang, Msg::start_date), start_, lang);
    ui::date_input(tr(lang, Msg::end_date), end_, lang);
    ui::int_input(tr(lang, Msg::places), places_, 1, 100);
    ui::checkbox(tr(lang, Msg::on_call), on_call_);
    ui::text_input(tr(lang, Msg::supervisor), supervisor_);
    ui::text_input(tr(lang, Msg::reason), reason_);

    const Organisation* department = departments.empty() ? nullptr : departments[department_];
    json draft = {{"id", "new"}, {"hospital_id", hospital_id}, {"department_id", department ? department->id : ""},
                  {"specialty", department ? department->specialty : ""}, {"places", places_},
                  {"published_on", to_iso(ctx.platform.today())}, {"on_call", on_call_}, {"supervisor", supervisor_},
                  {"reason", reason_}};
    const auto start = ui::date_from_field(start_), end = ui::date_from_field(end_);
    draft["start"] = start ? json(to_iso(*start)) : json(start_);
    draft["end"] = end ? json(to_iso(*end)) : json(end_);
    Problems problems;
    auto period = parse_period(draft, problems);
    if (!start_.empty() || !end_.empty()) {
        for (const auto& p : problems) ui::field_error(&p, lang);
    }
    ImGui::BeginDisabled(!period.has_value());
    if (ui::primary_button(tr(lang, Msg::publish))) {
        period->id = new_id(ctx.platform, "p-");
        result_.set(ctx.session.mutate("publish_period", json(*period)));
        if (result_.accepted) start_.clear(), end_.clear(), supervisor_.clear(), reason_.clear();
    }
    ImGui::EndDisabled();
}

}  // namespace alis::web
