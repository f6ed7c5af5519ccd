#include "ui_probe.hpp"

#include <imgui.h>

#include <cstring>

namespace alis::web::probe {

namespace {
std::vector<Item> g_items;
}

void begin_frame() { g_items.clear(); }

void record_last_item(const char* label) {
    const char* hidden = std::strstr(label, "##");
    std::string visible = hidden ? std::string(label, hidden) : std::string(label);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    g_items.push_back({std::move(visible), min.x, min.y, max.x - min.x, max.y - min.y});
}

void record(std::string label, float x, float y, float w, float h) {
    g_items.push_back({std::move(label), x, y, w, h});
}

const std::vector<Item>& items() { return g_items; }

const Item* find(const std::string& label) {
    for (const auto& item : g_items) {
        if (item.label == label) return &item;
    }
    return nullptr;
}

}  // namespace alis::web::probe
