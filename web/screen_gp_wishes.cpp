// The GP's ranked wishes: which hospital and department (or specialty), and when.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/rules.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {

std::vector<const Organisation*> of_kind(const sync::PortalState& view, OrganisationKind kind, const std::string& parent) {
    std::vector<const Organisation*> out;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == kind && (parent.empty() || o.parent_id == parent)) out.push_back(&o);
    }
    return out;
}

std::string describe(const sync::PortalState& view, const Wish& w, Language lang) {
    std::string out = w.hospital_id.empty() ? tr(lang, Msg::any) : organisation_name(view, w.hospital_id);
    if (!w.department_id.empty()) out += " – " + organisation_name(view, w.department_id);
    if (!w.specialty.empty()) out += " – " + w.specialty;
    if (w.earliest_start || w.latest_end) {
        out += " (" + ui::field_from_date(w.earliest_start) + "–" + ui::field_from_date(w.latest_end) + ")";
    }
    return out;
}

}  // namespace

void GpWishesScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string doctor_id = ctx.session.user().doctor_id;
    if (!has_own_profile(ctx)) return;
    std::vector<const Wish*> wishes;
    for (const auto& [id, w] : view.wishes) {
        if (w.doctor_id == doctor_id) wishes.push_back(&w);
    }
    std::sort(wishes.begin(), wishes.end(), [](auto* a, auto* b) { return std::tie(a->rank, a->id) < std::tie(b->rank, b->id); });
    std::vector<std::string> order;
    for (const auto* w : wishes) order.push_back(w->id);

    for (size_t i = 0; i < wishes.size(); ++i) {
        const Wish& w = *wishes[i];
        ImGui::PushID(w.id.c_str());
        const std::string line = std::to_string(i + 1) + ". " + describe(view, w, lang);
        // The wish wraps on a narrow screen, and its buttons then go on the row below it.
        ui::paragraph(line.c_str());
        std::vector<std::string> moved = order;
        if (i > 0) {
            ui::same_line_if_fits(ui::button_width(tr(lang, Msg::move_up)));
            if (ui::button(tr(lang, Msg::move_up))) {
                std::swap(moved[i], moved[i - 1]);
                result_.send(ctx, "rank_wishes", {{"doctor_id", doctor_id}, {"wish_ids", moved}});
            }
        }
        if (i + 1 < wishes.size()) {
            ui::same_line_if_fits(ui::button_width(tr(lang, Msg::move_down)));
            if (ui::button(tr(lang, Msg::move_down))) {
                std::swap(moved[i], moved[i + 1]);
                result_.send(ctx, "rank_wishes", {{"doctor_id", doctor_id}, {"wish_ids", moved}});
            }
        }
        ui::same_line_if_fits(ui::button_width(tr(lang, Msg::delete_)));
        if (ui::button(tr(lang, Msg::delete_))) result_.send(ctx, "delete_wish", {{"id", w.id}});
        ImGui::PopID();
    }
    ImGui::Separator();

    const auto hospitals = of_kind(view, OrganisationKind::hospital_trust, "");
    std::vector<std::string> hospital_names{tr(lang, Msg::any)};
    for (const auto* h : hospitals) hospital_names.push_back(h->name);
    if (ui::combo(tr(lang, Msg::hospital), hospital_, hospital_names)) department_ = 0;
    const std::string hospital_id = hospital_ > 0 ? hospitals[hospital_ - 1]->id : "";
    const auto departments = hospital_id.empty() ? std::vector<const Organisation*>{}
                                                 : of_kind(view, OrganisationKind::department, hospital_id);
    std::vector<std::string> department_names{tr(lang, Msg::any)};
    for (const auto* d : departments) department_names.push_back(d->name);
    department_ = std::min(department_, static_cast<int>(departments.size()));
    ui::combo(tr(lang, Msg::department), department_, department_names);
    // The specialty is chosen from the departments' own (rules.hpp: specialty_list), never typed: a
    // typed one could silently match nothing.
    const auto specialties = specialty_list(of_kind(view, OrganisationKind::department, hospital_id));
    std::vector<std::string> specialty_names{tr(lang, Msg::any)};
    specialty_names.insert(specialty_names.end(), specialties.begin(), specialties.end());
    int chosen = 0;
    for (size_t i = 0; i < specialties.size(); ++i)
        if (normalise_specialty(specialties[i]) == normalise_specialty(specialty_)) chosen = static_cast<int>(i) + 1;
    if (ui::combo(tr(lang, Msg::specialty), chosen, specialty_names) || chosen == 0) specialty_ = chosen > 0 ? specialties[chosen - 1] : "";
    ui::date_input(tr(lang, Msg::earliest_start), earliest_, lang);
    ui::date_input(tr(lang, Msg::latest_end), latest_, lang);

    json draft = {{"id", "new"}, {"doctor_id", doctor_id}, {"rank", static_cast<int>(wishes.size()) + 1},
                  {"hospital_id", hospital_id}, {"department_id", department_ > 0 ? departments[department_ - 1]->id : ""},
                  {"specialty", specialty_}};
    const auto earliest = ui::date_from_field(earliest_), latest = ui::date_from_field(latest_);
    if (!earliest_.empty()) draft["earliest_start"] = earliest ? json(to_iso(*earliest)) : json(earliest_);
    if (!latest_.empty()) draft["latest_end"] = latest ? json(to_iso(*latest)) : json(latest_);
    Problems problems;
    auto wish = parse_wish(draft, problems);
    const bool started = hospital_ > 0 || department_ > 0 || !specialty_.empty() || !earliest_.empty() || !latest_.empty();
    if (started) {
        for (const auto& p : problems) ui::field_error(&p, lang);
    }
    ImGui::BeginDisabled(!wish.has_value());
    if (ui::primary_button(tr(lang, Msg::add))) {
        wish->id = new_id(ctx.platform, "w-");
        result_.send(ctx, "put_wish", json(*wish));
        if (result_.accepted()) specialty_.clear(), earliest_.clear(), latest_.clear(), hospital_ = department_ = 0;
    }
    ImGui::EndDisabled();
    result_.draw(ctx);
}

}  // namespace alis::web
