// A municipality's prioritized list of its own ALIS candidates: the criteria, the computed score, a
// manual order, their wishes, and striking a candidate who got hospital service elsewhere.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/csv_reader.hpp"
#include "alis/matching/score.hpp"
#include "alis/sync/list_export.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "table_sort.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

void MunicipalityScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string municipality_id = ctx.session.user().organisation_id;
    const Organisation* municipality = sync::find_organisation(view, municipality_id);
    const bool party = municipality && municipality->party_to_agreement;
    const Date today = ctx.platform.today();
    // The office's stored weights, the same the matching uses, so the breakdown shows the points that rank.
    const matching::ScoreWeights weights = sync::stored_score_weights(view);

    std::vector<const sync::Candidate*> list;
    for (const auto& [id, c] : view.candidates) {
        if (c.municipality_id == municipality_id) list.push_back(&c);
    }
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return std::tie(a->position, a->id) < std::tie(b->position, b->id); });
    std::vector<std::string> order;
    for (const auto* c : list) order.push_back(c->id);

    // The rank column is the list's real order, the one sent to the ALIS office. Clicking another
    // header sorts only this view: the up/down buttons still move a candidate in the ranking.
    std::vector<std::string> names;
    std::vector<int> scores;
    ui::Fingerprint fingerprint;
    for (const auto* c : list) {
        const DoctorProfile* d = sync::find_doctor(view, c->doctor_id);
        names.push_back(d ? d->name : c->doctor_id);
        scores.push_back(d ? matching::priority_score(*d, party, today, weights).total() : -1);
        fingerprint.add(c->id).add(names.back()).add(scores.back()).add(c->wished_service).add(c->struck ? 1 : 0);
    }
    // The list as the municipality's own spreadsheet, from the replica: works offline too.
    if (ui::button(tr(lang, Msg::download_list_csv))) {
        ctx.platform.save_download("alis-kandidater-" + municipality_id + ".csv", "text/csv;charset=utf-8",
                                   sync::candidate_list_csv(view, municipality_id));
    }
    draw_upload(ctx, municipality_id);
    // On a narrow screen (a phone, text at 200 %) five columns would squeeze the names and headers
    // into slivers: each candidate is then an entry of its own, every field named ("Poeng: 350").
    const bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 40;
    // One candidate's fields: in the table each in its column; stacked, each under the field's name.
    auto draw_candidate = [&](size_t i) {
        const sync::Candidate& c = *list[i];
        const DoctorProfile* d = sync::find_doctor(view, c.doctor_id);
        auto field = [&](Msg name) {
            if (!stacked) ImGui::TableNextColumn();
            return stacked ? std::string(tr(lang, name)) + ": " : std::string();
        };
        ImGui::PushID(c.id.c_str());
        ui::label((field(Msg::rank) + std::to_string(c.position)).c_str());
        ui::label((field(Msg::doctor) + names[i]).c_str());
        if (c.struck) ui::note((std::string(tr(lang, Msg::struck)) + ": " + c.struck_reason).c_str(), ui::kCaution);
        const std::string score = field(Msg::score);
        if (d) {
            const auto points = matching::priority_score(*d, party, today, weights);
            ui::label((score + std::to_string(points.total())).c_str());
            // Each criterion's points with its label on the page rather than in a hover; the rules
            // behind the labels are said once under the table.
            ui::paragraph(matching::score_summary(points, weights).in(lang).c_str());
        }
        ui::paragraph((field(Msg::wished_service) + c.wished_service).c_str());
        if (!stacked) ImGui::TableNextColumn();
        std::vector<std::string> moved = order;
        bool first = true;
        auto next = [&first](const char* label) {  // buttons side by side when they fit, whichever of them a row has
            if (!first) ui::same_line_if_fits(ui::button_width(label));
            first = false;
        };
        if (i > 0) {
            next(tr(lang, Msg::move_up));
            if (ui::button(tr(lang, Msg::move_up))) {
                std::swap(moved[i], moved[i - 1]);
                result_.send(ctx, "set_candidate_order", {{"municipality_id", municipality_id}, {"candidate_ids", moved}});
            }
        }
        if (i + 1 < list.size()) {
            next(tr(lang, Msg::move_down));
            if (ui::button(tr(lang, Msg::move_down))) {
                std::swap(moved[i], moved[i + 1]);
                result_.send(ctx, "set_candidate_order", {{"municipality_id", municipality_id}, {"candidate_ids", moved}});
            }
        }
        if (!c.struck) {
            next(tr(lang, Msg::strike));
            ImGui::BeginDisabled(strike_reason_.empty());
            if (ui::button(tr(lang, Msg::strike))) {
                result_.send(ctx, "strike_candidate", {{"candidate_id", c.id}, {"reason", strike_reason_}});
            }
            ImGui::EndDisabled();
        }
        ImGui::PopID();
    };
    if (stacked) {
        // In the list's own order (the ranking); a sorted view needs the table's headers.
        for (size_t i = 0; i < list.size(); ++i) {
            ImGui::Separator();
            draw_candidate(i);
        }
        if (!list.empty()) ImGui::Separator();
    } else if (ImGui::BeginTable("##candidates", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ui::kSortable)) {
        ImGui::TableSetupColumn(tr(lang, Msg::rank), ImGuiTableColumnFlags_WidthFixed);
        for (const Msg m : {Msg::doctor, Msg::score, Msg::wished_service}) ImGui::TableSetupColumn(tr(lang, m));
        // Room for the buttons side by side.
        const float actions = std::min(ImGui::GetFontSize() * 18, std::max(ui::button_width(tr(lang, Msg::strike)),
                                                                           ImGui::GetContentRegionAvail().x * 0.4f));
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, actions);
        ui::table_headers();
        const auto& rows = sort_.order(static_cast<int>(list.size()), fingerprint.value(), [&](int a, int b, int column) {
            switch (column) {
                case 1: return ui::compare_text(names[a], names[b]);
                case 2: return ui::compare_numbers(scores[a], scores[b]);
                case 3: return ui::compare_text(list[a]->wished_service, list[b]->wished_service);
                default: return ui::compare_numbers(a, b);  // the ranking
            }
        });
        for (const int row : rows) draw_candidate(static_cast<size_t>(row));
        ImGui::EndTable();
    }
    if (sort_.sorted() && !stacked) ui::muted(tr(lang, Msg::sorted_view_note));
    ui::muted(matching::score_rules(weights).in(lang).c_str());
    ui::text_input(tr(lang, Msg::strike_reason), strike_reason_, ImGui::GetFontSize() * 30);
    result_.draw(ctx);
    ImGui::Separator();
    // The listed GPs' documents: their CV and plan to read, the application this municipality attaches.
    std::vector<std::pair<std::string, std::string>> listed;
    for (std::size_t i = 0; i < list.size(); ++i) listed.emplace_back(list[i]->doctor_id, names[i]);
    documents_.draw(ctx, listed, municipality_id);
    ImGui::Separator();

    // Doctors of this municipality not yet on its list.
    std::vector<const DoctorProfile*> doctors;
    for (const auto& entry : view.doctors) {
        const DoctorProfile& d = entry.second;
        const bool listed = std::any_of(list.begin(), list.end(), [&](auto* c) { return c->doctor_id == d.id; });
        if (d.municipality_id == municipality_id && !listed) doctors.push_back(&d);
    }
    if (doctors.empty()) return;
    ui::heading(tr(lang, Msg::add_candidate));
    std::vector<std::string> doctor_names;
    for (const auto* d : doctors) doctor_names.push_back(d->name);
    doctor_ = std::min(doctor_, static_cast<int>(doctors.size()) - 1);
    ui::combo(tr(lang, Msg::doctor), doctor_, doctor_names);
    ui::text_input(tr(lang, Msg::wished_service), wished_);
    if (ui::primary_button(tr(lang, Msg::add_candidate))) {
        const json candidate = {{"id", new_id(ctx.platform, "c-")}, {"municipality_id", municipality_id},
                                {"doctor_id", doctors[doctor_]->id}, {"position", static_cast<int>(list.size()) + 1},
                                {"wished_service", wished_}, {"education_plan", plan_}, {"application_text", ""}};
        result_.send(ctx, "put_candidate", candidate);
        if (result_.accepted()) wished_.clear();
    }
}

