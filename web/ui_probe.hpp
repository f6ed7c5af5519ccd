#pragma once
// Records what each frame showed: the visible label and screen rectangle of every widget drawn through
// web/widgets.hpp. Tests (headless, and the browser's end-to-end test through the shell's JavaScript
// hook) use it to find and click items as a person would, by what they read.
#include <string>
#include <vector>

namespace alis::web::probe {

struct Item {
    std::string label;  // visible text, without ImGui's "##id" suffix
    float x, y, w, h;   // in display pixels
};

void begin_frame();
// Records the last ImGui item under `label`.
void record_last_item(const char* label);
// Records text drawn straight onto a draw list (the timeline), which is no ImGui item.
void record(std::string label, float x, float y, float w, float h);
const std::vector<Item>& items();
const Item* find(const std::string& label);

}  // namespace alis::web::probe
