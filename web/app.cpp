#include "app.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "i18n.hpp"
#include "theme.hpp"
#include "ui_probe.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

const char* screen_name(Screen screen) {
    switch (screen) {
        case Screen::start: return "start";
        case Screen::log_in: return "log_in";
        case Screen::register_gp: return "register_gp";
    }
    return "?";
}

App::App(SettingsStore& settings) : settings_(settings) {
    // A damaged settings file must not keep the portal from opening: fall back to the defaults.
    const json saved = json::parse(settings_.load(), nullptr, false);
    if (saved.is_object() && saved.contains("language") && saved["language"].is_string()) {
        if (auto lang = language_from_code(saved["language"].get<std::string>())) language_ = *lang;
    }
}

void App::set_language(Language lang) {
    if (lang == language_) return;
    language_ = lang;
    settings_.save(json{{"language", std::string(language_code(lang))}}.dump());
}

void App::frame() {
    ++frames_;
    probe::begin_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##portal", nullptr, flags);
    draw_top_bar();
    switch (screen_) {
        case Screen::start: draw_start(); break;
        case Screen::log_in:
        case Screen::register_gp: draw_not_yet(); break;
    }
    ImGui::End();
}

void App::draw_top_bar() {
    ui::heading(tr(language_, Msg::portal_name));
    const float scale = ImGui::GetFontSize() / theme::kBodyPx;
    const char* labels[] = {"Bokmål##lang-nb", "Nynorsk##lang-nn", "English##lang-en"};
    const Language langs[] = {Language::bokmal, Language::nynorsk, Language::english};
    float width = 0;
    for (const char* l : labels) {
        width += ImGui::CalcTextSize(l, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width - 4 * scale);
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        const bool current = langs[i] == language_;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, theme::kBorder);
        if (ui::button(labels[i])) set_language(langs[i]);
        if (current) ImGui::PopStyleColor();
    }
    ImGui::Separator();
    ImGui::Spacing();
}

}  // namespace alis::web