// "Last opp liste (CSV)": the file is read by core against the list the municipality sees, and
// shown as a preview (new, kept and removed entries, or every bad row by line and column); nothing
// changes until "Erstatt listen" sends the import as one mutation, which the server checks again
// and applies whole or not at all.
void MunicipalityScreen::draw_upload(Context& ctx, const std::string& municipality_id) {
    const Language lang = ctx.lang;
    ui::same_line_if_fits(ui::button_width(tr(lang, Msg::upload_list_csv)));
    if (ui::button(tr(lang, Msg::upload_list_csv))) {
        ctx.platform.choose_file(".csv,text/csv", CsvLimits{}.max_bytes, [chosen = chosen_](const ChosenFile& file) { *chosen = file; });
    }
    if (*chosen_) {
        const ChosenFile file = std::move(**chosen_);
        chosen_->reset();
        upload_name_ = file.name;
        upload_result_ = {};
        too_large_ = file.too_large ? file.size : 0;
        upload_.reset();
        if (!file.too_large) {
            upload_ = sync::read_candidate_list(ctx.session.view(), municipality_id, file.bytes,
                                                [&ctx] { return new_id(ctx.platform, "c-"); });
        }
    }
    upload_result_.draw(ctx);
    if (too_large_) {
        ui::note((std::string(tr(lang, Msg::upload_too_large)) + " " + std::to_string(too_large_) + " byte.").c_str(), ui::kWarning);
    }
    if (!upload_) return;
    ui::heading((std::string(tr(lang, Msg::upload_preview_of)) + " " + upload_name_).c_str());
    if (upload_->ok()) {
        const std::string figures = std::to_string(upload_->added) + " " + tr(lang, Msg::upload_added) + ", " +
                                    std::to_string(upload_->kept) + " " + tr(lang, Msg::upload_kept) + ", " +
                                    std::to_string(upload_->removed) + " " + tr(lang, Msg::upload_removed);
        ui::label(figures.c_str());
        ui::paragraph(tr(lang, Msg::upload_nothing_changed));
        if (ui::primary_button(tr(lang, Msg::replace_list))) {
            upload_result_.send(ctx, "import_candidate_list", upload_->args);
            upload_.reset();
            return;
        }
    } else {
        ui::note(tr(lang, Msg::upload_refused), ui::kWarning);
        for (const auto& p : upload_->problems) ui::note(p.message.in(lang).c_str(), ui::kWarning);
    }
    ui::same_line_if_fits(ui::button_width(tr(lang, Msg::cancel)));
    if (ui::button(tr(lang, Msg::cancel))) upload_.reset();
}

}  // namespace alis::web
