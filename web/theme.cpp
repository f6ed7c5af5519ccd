#include "theme.hpp"

#include <cstdio>

namespace alis::web::theme {

namespace {
ImFont* g_heading = nullptr;
ImFont* g_title = nullptr;
float g_scale = 1.0f;
bool g_touch = false;

bool readable(const char* path) {
    if (!path) return false;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) return false;
    std::fclose(f);
    return true;
}
}  // namespace

void load_fonts(ImGuiIO& io, const char* ttf_path, float scale) {
    static const ImWchar kRanges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 (æ ø å « »)
        0x2010, 0x2027,  // dashes, quotes, ellipsis
        0x20AC, 0x20AC,  // €
        0,
    };
    io.Fonts->Clear();
    if (readable(ttf_path)) {
        ImFontConfig config;
        config.OversampleH = 2;
        io.Fonts->AddFontFromFileTTF(ttf_path, kBodyPx * scale, &config, kRanges);
        g_heading = io.Fonts->AddFontFromFileTTF(ttf_path, kHeadingPx * scale, &config, kRanges);
        g_title = io.Fonts->AddFontFromFileTTF(ttf_path, kTitlePx * scale, &config, kRanges);
    } else {
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&config);
        g_heading = g_title = nullptr;
    }
    io.Fonts->Build();
}

ImFont* heading_font() { return g_heading ? g_heading : ImGui::GetFont(); }
ImFont* title_font() { return g_title ? g_title : ImGui::GetFont(); }

float scale() { return g_scale; }
bool touch() { return g_touch; }
bool narrow() { return ImGui::GetMainViewport()->Size.x < kNarrowPx * g_scale; }
float min_target() { return g_touch ? kTouchTargetPx * g_scale : 0.0f; }

void apply_style(ImGuiStyle& style, float scale, bool touch) {
    g_scale = scale;
    g_touch = touch;
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 5.0f;
    style.GrabRounding = 4.0f;
    style.WindowPadding = ImVec2(24, 20);
    style.FramePadding = ImVec2(12, 7);
    style.ItemSpacing = ImVec2(10, 10);
    if (touch) {
        // A frame is the font's height plus twice the padding: 17 + 2 x 14 = 45 CSS px, so buttons,
        // fields, combos, checkboxes (their square is the frame's height) and tabs are touch targets.
        style.FramePadding = ImVec2(14, (kTouchTargetPx + 1 - kBodyPx) / 2);
        style.ItemInnerSpacing = ImVec2(10, 6);
    }
    style.ChildBorderSize = 1.0f;
    style.WindowBorderSize = 0.0f;
    style.Colors[ImGuiCol_WindowBg] = kBackground;
    style.Colors[ImGuiCol_ChildBg] = kSurface;
    style.Colors[ImGuiCol_Text] = kText;
    style.Colors[ImGuiCol_Border] = kFieldBorder;
    style.Colors[ImGuiCol_Separator] = kBorder;
    // Inputs need to stand out on white cards: a light fill and a hairline border.
    style.FrameBorderSize = 1.0f;
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.97f, 0.975f, 0.985f, 1.0f);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.95f, 0.98f, 1.0f);
    style.Colors[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.93f, 0.98f, 1.0f);
    style.Colors[ImGuiCol_CheckMark] = kAccent;
    style.Colors[ImGuiCol_Header] = ImVec4(0.86f, 0.90f, 0.96f, 1.0f);
    style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_Tab] = ImVec4(0.88f, 0.90f, 0.94f, 1.0f);
    style.Colors[ImGuiCol_TabHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_TabActive] = ImVec4(0.76f, 0.84f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_Button] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.84f, 0.88f, 0.94f, 1.0f);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.83f, 0.91f, 1.0f);
    style.ScaleAllSizes(scale);
}

}  // namespace alis::web::theme
