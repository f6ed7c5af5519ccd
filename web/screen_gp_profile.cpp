// The GP's profile: who they are, where they work, and the criteria the municipal lists weigh.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "alis/rules.hpp"
#include "documents_section.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {
std::vector<const Organisation*> municipalities(const sync::PortalState& view) {
    std::vector<const Organisation*> out;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == OrganisationKind::municipality) out.push_back(&o);
    }
    return out;
}
}  // namespace

void GpProfileScreen::load(const DoctorProfile& d) {
    name_ = d.name;
    hpr_ = d.hpr_number;
    phone_ = d.phone;
    email_ = d.email;
    cv_ = d.cv_text;
    gp_start_ = to_norwegian(d.general_practice_start);
    alis_start_ = ui::field_from_date(d.alis_start);
    old_scheme_ = d.scheme == Scheme::old_scheme;
    guidance_ = d.guidance_group;
    private_ = d.sector == Sector::private_practice;
    objectives_ = d.learning_objectives_fulfilled;
    mandatory_ = d.mandatory_courses;
    modules_ = d.module_courses;
}

// The form still holds only what the account gave it: nothing typed or chosen yet.
bool GpProfileScreen::untouched(const SessionUser& user) const {
    return name_ == user.name && email_ == user.email && hpr_.empty() && phone_.empty() && cv_.empty() &&
           gp_start_.empty() && alis_start_.empty() && !old_scheme_ && !guidance_ && !private_ && objectives_ == 0 &&
           mandatory_ == 0 && modules_ == 0;
}

void GpProfileScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const auto& user = ctx.session.user();
    const DoctorProfile* existing = sync::find_doctor(view, user.doctor_id);
    // On a machine the GP has not used before, the form is drawn before the first pull brings the
    // stored profile: it is loaded when it arrives, unless the GP has begun typing meanwhile. A form
    // left with the account's defaults would otherwise save an empty profile over the real one.
    if (!loaded_ || (!from_record_ && existing && untouched(user))) {
        if (existing) {
            load(*existing);
            from_record_ = true;
        } else {
            name_ = user.name;
            email_ = user.email;
        }
        loaded_ = true;
    }
    const auto towns = municipalities(view);
    if (municipality_ < 0 && existing) {
        for (size_t i = 0; i < towns.size(); ++i) {
            if (towns[i]->id == existing->municipality_id) municipality_ = static_cast<int>(i);
        }
    }

    // The draft as the core would receive it; the core's own validation marks the fields.
    json draft = {{"id", user.doctor_id}, {"name", name_}, {"hpr_number", hpr_},
                  {"municipality_id", municipality_ >= 0 && municipality_ < static_cast<int>(towns.size()) ? towns[municipality_]->id : ""},
                  {"scheme", old_scheme_ ? "old" : "new"}, {"learning_objectives_fulfilled", objectives_},
                  {"mandatory_courses", mandatory_}, {"module_courses", modules_}, {"guidance_group", guidance_},
                  {"sector", private_ ? "private" : "municipal"}, {"email", email_}, {"phone", phone_}, {"cv_text", cv_}};
    Problems problems;
    const auto gp_start = ui::date_from_field(gp_start_);
    draft["general_practice_start"] = gp_start ? json(to_iso(*gp_start)) : json(gp_start_);
    if (!alis_start_.empty()) {
        const auto d = ui::date_from_field(alis_start_);
        draft["alis_start"] = d ? json(to_iso(*d)) : json(alis_start_);
    }
    const auto profile = parse_doctor_profile(draft, problems, "doctor");
    auto shown = [&](const char* field, bool typed) { ui::field_error(typed || tried_ ? ui::problem_for(problems, field) : nullptr, lang); };

    // Two columns on a wide screen; on a phone one, so no field or date button is cut at a column's
    // edge (WCAG 1.4.10).
    const bool two_columns = !theme::narrow();
    if (two_columns) ImGui::Columns(2, "##profile", false);
    ui::text_input(tr(lang, Msg::full_name), name_);
    shown("name", !name_.empty());
    ui::text_input(tr(lang, Msg::hpr_number), hpr_);
    shown("hpr_number", !hpr_.empty());
    std::vector<std::string> town_names;
    for (const auto* t : towns) town_names.push_back(t->name);
    ui::combo(tr(lang, Msg::municipality), municipality_, town_names);
    shown("municipality_id", municipality_ >= 0);
    ui::date_input(tr(lang, Msg::gp_start), gp_start_, lang);
    shown("general_practice_start", !gp_start_.empty());
    if (profile) {
        const Verdict v = eligibility(*profile, ctx.platform.today());
        const std::string line = std::string(tr(lang, Msg::eligible_from)) + " " + to_norwegian(eligible_from(profile->general_practice_start));
        ui::note(line.c_str(), v.ok ? ui::kGood : ui::kCaution);
    }
    ui::date_input(tr(lang, Msg::alis_start), alis_start_, lang);
    shown("alis_start", !alis_start_.empty());
    ui::text_input(tr(lang, Msg::email), email_);
    shown("email", !email_.empty());
    ui::text_input(tr(lang, Msg::phone), phone_);
    shown("phone", !phone_.empty());
    if (two_columns) ImGui::NextColumn();
    ui::checkbox(tr(lang, Msg::old_scheme), old_scheme_);
    ui::int_input(tr(lang, Msg::learning_objectives), objectives_, 0, 1000);
    ui::int_input(tr(lang, Msg::mandatory_courses), mandatory_, 0, 100);
    ui::int_input(tr(lang, Msg::module_courses), modules_, 0, 100);
    ui::checkbox(tr(lang, Msg::guidance_group), guidance_);
    ui::checkbox(tr(lang, Msg::private_sector), private_);
    ui::multiline_input(tr(lang, Msg::cv), cv_, ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 8);
    shown("cv_text", !cv_.empty());
    if (two_columns) ImGui::Columns(1);
    ImGui::Spacing();
    ImGui::BeginDisabled(!profile.has_value());
    if (ui::primary_button(tr(lang, Msg::save))) {
        result_.send(ctx, existing ? "update_doctor" : "register_doctor", json(*profile));
    }
    ImGui::EndDisabled();
    if (!profile) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::form_incomplete));
    }
    // Once the person has used the form, every field that still breaks a rule says so: from when the
    // first press ends, not when it begins, since the messages move what is below them and a button
    // (the date's calendar, a checkbox) that moved away under the pointer would miss its release.
    if (ImGui::IsAnyItemActive()) touched_ = true;
    else if (touched_) tried_ = true;
    result_.draw(ctx);
    ImGui::Spacing();
    ImGui::Separator();
    draw_own_documents(ctx);  // "Dokumenter": the CV and education plan as PDF files
    ImGui::Separator();
    own_data_.draw(ctx);
}

}  // namespace alis::web
