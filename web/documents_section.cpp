#include "documents_section.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "alis/sync/documents.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "reveal.hpp"
#include "screens.hpp"
#include "theme.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {

struct KindTexts {
    Msg heading, upload, download, remove;
};

KindTexts texts_of(sync::DocumentKind kind) {
    switch (kind) {
        case sync::DocumentKind::cv: return {Msg::document_cv, Msg::upload_cv, Msg::download_cv, Msg::delete_cv};
        case sync::DocumentKind::education_plan:
            return {Msg::document_education_plan, Msg::upload_education_plan, Msg::download_education_plan, Msg::delete_education_plan};
        case sync::DocumentKind::application:
            return {Msg::document_application, Msg::attach_application, Msg::download_application, Msg::delete_application};
    }
    return {Msg::document_cv, Msg::upload_cv, Msg::download_cv, Msg::delete_cv};
}

// "1,2 MB" or "340 kB" (Norwegian decimal comma; a point in English).
std::string size_text(std::size_t bytes, Language lang) {
    char buf[32];
    if (bytes >= 1'000'000) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    else std::snprintf(buf, sizeof buf, "%zu kB", std::max<std::size_t>(1, (bytes + 500) / 1000));
    std::string out = buf;
    if (lang != Language::english) std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

// "Slett ..." asks first, in place (no modal, as "Slett kontoen min"): the question naming the file,
// "Ja, slett" and "Avbryt". "Slett ..." and "Avbryt" share one ImGui id, so the accessible mirror
// keeps that one node and its keyboard focus: focus goes from "Slett" to "Avbryt" and back, instead
// of to the page's start as when a focused node goes (shell/browser/a11y.js).
// `may_upload`: the slot's upload button follows, and takes keyboard focus once the file is deleted.
void remove_with_question(Context& ctx, const DocumentSlot& slot, const sync::DocumentRecord& d, const KindTexts& t,
                          bool may_upload) {
    const Language lang = ctx.lang;
    DocumentQueue& queue = *ctx.documents;
    if (!queue.asking_remove(slot, d.id)) {
        const std::string label = std::string(tr(lang, t.remove)) + "###remove";
        ui::same_line_if_fits(ui::button_width(label.c_str()));
        if (ui::button(label.c_str())) queue.ask_remove(slot, d.id);
        return;
    }
    // In red and an alert for the mirror (ui::note), so a screen reader says it when it appears.
    const std::string question = tr(lang, Msg::document_delete_ask) + d.file_name + tr(lang, Msg::document_delete_after);
    ui::note(question.c_str(), ui::kWarning);
    const float top = probe::items().back().y;
    if (ui::primary_button(tr(lang, Msg::document_delete_yes))) {
        queue.remove(ctx, slot, d.id);
        if (may_upload) probe::request_focus(ImGui::GetID(tr(lang, t.upload)));  // its id: same scope, same label
    }
    const std::string cancel = std::string(tr(lang, Msg::cancel)) + "###remove";
    ui::same_line_if_fits(ui::button_width(cancel.c_str()));
    if (ui::button(cancel.c_str())) queue.cancel_remove();
    // Focus stays on the node, so the browser scrolls nothing: the question and its buttons may be
    // below the screen's edge (a phone). They are scrolled into view, as a focused item is (reveal).
    if (queue.take_question_new() && !probe::items().empty()) {
        probe::Item block = probe::items().back();  // "Avbryt", in the page's window
        block.h = block.y + block.h - top;
        block.y = top;
        reveal(block);
    }
}

Msg state_text(UploadState state) {
    switch (state) {
        case UploadState::sending: return Msg::document_sending;
        case UploadState::waiting_for_network: return Msg::document_waiting;
        case UploadState::waiting_for_login: return Msg::document_waiting_login;
    }
    return Msg::document_waiting;
}

void draw_stored(Context& ctx, const DocumentSlot& slot, const sync::DocumentRecord& d, const KindTexts& t, bool may_upload) {
    const Language lang = ctx.lang;
    const std::string line = d.file_name + ", " + size_text(d.size, lang) + ", " + tr(lang, Msg::document_uploaded_on) + " " +
                             to_norwegian(d.uploaded_on);
    ui::label(line.c_str());
    if (ui::button(tr(lang, t.download))) ctx.documents->download(ctx, slot, d.id, d.file_name);
    if (!sync::check_may_delete_document(ctx.session.actor(), d)) remove_with_question(ctx, slot, d, t, may_upload);
}

}  // namespace

