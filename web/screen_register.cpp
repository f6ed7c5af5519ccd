#include "screen_register.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "forms.hpp"
#include "i18n.hpp"
#include "widgets.hpp"

namespace alis::web {

Problems check_registration(const std::string& name, const std::string& email, const std::string& username,
                            const std::string& password) {
    Problems out;
    const Text required{"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."};
    if (name.empty()) out.push_back({"name", "required", required});
    if (email.empty()) {
        out.push_back({"email", "required", required});
    } else if (email.find('@') == std::string::npos || email.find(' ') != std::string::npos) {
        out.push_back({"email", "email_format",
                       {"E-postadressen må ha formen navn@domene.no.", "E-postadressa må ha forma namn@domene.no.",
                        "The e-mail address must look like name@domain.no."}});
    }
    if (username.size() < 3) {
        out.push_back({"username", "username_format",
                       {"Brukernavnet må ha minst 3 tegn.", "Brukarnamnet må ha minst 3 teikn.",
                        "The username must have at least 3 characters."}});
    }
    if (password.size() < 10) {
        out.push_back({"password", "password_length",
                       {"Passordet må ha minst 10 tegn.", "Passordet må ha minst 10 teikn.",
                        "The password must have at least 10 characters."}});
    }
    return out;
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
