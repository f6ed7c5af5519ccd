// A hospital coordinator's periods: publish, edit, withdraw; the days left before the two-month
// release; and each period's candidates in priority order, to make an offer. The form comes first
// so that "Endre" on a row fills it in where the coordinator is already looking.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/matching/derive.hpp"
#include "alis/rules.hpp"
#include "calendar_download.hpp"
#include "placement_download.hpp"
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

std::vector<const Organisation*> departments_of(const sync::PortalState& view, const std::string& hospital_id) {
    std::vector<const Organisation*> out;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == OrganisationKind::department && o.parent_id == hospital_id) out.push_back(&o);
    }
    return out;
}

// What an edit may change; the rest (hospital, publication day, status) is the server's.
bool same_terms(const Period& a, const Period& b) {
    return a.department_id == b.department_id && a.range == b.range && a.places == b.places && a.on_call == b.on_call &&
           a.supervisor == b.supervisor && a.reason == b.reason;
}
}  // namespace

void HospitalPeriodsScreen::draw(Context& ctx) {
    draw_form(ctx);
    ImGui::Spacing();
    ImGui::Separator();
    draw_calendar_download(ctx);
    draw_placement_download(ctx);
    draw_table(ctx);
    ImGui::Spacing();
    if (!selected_.empty() && sync::find_period(ctx.session.view(), selected_)) draw_candidates(ctx);
    ImGui::Spacing();
    documents_.draw(ctx, doctors_with_documents(ctx.session.view()), "");
}

void HospitalPeriodsScreen::edit(const Period& p, const sync::PortalState& view) {
    editing_ = p.id;
    const auto departments = departments_of(view, p.hospital_id);
    for (size_t i = 0; i < departments.size(); ++i) {
        if (departments[i]->id == p.department_id) department_ = static_cast<int>(i);
    }
    start_ = to_norwegian(p.range.start);
    end_ = to_norwegian(p.range.end);
    places_ = p.places;
    on_call_ = p.on_call;
    supervisor_ = p.supervisor;
    reason_ = p.reason;
}

void HospitalPeriodsScreen::clear_form() {
    editing_.clear();
    start_.clear(), end_.clear(), supervisor_.clear(), reason_.clear();
    places_ = 1;
    on_call_ = true;
}

