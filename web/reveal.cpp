#include "reveal.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByID, SetScrollX/Y on a given window

namespace alis::web {

namespace {

// How far `visible` must move along one axis so that [low, high] is inside it; a span larger than
// the region shows its start (a tall cell's first line, where its text begins).
float shift(float low, float high, float visible_low, float visible_high) {
    if (low < visible_low || high - low > visible_high - visible_low) return low - visible_low;
    if (high > visible_high) return high - visible_high;
    return 0;
}

}  // namespace

bool reveal(const probe::Item& item) {
    ImGuiWindow* window = item.window ? ImGui::FindWindowByID(item.window) : nullptr;
    if (!window) return false;
    ImRect rect(item.x, item.y, item.x + item.w, item.y + item.h);
    bool moved = false;
    // From the item's own region outwards: a row of a scrolling table in a scrolled page moves the
    // table, and then the page so that the table's part holding the row is in view.
    for (; window; window = window->ParentWindow) {
        const ImRect visible = window->InnerClipRect;
        const float dy = window->ScrollMax.y > 0 ? shift(rect.Min.y, rect.Max.y, visible.Min.y, visible.Max.y) : 0;
        const float dx = window->ScrollMax.x > 0 ? shift(rect.Min.x, rect.Max.x, visible.Min.x, visible.Max.x) : 0;
        // Scroll never goes past its ends; what it could not move stays where it is.
        const float to_y = ImClamp(window->Scroll.y + dy, 0.0f, window->ScrollMax.y);
        const float to_x = ImClamp(window->Scroll.x + dx, 0.0f, window->ScrollMax.x);
        if (to_y != window->Scroll.y) ImGui::SetScrollY(window, to_y), moved = true;
        if (to_x != window->Scroll.x) ImGui::SetScrollX(window, to_x), moved = true;
        rect.Translate(ImVec2(window->Scroll.x - to_x, window->Scroll.y - to_y));
        rect.ClipWith(visible);
        if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return moved;
}

}  // namespace alis::web
