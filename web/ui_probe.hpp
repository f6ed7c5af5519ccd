#pragma once
// Records what each frame showed: the visible label, screen rectangle and meaning (role, value and
// state) of every widget drawn through web/widgets.hpp and web/forms.hpp. Tests (headless, and the
// browser's end-to-end tests through the shell's JavaScript hook) use it to find and click items as
// a person would, by what they read; the browser shell turns it into the accessible mirror of the
// frame (web/a11y_mirror.hpp, docs/accessibility.md).
#include <cstdint>
#include <string>
#include <vector>

namespace alis::web::probe {

// What an item is to assistive technology: an ARIA role (a11y_mirror.cpp names them).
enum class Role : std::uint8_t { text, heading, title, button, tab, textbox, checkbox, combobox, option,
                                 columnheader, cell, status, alert };
const char* role_name(Role role);

// State bits of an item.
enum State : std::uint8_t {
    kChecked = 1, kSelected = 2, kExpanded = 4, kDisabled = 8, kInvalid = 16, kPassword = 32, kMultiline = 64,
};

struct Item {
    std::string label;  // visible text, without ImGui's "##id" suffix
    float x = 0, y = 0, w = 0, h = 0;  // in display pixels
    Role role = Role::text;
    std::uint32_t key = 0;         // ImGui's id of the item (a hash for text), unique in the frame
    std::string value;             // a field's text or a combo's choice
    std::uint8_t state = 0;        // State bits
    std::uint32_t described_by = 0;  // key of the item explaining an invalid field
    std::uint32_t group = 0;       // ImGui id of the table or tab bar the item is in, 0: none
    int row = -1;                  // the table row, -1: none (or the header row)
    bool banner = false;           // in the top bar (portal name, language, log out), not the main content
    float clip_right = 0;          // right edge of what ImGui clips the item to (its window, table column)
    bool scrolls_x = false;        // in a region that scrolls sideways of its own (a wide table)
    std::uint32_t window = 0;      // ImGui id of the window it is drawn in (a page region, a table's)
    int row_count = 0;             // on a column header: the whole table's rows with the header, 0: as drawn
    // A row of a table that scrolls up and down of its own (ImGuiTableFlags_ScrollY), below its frozen
    // header: it moves with the table's scroll, which is `scroll_y` display pixels down.
    bool scrolls_y = false;
    float scroll_y = 0;
};

void begin_frame();
// A table that draws only its visible rows (ImGuiListClipper) tells which row of the whole table a
// drawn row is (its data index + 1, after the header row 0), and how many rows it has, header
// included. Screen readers then say "row 57 of 10,001", and a row keeps its place in the mirror
// while the table scrolls (ImGui numbers only the drawn rows). number_row after the row began;
// number_rows before the header row.
void number_row(int row);
void number_rows(int rows);
// Records the last ImGui item under `label` as `role`, with its value and state. Disabled and the
// enclosing table or tab bar are read from ImGui.
void record_last_item(const char* label, Role role = Role::text, std::string value = {}, std::uint8_t state = 0);
// The same for an item whose id and rectangle are given: a combo once its list is open (ImGui's last
// item is then the list's window).
void record_item(const char* label, Role role, std::string value, std::uint8_t state, std::uint32_t id, float x, float y,
                 float w, float h);
// Records text drawn straight onto a draw list (the timeline), which is no ImGui item.
void record(std::string label, float x, float y, float w, float h);
// Items recorded from now on are in the top bar (true) or the main content (false, the default).
void set_banner(bool banner);
// The field recorded last (a textbox, combobox or checkbox) is invalid; the item recorded last (its
// error message) explains why.
void mark_field_invalid();
const std::vector<Item>& items();
const Item* find(const std::string& label);
// Where keyboard focus goes after an action that takes away the focused item ("Ja, slett": the
// upload button, rather than the page's start): the item's key (ImGui::GetID of its label, in the
// same ID scope). Kept until taken (shell/browser/a11y_bridge.cpp; the accessible mirror moves focus
// there only when focus is in the mirror, so a mouse user's focus stays where it is).
void request_focus(std::uint32_t key);
std::uint32_t take_focus_request();

}  // namespace alis::web::probe
