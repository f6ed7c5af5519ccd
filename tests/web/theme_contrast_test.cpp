// WCAG 2.1 AA contrast of the theme, computed from its own values (the style apply_style builds and
// the colours the widgets use): text 4.5:1 against every background it is drawn on, large text
// (the 32 px title) and the borders and marks that show a control 3:1 (1.4.3, 1.4.11).
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "theme.hpp"
#include "widgets.hpp"

using namespace alis::web;

namespace {

double channel(float c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(const ImVec4& c) { return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z); }
double contrast(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A colour with alpha as it shows over an opaque one.
ImVec4 over(const ImVec4& top, const ImVec4& below) {
    const float a = top.w;
    return {top.x * a + below.x * (1 - a), top.y * a + below.y * (1 - a), top.z * a + below.z * (1 - a), 1};
}

struct Style {
    Style() {
        context = ImGui::CreateContext();
        theme::apply_style(ImGui::GetStyle(), 1.0f);
    }
    ~Style() { ImGui::DestroyContext(context); }
    ImVec4 operator[](ImGuiCol col) const { return ImGui::GetStyle().Colors[col]; }
    ImGuiContext* context;
};

void check_at_least(const char* what, const ImVec4& fg, const ImVec4& bg, double minimum) {
    const double ratio = contrast(fg, bg);
    CHECK_MESSAGE(ratio >= minimum, std::string(what) << ": " << ratio << ":1, needs " << minimum << ":1");
}

}  // namespace

TEST_CASE("the contrast formula gives WCAG's known values") {
    CHECK(contrast({0, 0, 0, 1}, {1, 1, 1, 1}) == doctest::Approx(21.0));
    CHECK(contrast({1, 1, 1, 1}, {1, 1, 1, 1}) == doctest::Approx(1.0));
    // #767676 on white is the lightest grey with 4.5:1.
    const float g = 0x76 / 255.0f;
    CHECK(contrast({g, g, g, 1}, {1, 1, 1, 1}) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("every text colour of the theme has 4.5:1 against the backgrounds it is drawn on") {
    Style s;
    const ImGuiCol backgrounds[] = {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_FrameBg,
                                    ImGuiCol_FrameBgHovered, ImGuiCol_FrameBgActive, ImGuiCol_Button,
                                    ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive, ImGuiCol_Header,
                                    ImGuiCol_HeaderHovered, ImGuiCol_Tab, ImGuiCol_TabHovered, ImGuiCol_TabActive,
                                    ImGuiCol_TableHeaderBg, ImGuiCol_TableRowBgAlt};
    // Translucent fills (table rows, headers) are checked as they show over a page and over a card.
    for (ImGuiCol bg : backgrounds) {
        for (ImGuiCol under : {ImGuiCol_WindowBg, ImGuiCol_ChildBg}) {
            const std::string name = std::string(ImGui::GetStyleColorName(bg)) + " over " + ImGui::GetStyleColorName(under);
            check_at_least(("text on " + name).c_str(), s[ImGuiCol_Text], over(s[bg], s[under]), 4.5);
        }
    }
    // The current language's button is drawn on kBorder.
    check_at_least("text on the current language's button", s[ImGuiCol_Text], theme::kBorder, 4.5);
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg}) {
        check_at_least("muted text", theme::kMuted, s[bg], 4.5);
        check_at_least("warning", ui::kWarning, s[bg], 4.5);
        check_at_least("caution", ui::kCaution, s[bg], 4.5);
        check_at_least("good", ui::kGood, s[bg], 4.5);
        check_at_least("title (accent)", theme::kAccent, s[bg], 4.5);
    }
    for (const ImVec4& bg : {theme::kAccent, theme::kAccentHovered, theme::kAccentActive}) {
        check_at_least("text on a primary button", theme::kOnAccent, bg, 4.5);
    }
}

TEST_CASE("a field's border, a check mark and the focus ring have 3:1") {
    Style s;
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_FrameBg}) {
        check_at_least("field border", over(s[ImGuiCol_Border], s[bg]), s[bg], 3.0);
    }
    check_at_least("check mark", over(s[ImGuiCol_CheckMark], s[ImGuiCol_FrameBg]), s[ImGuiCol_FrameBg], 3.0);
    // The mirror's focus ring (shell/browser/style.css: #004c8c) around any item.
    const ImVec4 ring{0x00 / 255.0f, 0x4c / 255.0f, 0x8c / 255.0f, 1};
    CHECK(ring.y == doctest::Approx(theme::kAccent.y).epsilon(0.02));
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_Button, ImGuiCol_FrameBg, ImGuiCol_TabActive}) {
        check_at_least("focus ring", ring, s[bg], 3.0);
    }
}
