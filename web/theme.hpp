#pragma once
// The portal's look: colours, spacing and fonts, scaled for the display's pixel ratio.
#include <imgui.h>

namespace alis::web::theme {

inline const ImVec4 kBackground{0.965f, 0.969f, 0.976f, 1.0f};
inline const ImVec4 kSurface{1.0f, 1.0f, 1.0f, 1.0f};
inline const ImVec4 kText{0.11f, 0.13f, 0.17f, 1.0f};
inline const ImVec4 kMuted{0.38f, 0.42f, 0.48f, 1.0f};
inline const ImVec4 kBorder{0.84f, 0.86f, 0.90f, 1.0f};  // separators (decoration only)
// The outline of fields and cards: 3:1 against every fill it borders (WCAG 1.4.11), so a field
// can be seen as one without its fill (tests/web/theme_contrast_test.cpp).
inline const ImVec4 kFieldBorder{0.46f, 0.49f, 0.55f, 1.0f};
inline const ImVec4 kAccent{0.0f, 0.30f, 0.55f, 1.0f};  // a deep hospital blue
inline const ImVec4 kAccentHovered{0.0f, 0.36f, 0.65f, 1.0f};
inline const ImVec4 kAccentActive{0.0f, 0.24f, 0.45f, 1.0f};
inline const ImVec4 kOnAccent{1.0f, 1.0f, 1.0f, 1.0f};

constexpr float kBodyPx = 17.0f;
constexpr float kHeadingPx = 21.0f;
constexpr float kTitlePx = 32.0f;

// Loads body, heading and title fonts from a TrueType file at `scale` (the device pixel ratio), with
// the glyphs Norwegian text needs (æ ø å « » – ’ “ ” … €). Falls back to ImGui's built-in font when
// the file cannot be read, so tests run without one.
void load_fonts(ImGuiIO& io, const char* ttf_path, float scale);
ImFont* heading_font();
ImFont* title_font();

// Light theme; sizes scaled by `scale`. On a touch screen (`touch`: the browser's pointer is coarse)
// every control is at least kTouchTargetPx high (WCAG 2.5.5's 44 CSS px).
void apply_style(ImGuiStyle& style, float scale, bool touch = false);

constexpr float kTouchTargetPx = 44.0f;
// Below this width in CSS px (a phone, or 400 % zoom) the frame lays out for a narrow screen: less
// padding, the top bar's buttons wrap, and the role's tabs become one "Skjerm" combo (WCAG 1.4.10).
constexpr float kNarrowPx = 600.0f;

// What the last apply_style was given: device pixels per CSS px, and whether the pointer is coarse.
float scale();
bool touch();
// Whether the main viewport is narrower than kNarrowPx CSS px.
bool narrow();
// The smallest width of a control: kTouchTargetPx on touch screens, else 0.
float min_target();

}  // namespace alis::web::theme
