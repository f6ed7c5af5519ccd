// The ALIS office: organisations, the regional prioritized list built from the municipal lists, and
// a matching run with its proposal.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "alis/collation.hpp"
#include "alis/matching/explain.hpp"
#include "alis/sync/list_export.hpp"
#include "alis/sync/regional_proposal.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "matching_view.hpp"
#include "screens.hpp"
#include "table_sort.hpp"
#include "ui_probe.hpp"
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

// Lower case for the filter: ASCII letters and the Latin-1 capitals in UTF-8 (Æ Ø Å É …), so
// "ålesund" finds "Ålesund".
std::string folded(const std::string& text) {
    std::string out = text;
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& c = reinterpret_cast<unsigned char&>(out[i]);
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        const bool latin1_capital = i > 0 && static_cast<unsigned char>(out[i - 1]) == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97;
        if (latin1_capital) c = static_cast<unsigned char>(c + 0x20);
    }
    return out;
}
}  // namespace

void OfficeScreen::build_organisation_rows(Context& ctx) {
    const auto revision = ctx.session.view_revision();
    if (org_rows_built_ && org_rows_revision_ == revision && org_rows_lang_ == ctx.lang) return;
    const auto& view = ctx.session.view();
    org_rows_.clear();
    org_search_.clear();
    ui::Fingerprint fingerprint;
    for (const auto& entry : view.organisations) {
        const Organisation& o = entry.second;
        org_rows_.push_back({&o, kind_name(o.kind, ctx.lang), o.parent_id.empty() ? "" : organisation_name(view, o.parent_id),
                             norwegian_sort_key(o.name)});
        org_search_.push_back(folded(o.name) + '\n' + folded(o.id));
        fingerprint.add(o.id).add(o.name).add(org_rows_.back().kind).add(org_rows_.back().parent).add(o.specialty);
    }
    org_rows_fingerprint_ = fingerprint.value();
    org_rows_revision_ = revision;
    org_rows_lang_ = ctx.lang;
    org_rows_built_ = true;
}

