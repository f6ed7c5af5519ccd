#include "screen_own_data.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "forms.hpp"
#include "i18n.hpp"
#include "session.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

void OwnDataSection::download(Context& ctx) {
    downloading_ = true;
    downloaded_ = false;
    problems_.clear();
    Platform* platform = &ctx.platform;
    ctx.session.server_call("/api/me/export", json::object(), [this, platform](const HttpResponse& r) {
        downloading_ = false;
        if (r.status != 200) {
            problems_ = problems_from_answer(r);
            return;
        }
        platform->save_download("alis-mine-data.json", "application/json", r.body);
        downloaded_ = true;
    });
}

void OwnDataSection::delete_account(Context& ctx) {
    deleting_ = true;
    problems_.clear();
    Session* session = &ctx.session;
    ctx.session.server_call("/api/me/delete", {{"password", password_}}, [this, session](const HttpResponse& r) {
        deleting_ = false;
        if (r.status != 200) {
            problems_ = problems_from_answer(r);
            return;
        }
        password_.clear();
        confirming_ = false;
        downloaded_ = false;
        session->forget_account();
    });
}

void OwnDataSection::draw(Context& ctx) {
    const Language lang = ctx.lang;
    ui::heading(tr(lang, Msg::own_data_title));
    ui::paragraph(tr(lang, Msg::own_data_intro));
    ImGui::BeginDisabled(downloading_ || deleting_);
    if (ui::button(tr(lang, Msg::download_own_data))) download(ctx);
    ImGui::EndDisabled();
    if (downloaded_) ui::note(tr(lang, Msg::own_data_downloaded), ui::kGood);

    ImGui::Spacing();
    if (!confirming_) {
        ImGui::BeginDisabled(downloading_);
        if (ui::button(tr(lang, Msg::delete_my_account))) {
            confirming_ = true;
            problems_.clear();
        }
        ImGui::EndDisabled();
    } else {
        // Inline rather than a modal: the accessible mirror and the keyboard reach it like any field.
        ui::note(tr(lang, Msg::delete_account_explained), ui::kWarning);
        ui::password_input(tr(lang, Msg::confirm_with_password), password_);
        ui::field_error(ui::problem_for(problems_, "password"), lang);
        ImGui::BeginDisabled(password_.empty() || deleting_);
        if (ui::primary_button(tr(lang, Msg::delete_everything))) delete_account(ctx);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(deleting_);
        if (ui::button(tr(lang, Msg::cancel))) {
            confirming_ = false;
            password_.clear();
            problems_.clear();
        }
        ImGui::EndDisabled();
        if (deleting_) ui::muted(tr(lang, Msg::working));
    }
    // Refusals that are not about the password (offline, busy, another role): said in words.
    for (const auto& p : problems_) {
        if (p.field != "password") ui::field_error(&p, lang);
    }
}

}  // namespace alis::web
