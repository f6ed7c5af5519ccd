// The ALIS office: organisations, the regional prioritized list built from the municipal lists, and
// a matching run with its proposal.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "alis/collation.hpp"
#include "alis/matching/explain.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "matching_view.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {
const char* kind_name(OrganisationKind k, Language lang) {
    static const char* kText[4][3] = {{"Helseforetak", "Helseføretak", "Hospital trust"},
                                      {"Avdeling", "Avdeling", "Department"},
                                      {"Kommune", "Kommune", "Municipality"},
                                      {"ALIS-kontor", "ALIS-kontor", "ALIS office"}};
    return kText[static_cast<int>(k)][static_cast<int>(lang)];
}

bool contains_folded(const std::string& text, const std::string& needle) {
    if (needle.empty()) return true;
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return s;
    };
    return lower(text).find(lower(needle)) != std::string::npos;
}
}  // namespace

void OfficeScreen::draw_organisations(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    ui::text_input(tr(lang, Msg::filter), filter_);
    std::vector<const Organisation*> rows;
    for (const auto& [id, o] : view.organisations) {
        if (contains_folded(o.name, filter_) || contains_folded(o.id, filter_)) rows.push_back(&o);
    }
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return norwegian_less(a->name, b->name); });
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##organisations", 4, flags, ImVec2(0, ImGui::GetFontSize() * 16))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const Msg m : {Msg::name, Msg::kind, Msg::hospital, Msg::specialty}) ImGui::TableSetupColumn(tr(lang, m));
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;  // thousands of rows stay cheap: only visible ones are drawn
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Organisation& o = *rows[i];
                ImGui::TableNextColumn();
                ui::label(o.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(kind_name(o.kind, lang));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.parent_id.empty() ? "" : organisation_name(view, o.parent_id).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.specialty.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    std::vector<std::string> kinds;
    for (auto k : {OrganisationKind::hospital_trust, OrganisationKind::department, OrganisationKind::municipality}) kinds.push_back(kind_name(k, lang));
    ui::combo(tr(lang, Msg::kind), kind_, kinds);
    std::vector<const Organisation*> hospitals;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == OrganisationKind::hospital_trust) hospitals.push_back(&o);
    }
    const auto kind = static_cast<OrganisationKind>(kind_);
    if (kind == OrganisationKind::department && !hospitals.empty()) {
        std::vector<std::string> names;
        for (const auto* h : hospitals) names.push_back(h->name);
        parent_ = std::min(parent_, static_cast<int>(hospitals.size()) - 1);
        ui::combo(tr(lang, Msg::hospital), parent_, names);
        ui::text_input(tr(lang, Msg::specialty), org_specialty_);
    }
    ui::text_input(tr(lang, Msg::name), org_name_);
    if (kind == OrganisationKind::municipality) ui::checkbox("ALIS-avtale / agreement", party_);
    const json draft = {{"id", new_id(ctx.platform, "org-")}, {"kind", to_string(kind)}, {"name", org_name_},
                        {"parent_id", kind == OrganisationKind::department && !hospitals.empty() ? hospitals[parent_]->id : ""},
                        {"specialty", kind == OrganisationKind::department ? org_specialty_ : ""},
                        {"party_to_agreement", kind == OrganisationKind::municipality && party_}};
    Problems problems;
    const auto organisation = parse_organisation(draft, problems);
    ImGui::BeginDisabled(!organisation.has_value());
    if (ui::primary_button(tr(lang, Msg::add))) {
        result_.set(ctx.session.mutate("put_organisation", draft));
        if (result_.accepted) org_name_.clear(), org_specialty_.clear();
    }
    ImGui::EndDisabled();
    result_.draw(lang);
}

// The regional list interleaves the municipal lists: every municipality's first priority, then
// every second, and so on; within a round, the higher priority score goes first. Struck candidates
// are left out. The office can save it as the list the hospitals see.
void OfficeScreen::draw_regional_list(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::MatchingInput input = matching_input_from(view, ctx.platform.today());
    std::map<std::string, int> score;
    const matching::DerivedLists lists = matching::derive(input);
    for (size_t i = 0; i < input.doctors.size(); ++i) score[input.doctors[i].id] = lists.scores[i].total();
    std::vector<const sync::Candidate*> active;
    for (const auto& [id, c] : view.candidates) {
        if (!c.struck) active.push_back(&c);
    }
    std::sort(active.begin(), active.end(), [&](auto* a, auto* b) {
        if (a->position != b->position) return a->position < b->position;
        if (score[a->doctor_id] != score[b->doctor_id]) return score[a->doctor_id] > score[b->doctor_id];
        return a->doctor_id < b->doctor_id;
    });
    std::vector<std::string> proposed;
    for (const auto* c : active) {
        if (std::find(proposed.begin(), proposed.end(), c->doctor_id) == proposed.end()) proposed.push_back(c->doctor_id);
    }
    const sync::RegionalList* saved = view.regional_lists.empty() ? nullptr : &view.regional_lists.begin()->second;
    ImGui::Columns(2, "##regional", false);
    ui::heading(tr(lang, Msg::proposal));
    for (size_t i = 0; i < proposed.size(); ++i) {
        const DoctorProfile* d = sync::find_doctor(view, proposed[i]);
        const std::string line = std::to_string(i + 1) + ". " + (d ? d->name : proposed[i]) + " · " + tr(lang, Msg::score) +
                                 " " + std::to_string(score[proposed[i]]);
        ui::label(line.c_str());
    }
    if (ui::primary_button(tr(lang, Msg::save))) result_.set(ctx.session.mutate("set_regional_list", {{"doctor_ids", proposed}}));
    result_.draw(lang);
    ImGui::NextColumn();
    ui::heading(tr(lang, Msg::tab_regional_list));
    if (saved) {
        for (size_t i = 0; i < saved->doctor_ids.size(); ++i) {
            const DoctorProfile* d = sync::find_doctor(view, saved->doctor_ids[i]);
            ImGui::Text("%zu. %s", i + 1, d ? d->name.c_str() : saved->doctor_ids[i].c_str());
        }
    }
    ImGui::Columns(1);
}

void OfficeScreen::draw_matching(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::MatchingInput input = matching_input_from(view, ctx.platform.today());
    const matching::DomainMatch result = matching::match(input);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##matching", 3, flags)) {
        for (const Msg m : {Msg::doctor, Msg::proposal, Msg::explanation}) ImGui::TableSetupColumn(tr(lang, m));
        ImGui::TableHeadersRow();
        for (const auto& e : result.explanations) {
            const DoctorProfile* d = sync::find_doctor(view, e.doctor_id);
            ImGui::TableNextColumn();
            ui::label(d ? d->name.c_str() : e.doctor_id.c_str());
            ImGui::TableNextColumn();
            if (e.period_id.empty()) {
                ImGui::TextUnformatted(tr(lang, Msg::unmatched));
            } else {
                const Period* p = sync::find_period(view, e.period_id);
                const std::string where = p ? organisation_name(view, p->hospital_id) + " – " + organisation_name(view, p->department_id) : e.period_id;
                ImGui::TextWrapped("%s, %s–%s", where.c_str(), to_norwegian(e.service.start).c_str(), to_norwegian(e.service.end).c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", e.summary.in(lang).c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace alis::web
