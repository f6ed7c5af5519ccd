#pragma once
// Runs the app's frames in an ImGui context with no window, and clicks items by their visible label
// the way a mouse would: move there, press, release.
#include <imgui.h>

#include <stdexcept>
#include <string>

#include "app.hpp"
#include "theme.hpp"
#include "ui_probe.hpp"

namespace alis::web::testing {

class Headless {
public:
    explicit Headless(float width = 1280, float height = 800) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        theme::load_fonts(io, nullptr, 1.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        theme::apply_style(ImGui::GetStyle(), 1.0f);
    }
    ~Headless() { ImGui::DestroyContext(context_); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    void frame(App& app) {
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
    }

    bool shows(const std::string& label) const { return probe::find(label) != nullptr; }
    // Whether an item in the last frame has a label containing `text` (a sentence inside a paragraph).
    bool shows_part(const std::string& text) const {
        for (const auto& item : probe::items()) {
            if (item.label.find(text) != std::string::npos) return true;
        }
        return false;
    }

    // Clicks the field and types, as a keyboard would (UTF-8, so æ ø å too).
    // The field, not a column header of the same name ("Fra" above a table of periods).
    void type(App& app, const std::string& label, const std::string& text) {
        const probe::Item* field = nullptr;
        for (const auto& item : probe::items()) {
            if (!field && item.label == label && item.role == probe::Role::textbox) field = &item;
        }
        if (!field) throw std::runtime_error("no field labelled '" + label + "' in the last frame");
        click_at(app, *field);
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frame(app);
        frame(app);
    }

    void click(App& app, const std::string& label) {
        const probe::Item* item = probe::find(label);
        if (!item) throw std::runtime_error("no item labelled '" + label + "' in the last frame");
        click_at(app, *item);
    }

    void click_at(App& app, const probe::Item& at) {
        const probe::Item item = at;  // the frames below replace the probe's items
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(item.x + item.w / 2, item.y + item.h / 2);
        frame(app);
        io.MouseDown[0] = true;
        frame(app);
        io.MouseDown[0] = false;
        frame(app);  // the click lands here, in the middle of the frame
        frame(app);  // and this frame shows its result
    }

private:
    ImGuiContext* context_;
};

}  // namespace alis::web::testing
