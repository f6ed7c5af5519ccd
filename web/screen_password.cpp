#include "screen_password.hpp"

#include <imgui.h>

#include <algorithm>

#include "alis/sync/account.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "widgets.hpp"

namespace alis::web {

Problems check_new_password(const std::string& username, const std::string& current, const std::string& next,
                            const std::string& repeat) {
    Problems out;
    sync::check_required(out, "current_password", current);
    sync::check_required(out, "new_password", next);
    // The core's password rules (too_short, too_long, contains_username); common_password is the server's.
    sync::check_password(out, next, username, {}, "new_password");
    const bool next_ok = std::none_of(out.begin(), out.end(), [](const Problem& p) { return p.field == "new_password"; });
    if (next_ok && !current.empty() && next == current) {
        out.push_back({"new_password", "same_as_current",
                       {"Det nye passordet må være et annet enn det du har nå.",
                        "Det nye passordet må vera eit anna enn det du har no.",
                        "The new password must differ from the one you have now."}});
    }
    if (repeat != next) {
        out.push_back({"repeat_password", "passwords_differ",
                       {"Passordene er ikke like.", "Passorda er ikkje like.", "The passwords are not the same."}});
    }
    return out;
}

PasswordScreen::Next PasswordScreen::draw(Context& ctx, bool forced) {
    const Language lang = ctx.lang;
    ui::title(tr(lang, forced ? Msg::choose_new_password : Msg::change_password));
    ImGui::Spacing();
    if (forced) {
        ui::paragraph(tr(lang, Msg::forced_password_intro));
        ImGui::Spacing();
    }
    const Problems local = check_new_password(ctx.session.user().username, current_, next_, repeat_);
    // A field's own message shows once the person has typed in it; the server's always show.
    auto message = [&](const char* field, const std::string& value) {
        const Problem* p = ui::problem_for(problems_, field);
        if (!p && !value.empty()) p = ui::problem_for(local, field);
        ui::field_error(p, lang);
    };
    if (ui::password_input(tr(lang, forced ? Msg::one_time_password : Msg::current_password), current_)) done_ = false;
    message("current_password", current_);
    if (ui::password_input(tr(lang, Msg::new_password), next_)) done_ = false;
    ui::muted(tr(lang, Msg::password_rule));
    message("new_password", next_);
    if (ui::password_input(tr(lang, Msg::repeat_new_password), repeat_)) done_ = false;
    message("repeat_password", repeat_);
    for (const auto& p : problems_) {
        if (p.field != "current_password" && p.field != "new_password" && p.field != "repeat_password") {
            ui::field_error(&p, lang);
        }
    }
    ImGui::Spacing();
    Next next = Next::stay;
    ImGui::BeginDisabled(!local.empty() || busy_);
    if (ui::primary_button(tr(lang, Msg::save_new_password))) {
        busy_ = true;
        problems_.clear();
        ctx.session.change_password(current_, next_, [this](const Problems& problems) {
            busy_ = false;
            problems_ = problems;
            if (problems.empty()) {
                current_.clear();
                next_.clear();
                repeat_.clear();
                done_ = true;
            }
        });
    }
    ImGui::EndDisabled();
    if (busy_) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::working));
    } else if (!local.empty()) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::form_incomplete));
    }
    if (done_) {
        // Shown once, then the caller goes home; a later visit starts with an empty form.
        done_ = false;
        next = Next::done;
    }
    if (!forced) {
        ImGui::Spacing();
        if (ui::button(tr(lang, Msg::back))) next = Next::back;
    }
    return next;
}

}  // namespace alis::web