void OfficeScreen::draw_organisations(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    ui::text_input(tr(lang, Msg::filter), filter_);
    build_organisation_rows(ctx);
    const std::vector<OrganisationRow>& table = org_rows_;
    // Always sorted by some column, by name at first: the sorter collates once per click or change,
    // where sorting the rows here would collate thousands of names every frame.
    const ui::WideTable wide = ui::wide_table(ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Sortable,
                                              ImGui::GetFontSize() * 36);
    if (ImGui::BeginTable("##organisations", 4, wide.flags, ImVec2(0, ImGui::GetFontSize() * 16), wide.inner_width)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr(lang, Msg::name), ImGuiTableColumnFlags_DefaultSort);
        for (const Msg m : {Msg::kind, Msg::hospital, Msg::specialty}) ImGui::TableSetupColumn(tr(lang, m));
        // All rows are sorted (once per click or change of the data) and the filter then keeps the
        // matching ones in that order, so typing in the filter never sorts again.
        const auto& sorted = organisations_sort_.order(static_cast<int>(table.size()), org_rows_fingerprint_, [&](int a, int b, int column) {
            const OrganisationRow &x = table[a], &y = table[b];
            switch (column) {
                case 0: return x.name_key.compare(y.name_key);
                case 1: return ui::compare_text(x.kind, y.kind);
                case 2: return ui::compare_text(x.parent, y.parent);
                default: return ui::compare_text(x.o->specialty, y.o->specialty);
            }
        });
        const std::string needle = folded(filter_);
        std::vector<int> shown;
        shown.reserve(sorted.size());
        for (int i : sorted) {
            if (org_search_[i].find(needle) != std::string::npos) shown.push_back(i);
        }
        probe::number_rows(static_cast<int>(shown.size()) + 1);
        ui::table_headers();
        ImGuiListClipper clipper;  // thousands of rows stay cheap: only visible ones are drawn
        // Every row is one line of text. Given the height, the clipper does not draw the first row to
        // measure it, which would put that row, out of sight, into the accessible mirror's table.
        clipper.Begin(static_cast<int>(shown.size()), ui::table_row_height());
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const OrganisationRow& row = table[shown[i]];
                // Each cell is a node of the mirror, keyed within its organisation: a row scrolled or
                // sorted to another place keeps its nodes (moved, not made anew), and two departments
                // of the same name under different trusts are two rows, not a clash of keys.
                ImGui::PushID(row.o->id.c_str());
                ImGui::TableNextRow();
                probe::number_row(i + 1);
                ImGui::TableNextColumn();
                ui::label(row.o->name.c_str());
                ImGui::TableNextColumn();
                ui::label(row.kind);
                ImGui::TableNextColumn();
                ui::label(row.parent.c_str());
                ImGui::TableNextColumn();
                ui::label(row.o->specialty.c_str());
                ImGui::PopID();
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
    if (kind == OrganisationKind::municipality) ui::checkbox(tr(lang, Msg::party_to_agreement), party_);
    if (org_id_.empty()) org_id_ = new_id(ctx.platform, "org-");  // one id per new organisation, not per frame
    const json draft = {{"id", org_id_}, {"kind", to_string(kind)}, {"name", org_name_},
                        {"parent_id", kind == OrganisationKind::department && !hospitals.empty() ? hospitals[parent_]->id : ""},
                        {"specialty", kind == OrganisationKind::department ? org_specialty_ : ""},
                        {"party_to_agreement", kind == OrganisationKind::municipality && party_}};
    Problems problems;
    const auto organisation = parse_organisation(draft, problems);
    ImGui::BeginDisabled(!organisation.has_value());
    if (ui::primary_button(tr(lang, Msg::add))) {
        result_.send(ctx, "put_organisation", draft);
        if (result_.accepted()) org_id_.clear(), org_name_.clear(), org_specialty_.clear();
    }
    ImGui::EndDisabled();
    result_.draw(ctx);
}