void HospitalPeriodsScreen::draw_table(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string hospital_id = ctx.session.user().organisation_id;
    const Date today = ctx.platform.today();
    std::vector<const Period*> periods;
    for (const auto& [id, p] : view.periods) {
        if (p.hospital_id == hospital_id) periods.push_back(&p);
    }
    std::sort(periods.begin(), periods.end(), [](auto* a, auto* b) { return std::tie(a->range.start, a->id) < std::tie(b->range.start, b->id); });
    std::vector<std::string> departments, statuses;
    ui::Fingerprint fingerprint;
    for (const Period* p : periods) {
        departments.push_back(organisation_name(view, p->department_id));
        std::string status = period_status(p->status, lang);
        if (p->status == PeriodStatus::published) {
            status += " · " + std::to_string(std::max(0L, days_until_release(*p, today))) + " " + tr(lang, Msg::days_to_release);
        }
        statuses.push_back(std::move(status));
        fingerprint.add(p->id).add(departments.back()).add(p->range.start).add(p->range.end).add(p->places).add(statuses.back());
    }
    ui::heading(tr(lang, Msg::tab_periods));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ui::kSortable;
    if (ImGui::BeginTable("##periods", 6, flags)) {
        for (const Msg m : {Msg::department, Msg::start_date, Msg::end_date, Msg::places, Msg::status}) ImGui::TableSetupColumn(tr(lang, m));
        // Sized for its two buttons from the first frame, so rows do not shift while the table settles.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float actions = ImGui::CalcTextSize(tr(lang, Msg::edit)).x + ImGui::CalcTextSize(tr(lang, Msg::withdraw)).x +
                              4 * style.FramePadding.x + style.ItemSpacing.x;
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, actions);
        ui::table_headers();
        const auto& order = periods_sort_.order(static_cast<int>(periods.size()), fingerprint.value(), [&](int a, int b, int column) {
            const Period &x = *periods[a], &y = *periods[b];
            switch (column) {
                case 0: return ui::compare_text(departments[a], departments[b]);
                case 1: return ui::compare_dates(x.range.start, y.range.start);
                case 2: return ui::compare_dates(x.range.end, y.range.end);
                case 3: return ui::compare_numbers(x.places, y.places);
                default: return ui::compare_text(statuses[a], statuses[b]);
            }
        });
        for (const int i : order) {
            const Period* p = periods[i];
            ImGui::PushID(p->id.c_str());
            ImGui::TableNextColumn();
            if (ImGui::Selectable(departments[i].c_str(), selected_ == p->id, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) selected_ = p->id;
            probe::record_last_item(departments[i].c_str());
            ImGui::TableNextColumn();
            ui::label(to_norwegian(p->range.start).c_str());
            ImGui::TableNextColumn();
            ui::label(to_norwegian(p->range.end).c_str());
            ImGui::TableNextColumn();
            ui::number(p->places);
            ImGui::TableNextColumn();
            ui::paragraph(statuses[i].c_str());
            ImGui::TableNextColumn();
            if (p->status == PeriodStatus::published) {
                if (ui::button(tr(lang, Msg::edit))) edit(*p, view);
                ImGui::SameLine();
                if (ui::button(tr(lang, Msg::withdraw))) result_.send(ctx, "withdraw_period", {{"period_id", p->id}});
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

void HospitalPeriodsScreen::draw_candidates(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::MatchingInput& input = matching_input(ctx);
    const matching::DerivedLists& lists = derived_lists(ctx);
    size_t index = input.periods.size();
    for (size_t i = 0; i < input.periods.size(); ++i) {
        if (input.periods[i].id == selected_) index = i;
    }
    if (index == input.periods.size()) return;
    ui::heading(tr(lang, Msg::candidates_for));
    // One answer deadline for the offers made from this list: the default (rules.hpp) for the
    // period, which the coordinator may change to any day from tomorrow to the service's first day.
    const Date today = ctx.platform.today();
    const Period& period = input.periods[index];
    if (answer_by_for_ != period.id) {
        answer_by_ = to_norwegian(default_answer_deadline(today, period.range.start));
        answer_by_for_ = period.id;
    }
    ui::date_input(tr(lang, Msg::answer_deadline), answer_by_, lang);
    const std::optional<Date> answer_by = ui::date_from_field(answer_by_);
    // Rows in priority order; the priority column keeps that order visible when sorted otherwise.
    const std::vector<size_t>& candidates = lists.candidates[index];
    if (candidates.empty()) {
        ui::muted(tr(lang, Msg::no_fitting));
        return;
    }
    std::vector<const matching::PeriodOption*> options;
    ui::Fingerprint fingerprint;
    for (size_t d : candidates) {
        const auto option = std::find_if(lists.options[d].begin(), lists.options[d].end(),
                                         [&](const matching::PeriodOption& o) { return o.period == index; });
        options.push_back(option == lists.options[d].end() ? nullptr : &*option);
        fingerprint.add(input.doctors[d].id).add(input.doctors[d].name).add(lists.scores[d].total());
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ui::kSortable;
    if (!ImGui::BeginTable("##candidates", 5, flags)) return;
    ImGui::TableSetupColumn(tr(lang, Msg::rank), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr(lang, Msg::doctor));
    ImGui::TableSetupColumn(tr(lang, Msg::score), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr(lang, Msg::service_offered));
    ImGui::TableSetupColumn("##offer", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort);
    ui::table_headers();
    const auto& order = candidates_sort_.order(static_cast<int>(candidates.size()), fingerprint.value(), [&](int a, int b, int column) {
        const DoctorProfile &x = input.doctors[candidates[a]], &y = input.doctors[candidates[b]];
        switch (column) {
            case 1: return ui::compare_text(x.name, y.name);
            case 2: return ui::compare_numbers(lists.scores[candidates[a]].total(), lists.scores[candidates[b]].total());
            case 3:
                if (!options[a] || !options[b]) return ui::compare_numbers(options[a] ? 0 : 1, options[b] ? 0 : 1);
                return ui::compare_dates(options[a]->service.start, options[b]->service.start);
            default: return ui::compare_numbers(a, b);
        }
    });
    for (const int row : order) {
        const size_t d = candidates[row];
        const DoctorProfile& doctor = input.doctors[d];
        ImGui::PushID(doctor.id.c_str());
        ImGui::TableNextColumn();
        ui::number(row + 1);
        ImGui::TableNextColumn();
        ui::label(doctor.name.c_str());
        ImGui::TableNextColumn();
        ui::number(lists.scores[d].total());
        ImGui::TableNextColumn();
        if (options[row]) {
            ui::label((to_norwegian(options[row]->service.start) + "–" + to_norwegian(options[row]->service.end)).c_str());
        }
        ImGui::TableNextColumn();
        // The GP's latest offer in this period decides the cell: pending (with its deadline),
        // accepted, or none standing (then a new offer can be made, after a lapsed one too).
        const sync::Offer* standing = nullptr;
        bool lapsed = false;
        for (const auto& [oid, o] : view.offers) {
            if (o.period_id != selected_ || o.doctor_id != doctor.id) continue;
            if (o.status == sync::OfferStatus::pending || o.status == sync::OfferStatus::accepted) standing = &o;
            lapsed = lapsed || o.status == sync::OfferStatus::lapsed;
        }
        if (standing) {
            std::string text = tr(lang, Msg::offer_made);
            if (standing->status == sync::OfferStatus::pending) {
                text += std::string(" · ") + tr(lang, Msg::answer_by) + " " + to_norwegian(standing->answer_by);
            }
            ui::muted(text.c_str());
        } else {
            if (lapsed) ui::muted(tr(lang, Msg::offer_lapsed));
            if (options[row] && ui::button(tr(lang, Msg::make_offer))) {
                const json offer = {{"id", new_id(ctx.platform, "o-")}, {"period_id", period.id}, {"hospital_id", period.hospital_id},
                                    {"doctor_id", doctor.id}, {"start", to_iso(options[row]->service.start)},
                                    {"end", to_iso(options[row]->service.end)}, {"message", ""},
                                    {"answer_by", answer_by ? json(to_iso(*answer_by)) : json(answer_by_)}};
                result_.send(ctx, "make_offer", offer);
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// One form for publishing and for editing: "Endre" on a row fills it with the period, and it then
// saves only when something was changed and the period is still valid.
void HospitalPeriodsScreen::draw_form(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string hospital_id = ctx.session.user().organisation_id;
    const Period* original = editing_.empty() ? nullptr : sync::find_period(view, editing_);
    if (!editing_.empty() && (!original || original->status != PeriodStatus::published)) {
        clear_form();  // withdrawn, filled or released meanwhile: nothing left to edit
        original = nullptr;
    }
    ui::heading(tr(lang, original ? Msg::edit_period : Msg::new_period));
    const auto departments = departments_of(view, hospital_id);
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
    json draft = {{"id", original ? original->id : "new"}, {"hospital_id", hospital_id},
                  {"department_id", department ? department->id : ""}, {"specialty", department ? department->specialty : ""},
                  {"places", places_}, {"published_on", to_iso(original ? original->published_on : ctx.platform.today())},
                  {"on_call", on_call_}, {"supervisor", supervisor_}, {"reason", reason_}};
    const auto start = ui::date_from_field(start_), end = ui::date_from_field(end_);
    draft["start"] = start ? json(to_iso(*start)) : json(start_);
    draft["end"] = end ? json(to_iso(*end)) : json(end_);
    Problems problems;
    auto period = parse_period(draft, problems);
    if (!start_.empty() || !end_.empty()) {
        for (const auto& p : problems) ui::field_error(&p, lang);
    }
    if (original) {
        const bool changed = period && !same_terms(*period, *original);
        if (period && !changed) ui::muted(tr(lang, Msg::nothing_changed));
        ImGui::BeginDisabled(!changed);
        if (ui::primary_button(tr(lang, Msg::save_changes))) {
            result_.send(ctx, "edit_period", json(*period));
            if (result_.accepted()) clear_form();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ui::button(tr(lang, Msg::cancel))) clear_form();
    } else {
        ImGui::BeginDisabled(!period.has_value());
        if (ui::primary_button(tr(lang, Msg::publish))) {
            period->id = new_id(ctx.platform, "p-");
            result_.send(ctx, "publish_period", json(*period));
            if (result_.accepted()) clear_form();
        }
        ImGui::EndDisabled();
    }
    result_.draw(ctx);
}

}  // namespace alis::web
