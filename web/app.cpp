#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>
#include <nlohmann/json.hpp>

#include "i18n.hpp"
#include "role_home.hpp"
#include "screen_login.hpp"
#include "screen_password.hpp"
#include "screen_register.hpp"
#include "status_bar.hpp"
#include "theme.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {
constexpr const char* kSettingsFile = "settings.json";
}

const char* screen_name(Screen screen) {
    switch (screen) {
        case Screen::start: return "start";
        case Screen::log_in: return "log_in";
        case Screen::register_gp: return "register_gp";
        case Screen::home: return "home";
        case Screen::change_password: return "change_password";
    }
    return "?";
}

App::App(Platform& platform)
    : platform_(platform),
      session_(platform),
      login_(std::make_unique<LoginScreen>()),
      register_(std::make_unique<RegisterScreen>()),
      home_(std::make_unique<RoleHome>()),
      password_(std::make_unique<PasswordScreen>()) {
    // A damaged settings file must not keep the portal from opening: fall back to the defaults.
    const json saved = json::parse(platform_.read_file(kSettingsFile), nullptr, false);
    if (saved.is_object() && saved.contains("language") && saved["language"].is_string()) {
        if (auto lang = language_from_code(saved["language"].get<std::string>())) language_ = *lang;
    }
    session_.restore();
}

App::~App() = default;

Screen App::screen() const {
    if (!session_.logged_in()) return screen_;
    const bool password = changing_password_ || session_.user().must_change_password;
    return password ? Screen::change_password : Screen::home;
}

void App::set_language(Language lang) {
    if (lang == language_) return;
    language_ = lang;
    platform_.write_file(kSettingsFile, json{{"language", std::string(language_code(lang))}}.dump());
}

std::string App::route() const {
    std::string route = std::string("#/") + screen_name(screen());
    if (screen() == Screen::home && !home_->open_page().empty()) route += "/" + home_->open_page();
    return route;
}

std::string App::page_title() const {
    const char* portal = tr(language_, Msg::portal_name);
    std::string name;
    switch (screen()) {
        case Screen::start: return portal;
        case Screen::log_in: name = tr(language_, Msg::log_in); break;
        case Screen::register_gp: name = tr(language_, Msg::register_gp); break;
        case Screen::change_password: name = tr(language_, Msg::change_password); break;
        case Screen::home:
            // The open page names the page (a tab on a wide screen, the "Skjerm" combo's choice on a narrow one).
            name = home_->open_label();
            break;
    }
    return name.empty() ? std::string(portal) : name + " – " + portal;
}

bool App::open_route(const std::string& route) {
    const std::string prefix = "#/";
    const std::string name = route.rfind(prefix, 0) == 0 ? route.substr(prefix.size()) : route;
    if (name.empty()) return open_route("#/start");
    const std::string home = std::string(screen_name(Screen::home)) + "/";
    const std::string page = name.rfind(home, 0) == 0 ? name.substr(home.size()) : "";
    if (session_.logged_in()) {
        if (screen() == Screen::home && !page.empty()) return home_->open_page(session_.user().role, page);
        return name == screen_name(screen());
    }
    if (!page.empty()) {
        wanted_page_ = page;
        go(Screen::log_in);
        return true;
    }
    for (Screen s : {Screen::start, Screen::log_in, Screen::register_gp}) {
        if (name == screen_name(s)) {
            go(s);
            return true;
        }
    }
    return false;
}

bool App::busy() const { return session_.status().in_flight; }

double App::next_frame_due() const { return session_.next_sync_due(); }

void App::frame() {
    ++frames_;
    session_.tick();
    if (session_.take_account_deleted()) go(Screen::start);  // the GP deleted their account
    probe::begin_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // A phone's 320 CSS px cannot spare 24 px on each side.
    const bool narrow = theme::narrow();
    if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * theme::scale(), 10 * theme::scale()));
    ImGui::Begin("##portal", nullptr, flags);
    if (narrow) ImGui::PopStyleVar();
    draw_top_bar();
    drawn_ = screen();  // what the rest of the frame draws: the top bar may have logged out
    Context ctx{session_, platform_, language_};
    if (session_.logged_in() && screen() == Screen::change_password) {
        // A one-time password must be replaced before anything else is shown (the server refuses the
        // rest until then); a voluntary change can go back.
        const bool forced = session_.user().must_change_password;
        if (password_->draw(ctx, forced) != PasswordScreen::Next::stay) changing_password_ = false;
    } else if (session_.logged_in()) {
        // The page a link asked for before log-in, if this role has it.
        if (!wanted_page_.empty()) home_->open_page(session_.user().role, std::exchange(wanted_page_, std::string()));
        draw_status_bar(ctx);
        home_->draw(ctx);
    } else {
        switch (screen_) {
            case Screen::start:
            case Screen::home:
            case Screen::change_password: draw_start(); break;  // the last two need a log-in
            case Screen::log_in:
                if (login_->draw(ctx) == LoginScreen::Next::register_gp) go(Screen::register_gp);
                break;
            case Screen::register_gp:
                if (register_->draw(ctx) == RegisterScreen::Next::log_in) go(Screen::log_in);
                break;
        }
        if (screen_ != Screen::start) {
            ImGui::Spacing();
            if (ui::button(tr(language_, Msg::back))) go(Screen::start);
        }
    }
    ImGui::End();
}