// The proposed regional list (the rule is sync::regional_list_proposal) beside the saved one. The
// office can save the proposal as the list the hospitals see.
void OfficeScreen::draw_regional_list(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::MatchingInput& input = matching_input(ctx);
    std::map<std::string, int> score;
    const matching::DerivedLists& lists = derived_lists(ctx);
    for (size_t i = 0; i < input.doctors.size(); ++i) score[input.doctors[i].id] = lists.scores[i].total();
    const std::vector<std::string> proposed = sync::regional_list_proposal(view, score);
    const sync::RegionalList* saved = view.regional_lists.empty() ? nullptr : &view.regional_lists.begin()->second;
    ImGui::Columns(2, "##regional", false);
    ui::heading(tr(lang, Msg::proposal));
    // A sorted view of the proposal; what is saved is always `proposed`, in its own order.
    std::vector<std::string> names;
    ui::Fingerprint fingerprint;
    for (const auto& id : proposed) {
        const DoctorProfile* d = sync::find_doctor(view, id);
        names.push_back(d ? d->name : id);
        fingerprint.add(id).add(names.back()).add(score[id]);
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ui::kSortable;
    if (ImGui::BeginTable("##proposal", 3, flags)) {
        ImGui::TableSetupColumn(tr(lang, Msg::rank), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(tr(lang, Msg::doctor));
        ImGui::TableSetupColumn(tr(lang, Msg::score), ImGuiTableColumnFlags_WidthFixed);
        ui::table_headers();
        const auto& order = proposal_sort_.order(static_cast<int>(proposed.size()), fingerprint.value(), [&](int a, int b, int column) {
            if (column == 1) return ui::compare_text(names[a], names[b]);
            if (column == 2) return ui::compare_numbers(score[proposed[a]], score[proposed[b]]);
            return ui::compare_numbers(a, b);
        });
        for (const int i : order) {
            ImGui::TableNextColumn();
            ui::number(i + 1);
            ImGui::TableNextColumn();
            ui::label(names[i].c_str());
            ImGui::TableNextColumn();
            ui::number(score[proposed[i]]);
        }
        ImGui::EndTable();
    }
    if (ui::primary_button(tr(lang, Msg::save))) result_.send(ctx, "set_regional_list", {{"doctor_ids", proposed}});
    result_.draw(ctx);
    ImGui::NextColumn();
    ui::heading(tr(lang, Msg::tab_regional_list));
    if (saved) {
        for (size_t i = 0; i < saved->doctor_ids.size(); ++i) {
            const DoctorProfile* d = sync::find_doctor(view, saved->doctor_ids[i]);
            ui::label((std::to_string(i + 1) + ". " + (d ? d->name : saved->doctor_ids[i])).c_str());
        }
        if (ui::button(tr(lang, Msg::download_list_csv))) {
            ctx.platform.save_download("alis-regional-liste.csv", "text/csv;charset=utf-8", sync::regional_list_csv(view));
        }
    }
    ImGui::Columns(1);
    ImGui::Separator();
    documents_.draw(ctx, doctors_with_documents(view), "");
}

void OfficeScreen::draw_matching(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::DomainMatch& result = domain_match(ctx);
    struct Row {
        const matching::Explanation* e;
        std::string doctor, proposal;
    };
    std::vector<Row> rows;
    ui::Fingerprint fingerprint;
    for (const auto& e : result.explanations) {
        const DoctorProfile* d = sync::find_doctor(view, e.doctor_id);
        Row row{&e, d ? d->name : e.doctor_id, tr(lang, Msg::unmatched)};
        if (!e.period_id.empty()) {
            const Period* p = sync::find_period(view, e.period_id);
            row.proposal = (p ? organisation_name(view, p->hospital_id) + " – " + organisation_name(view, p->department_id) : e.period_id) +
                           ", " + to_norwegian(e.service.start) + "–" + to_norwegian(e.service.end);
        }
        fingerprint.add(e.doctor_id).add(row.doctor).add(row.proposal);
        rows.push_back(std::move(row));
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ui::kSortable;
    if (ImGui::BeginTable("##matching", 3, flags)) {
        ImGui::TableSetupColumn(tr(lang, Msg::doctor));
        ImGui::TableSetupColumn(tr(lang, Msg::proposal));
        ImGui::TableSetupColumn(tr(lang, Msg::explanation), ImGuiTableColumnFlags_NoSort);
        ui::table_headers();
        const auto& order = matching_sort_.order(static_cast<int>(rows.size()), fingerprint.value(), [&](int a, int b, int column) {
            if (column == 0) return ui::compare_text(rows[a].doctor, rows[b].doctor);
            // Unmatched doctors sort after every proposed service; services by where, then when.
            const bool ua = rows[a].e->period_id.empty(), ub = rows[b].e->period_id.empty();
            if (ua != ub) return ua ? 1 : -1;
            return ui::compare_text(rows[a].proposal, rows[b].proposal);
        });
        for (const int i : order) {
            const Row& row = rows[i];
            ImGui::TableNextColumn();
            ui::label(row.doctor.c_str());
            ImGui::TableNextColumn();
            ui::paragraph(row.proposal.c_str());
            ImGui::TableNextColumn();
            ui::paragraph(row.e->summary_staff.in(lang).c_str());  // staff read about the GP, not "du"
        }
        ImGui::EndTable();
    }
    ui::muted(matching::lottery_note(result.lists.lottery_seed).in(lang).c_str());  // the run's seed, recorded
    ui::muted(matching::weights_note(result.lists.weights).in(lang).c_str());      // the weights' version it used
    ImGui::Separator();
    weights_.draw(ctx);
}

}  // namespace alis::web
