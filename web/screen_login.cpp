#include "screen_login.hpp"

#include <imgui.h>

#include "forms.hpp"
#include "i18n.hpp"
#include "widgets.hpp"

namespace alis::web {

LoginScreen::Next LoginScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    ui::title(tr(lang, Msg::log_in_title));
    ImGui::Spacing();
    ui::text_input(tr(lang, Msg::username), username_);
    ui::field_error(ui::problem_for(problems_, "username"), lang);
    const bool entered = ui::text_input(tr(lang, Msg::password), password_, 0,
                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ui::field_error(ui::problem_for(problems_, "password"), lang);
    for (const auto& p : problems_) {
        if (p.field != "username" && p.field != "password") ui::field_error(&p, lang);
    }
    ImGui::Spacing();
    const bool ready = !username_.empty() && !password_.empty() && !busy_;
    ImGui::BeginDisabled(!ready);
    if ((ui::primary_button(tr(lang, Msg::log_in)) || (entered && ready))) {
        busy_ = true;
        problems_.clear();
        ctx.session.log_in(username_, password_, [this](const Problems& problems) {
            busy_ = false;
            problems_ = problems;
            if (problems.empty()) password_.clear();
        });
    }
    ImGui::EndDisabled();
    if (busy_) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::working));
    }
    ImGui::Spacing();
    return ui::button(tr(lang, Msg::no_account)) ? Next::register_gp : Next::stay;
}

}  // namespace alis::web
