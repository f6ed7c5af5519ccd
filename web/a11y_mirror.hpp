#pragma once
// The accessible mirror's C++ half: from one frame's probe items (web/ui_probe.hpp) to the changes
// since the previous frame, which the browser shell applies to DOM nodes placed over the canvas
// (shell/browser/a11y.js). Only the difference is sent: a frame that shows the same items in the
// same places sends nothing. See docs/accessibility.md.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui_probe.hpp"

namespace alis::web::a11y {

class Mirror {
public:
    // The changes from the last call to `items` as JSON, or "" when there are none:
    // {"add":[node...], "set":[node...], "del":[key...], "order":[key...]}; a node is
    // {"k":key, "r":role, "n":name, "v":value, "s":state bits, "d":described-by key, "g":group,
    // "gr":group role ("table"|"tablist"), "row":row, "x","y","w","h" in CSS pixels}. "order" (every
    // key, in reading order) comes only when the order changed; "pos" ([key, x, y, w, h, key, ...])
    // moves nodes that changed nothing but their place (the page scrolled). The rows of a table that
    // scrolls of its own (probe::Item::scrolls_y) are placed in the table's content, their node
    // marked "sc":1 and its "y" the content's; "scroll" ([group, scroll, ...]) says how far the
    // content of each such table is scrolled, when that is new. `scale`: display pixels per CSS pixel.
    std::string update(const std::vector<probe::Item>& items, float scale);
    // Forgets everything sent (the page was reloaded or the mirror rebuilt): the next update adds all.
    void reset();
    std::size_t size() const { return last_.size(); }

private:
    struct Node {
        probe::Item item;
        float x, y, w, h;  // rounded CSS pixels
        std::uint64_t frame;  // the last update that had it
    };
    struct Scroll {
        float now;                 // CSS pixels, this update's
        std::optional<float> sent;  // the last sent; none for a table new to the browser
        std::uint64_t frame;  // the last update that drew the table
    };
    // The scroll of a table seen in this update.
    void scrolled(std::uint32_t group, float scroll);

    std::unordered_map<std::uint32_t, Node> last_;
    std::unordered_map<std::uint32_t, Scroll> scroll_;  // table (group key) -> its scroll
    std::vector<std::uint32_t> order_;
    std::uint64_t frame_ = 0;  // updates so far
};

}  // namespace alis::web::a11y