void draw_document_slot(Context& ctx, const DocumentSlot& slot, bool may_upload) {
    if (!ctx.documents) return;
    DocumentQueue& queue = *ctx.documents;
    const Language lang = ctx.lang;
    const KindTexts t = texts_of(slot.kind);
    ImGui::PushID((slot.doctor_id + "/" + sync::to_string(slot.kind) + "/" + slot.municipality_id).c_str());
    ui::label(tr(lang, t.heading));
    const auto* stored = sync::find_document(ctx.session.view(), slot.doctor_id, slot.kind, slot.municipality_id);
    const auto waiting = queue.waiting(slot);
    if (stored) draw_stored(ctx, slot, *stored, t, may_upload);
    else if (waiting.empty()) ui::muted(tr(lang, Msg::document_none));
    for (const auto& q : waiting) {
        const UploadState state = queue.state(ctx, q.file);
        const std::string line = q.name + ", " + size_text(q.size, lang) + ": " + tr(lang, state_text(state));
        ui::note(line.c_str(), state == UploadState::sending ? theme::kMuted : ui::kCaution);
    }
    if (may_upload && ui::button(tr(lang, t.upload))) queue.choose(ctx, slot);
    if (const Problems* refused = queue.refusal(slot)) {
        // Not ui::field_error: that marks the nearest field above as invalid, a field of the profile form.
        for (const auto& p : *refused) ui::note(p.message.in(lang).c_str(), ui::kWarning);
    }
    ImGui::PopID();
    ImGui::Spacing();
}

void draw_own_documents(Context& ctx) {
    const std::string& doctor_id = ctx.session.user().doctor_id;
    if (!sync::find_doctor(ctx.session.view(), doctor_id)) return;  // a profile first: documents belong to it
    ui::heading(tr(ctx.lang, Msg::documents_heading));
    ui::muted(tr(ctx.lang, Msg::documents_rules));
    draw_document_slot(ctx, {doctor_id, sync::DocumentKind::cv, ""}, true);
    draw_document_slot(ctx, {doctor_id, sync::DocumentKind::education_plan, ""}, true);
}

std::vector<std::pair<std::string, std::string>> doctors_with_documents(const sync::PortalState& view) {
    std::set<std::string> ids;
    for (const auto& [id, d] : view.documents) ids.insert(d.doctor_id);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& id : ids) {
        const DoctorProfile* d = sync::find_doctor(view, id);
        out.emplace_back(id, d ? d->name : id);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
    return out;
}

void GpDocumentsPanel::draw(Context& ctx, const std::vector<std::pair<std::string, std::string>>& doctors,
                            const std::string& municipality_id) {
    if (doctors.empty()) return;
    const Language lang = ctx.lang;
    ui::heading(tr(lang, Msg::documents_heading));
    std::vector<std::string> names;
    int chosen = 0;
    for (std::size_t i = 0; i < doctors.size(); ++i) {
        names.push_back(doctors[i].second);
        if (doctors[i].first == doctor_id_) chosen = static_cast<int>(i);
    }
    ui::combo(tr(lang, Msg::documents_of), chosen, names);
    doctor_id_ = doctors[static_cast<std::size_t>(chosen)].first;
    draw_document_slot(ctx, {doctor_id_, sync::DocumentKind::cv, ""}, false);
    draw_document_slot(ctx, {doctor_id_, sync::DocumentKind::education_plan, ""}, false);
    if (!municipality_id.empty()) {
        draw_document_slot(ctx, {doctor_id_, sync::DocumentKind::application, municipality_id}, true);
        return;
    }
    // A hospital or the office: every municipality's application it may see, to read.
    for (const auto& [id, d] : ctx.session.view().documents) {
        if (d.doctor_id != doctor_id_ || d.kind != sync::DocumentKind::application) continue;
        const std::string from = std::string(tr(lang, Msg::document_application_from)) + " " +
                                 organisation_name(ctx.session.view(), d.municipality_id);
        ui::muted(from.c_str());
        draw_document_slot(ctx, {doctor_id_, sync::DocumentKind::application, d.municipality_id}, false);
    }
}

}  // namespace alis::web
