#include "screen_register.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "alis/sync/account.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "widgets.hpp"

namespace alis::web {

Problems check_registration(const std::string& name, const std::string& email, const std::string& username,
                            const std::string& password) {
    // No common-password dictionary in the browser: the server's `common_password` shows on the field.
    return sync::check_registration({username, password, name, email, ""});
}

RegisterScreen::Next RegisterScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    ui::title(tr(lang, Msg::register_gp));
    ImGui::Spacing();
    const Problems local = check_registration(name_, email_, username_, password_);
    // A field's own message shows once the person has typed in it; the server's always show.
    auto message = [&](const char* field, const std::string& value) {
        const Problem* p = ui::problem_for(problems_, field);
        if (!p && !value.empty()) p = ui::problem_for(local, field);
        ui::field_error(p, lang);
    };
    ui::text_input(tr(lang, Msg::full_name), name_);
    message("name", name_);
    ui::text_input(tr(lang, Msg::email), email_);
    message("email", email_);
    ui::text_input(tr(lang, Msg::username), username_);
    message("username", username_);
    ui::password_input(tr(lang, Msg::password), password_);
    ui::muted(tr(lang, Msg::password_rule));
    message("password", password_);
    for (const auto& p : problems_) {
        if (p.field != "name" && p.field != "email" && p.field != "username" && p.field != "password") {
            ui::field_error(&p, lang);
        }
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!local.empty() || busy_);
    if (ui::primary_button(tr(lang, Msg::create_account))) {
        busy_ = true;
        problems_.clear();
        const nlohmann::json form = {{"name", name_}, {"email", email_}, {"username", username_},
                                     {"password", password_}, {"language", std::string(language_code(lang))}};
        ctx.session.register_gp(form, [this](const Problems& problems) {
            busy_ = false;
            problems_ = problems;
            if (problems.empty()) password_.clear();
        });
    }
    ImGui::EndDisabled();
    if (!local.empty()) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::form_incomplete));
    }
    ImGui::Spacing();
    return ui::button(tr(lang, Msg::log_in)) ? Next::log_in : Next::stay;
}

}  // namespace alis::web
