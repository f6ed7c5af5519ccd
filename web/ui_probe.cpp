#include "ui_probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the enclosing table and tab bar, the item's disabled flag

#include <cstring>
#include <unordered_set>
#include <utility>

namespace alis::web::probe {

namespace {
std::vector<Item> g_items;
std::unordered_set<std::uint32_t> g_keys;  // keys used in this frame
bool g_banner = false;
std::uint32_t g_focus_request = 0;
// The current row of a clipped table, as numbered by the screen: for ImGui's row `imgui_row` of table `table`.
struct { std::uint32_t table = 0; int imgui_row = -1, row = -1; } g_row;
struct { std::uint32_t table = 0; int rows = 0; } g_rows;

// A key no other item of this frame has: the same text twice in one window (two "Slett" buttons
// under different ids have different ImGui ids already) gets the next free hash.
std::uint32_t unique_key(std::uint32_t key) {
    if (key == 0) key = 1;
    while (!g_keys.insert(key).second) key = ImHashData(&key, sizeof key, 0x9e3779b9u);
    return key;
}

bool is_field(Role role) { return role == Role::textbox || role == Role::combobox || role == Role::checkbox; }
}  // namespace

const char* role_name(Role role) {
    switch (role) {
        case Role::text: return "text";
        case Role::heading: return "heading";
        case Role::title: return "title";
        case Role::button: return "button";
        case Role::tab: return "tab";
        case Role::textbox: return "textbox";
        case Role::checkbox: return "checkbox";
        case Role::combobox: return "combobox";
        case Role::option: return "option";
        case Role::columnheader: return "columnheader";
        case Role::cell: return "cell";
        case Role::status: return "status";
        case Role::alert: return "alert";
    }
    return "text";
}

void number_row(int row) {
    if (const ImGuiTable* table = GImGui->CurrentTable) g_row = {table->ID, table->CurrentRow, row};
}

void number_rows(int rows) {
    if (const ImGuiTable* table = GImGui->CurrentTable) g_rows = {table->ID, rows};
}

void begin_frame() {
    g_row = {};
    g_rows = {};
    g_items.clear();
    g_keys.clear();
    g_banner = false;
}

void record_last_item(const char* label, Role role, std::string value, std::uint8_t state) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    if (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) state |= kDisabled;
    record_item(label, role, std::move(value), state, GImGui->LastItemData.ID, min.x, min.y, max.x - min.x, max.y - min.y);
}

void record_item(const char* label, Role role, std::string value, std::uint8_t state, std::uint32_t id, float x, float y,
                 float w, float h) {
    const char* hidden = std::strstr(label, "##");
    std::string visible = hidden ? std::string(label, hidden) : std::string(label);
    Item item;
    item.label = std::move(visible);
    item.x = x, item.y = y, item.w = w, item.h = h;
    const ImGuiContext& g = *GImGui;
    // Text has no ImGui id: its key is its text hashed in the current id scope.
    std::uint32_t key = id;
    if (key == 0 || role == Role::text || role == Role::heading || role == Role::title || role == Role::cell) {
        key = ImGui::GetID(label) ^ (key * 0x9e3779b9u);
    }
    if (ImGuiTable* table = g.CurrentTable) {
        item.group = table->ID;
        const bool numbered = g_row.table == table->ID && g_row.imgui_row == table->CurrentRow;
        item.row = role == Role::columnheader ? -1 : numbered ? g_row.row : table->CurrentRow;
        if (role == Role::columnheader && g_rows.table == table->ID) item.row_count = g_rows.rows;
        if (role == Role::text) role = Role::cell;
        const ImGuiWindow* inner = table->InnerWindow;
        if (inner && inner != table->OuterWindow && g.CurrentWindow == inner && table->CurrentRow >= table->FreezeRowsCount &&
            role != Role::columnheader) {
            item.scrolls_y = true;
            item.scroll_y = inner->Scroll.y;
        }
    } else if (role == Role::tab && g.CurrentTabBar) {
        item.group = g.CurrentTabBar->ID;
    }
    // Reflow tests let an item run past the page's edge only inside a region that scrolls sideways.
    if (const ImGuiWindow* window = g.CurrentWindow) {
        item.clip_right = window->DrawList->GetClipRectMax().x;
        item.scrolls_x = window->ScrollbarX;  // a child window or a table with ImGuiTableFlags_ScrollX
        item.window = window->ID;
    }
    item.role = role;
    item.key = unique_key(key);
    item.value = std::move(value);
    item.state = state;
    item.banner = g_banner;
    g_items.push_back(std::move(item));
}

void record(std::string label, float x, float y, float w, float h) {
    const std::uint32_t key = unique_key(ImHashStr(label.c_str(), label.size(), 0x7469u));
    Item item;
    item.label = std::move(label);
    item.x = x, item.y = y, item.w = w, item.h = h;
    item.key = key;
    g_items.push_back(std::move(item));
}

void set_banner(bool banner) { g_banner = banner; }

void mark_field_invalid() {
    if (g_items.size() < 2) return;
    Item& message = g_items.back();
    for (auto it = g_items.rbegin() + 1; it != g_items.rend(); ++it) {
        // Another error before a field: this message is about the form, not a field.
        if (it->role == Role::alert) return;
        if (!is_field(it->role)) continue;
        it->state |= kInvalid;
        it->described_by = message.key;
        if (message.role == Role::text) message.role = Role::alert;
        return;
    }
}

const std::vector<Item>& items() { return g_items; }

const Item* find(const std::string& label) {
    for (const auto& item : g_items) {
        if (item.label == label) return &item;
    }
    return nullptr;
}

void request_focus(std::uint32_t key) { g_focus_request = key; }

std::uint32_t take_focus_request() { return std::exchange(g_focus_request, 0); }

}  // namespace alis::web::probe