void App::draw_menu(const char* change_password, const char* log_out, const char* const* labels, const Language* langs) {
    static const Text kMenu{"Meny", "Meny", "Menu"};
    const char* menu = kMenu.in(language_).c_str();
    const float right = ImGui::GetWindowContentRegionMax().x - ui::button_width(menu);
    if (right >= ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x) ImGui::SameLine(right);
    if (ui::button(menu)) ImGui::OpenPopup("##menu");
    // Under the button, its right edge on the button's.
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y), ImGuiCond_Always, ImVec2(1, 0));
    if (!ImGui::BeginPopup("##menu")) return;
    const float width = std::max({ui::button_width(change_password), ui::button_width(log_out), ui::button_width(labels[0]),
                                  ui::button_width(labels[1]), ui::button_width(labels[2])});
    if (ui::button(change_password, ImVec2(width, 0))) {
        changing_password_ = true;
        ImGui::CloseCurrentPopup();
    }
    if (ui::button(log_out, ImVec2(width, 0))) {
        ImGui::CloseCurrentPopup();
        session_.log_out();
        changing_password_ = false;
        go(Screen::start);
    }
    ImGui::Separator();
    for (int i = 0; i < 3; ++i) {
        const bool current = langs[i] == language_;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, theme::kBorder);
        if (ui::button(labels[i], ImVec2(width, 0))) {
            set_language(langs[i]);
            ImGui::CloseCurrentPopup();
        }
        if (current) ImGui::PopStyleColor();
    }
    ImGui::EndPopup();
}

void App::draw_top_bar() {
    probe::set_banner(true);  // the mirror's <header>; the skip link jumps past it
    ui::heading(tr(language_, Msg::portal_name));
    const char* labels[] = {"Bokmål##lang-nb", "Nynorsk##lang-nn", "English##lang-en"};
    const Language langs[] = {Language::bokmal, Language::nynorsk, Language::english};
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* log_out = tr(language_, Msg::log_out);
    const char* change_password = tr(language_, Msg::change_password);
    const float gap = style.ItemSpacing.x;
    if (session_.logged_in() && theme::narrow()) {
        // A phone: the five buttons would take two rows above every page; one "Meny" beside the
        // name opens them.
        draw_menu(change_password, log_out, labels, langs);
        probe::set_banner(false);
        ImGui::Separator();
        return;
    }
    float width = 0;
    for (const char* l : labels) width += ui::button_width(l) + gap;
    if (session_.logged_in()) width += ui::button_width(log_out) + ui::button_width(change_password) + gap * 4;
    // Right of the name when there is room; on a narrow screen (a phone) on rows of their own that
    // wrap, so they never cover the name nor run past the right edge (WCAG 1.4.10).
    const float right = ImGui::GetWindowContentRegionMax().x - width - 4 * theme::scale();
    const bool beside = right >= ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + gap;
    if (beside) ImGui::SameLine(right);
    bool first = true;
    auto place = [&](const char* label, float spacing = -1.0f) {
        if (!first) ui::same_line_if_fits(ui::button_width(label), spacing);
        first = false;
    };
    if (session_.logged_in()) {
        place(change_password);
        if (ui::button(change_password)) changing_password_ = true;
        place(log_out);
        if (ui::button(log_out)) {
            session_.log_out();
            changing_password_ = false;
            go(Screen::start);
        }
    }
    for (int i = 0; i < 3; ++i) {
        place(labels[i], i == 0 && session_.logged_in() ? gap * 3 : -1.0f);
        const bool current = langs[i] == language_;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, theme::kBorder);
        if (ui::button(labels[i])) set_language(langs[i]);
        if (current) ImGui::PopStyleColor();
    }
    probe::set_banner(false);
    ImGui::Separator();
    ImGui::Spacing();
}

}  // namespace alis::web
