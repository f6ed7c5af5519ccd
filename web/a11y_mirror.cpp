#include "a11y_mirror.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_set>

namespace alis::web::a11y {

using nlohmann::json;

namespace {

// Half CSS pixels: finer moves than that are no change to anyone.
float css(float display_px, float scale) { return std::round(display_px / scale * 2.0f) / 2.0f; }

const char* group_role(const probe::Item& item) {
    if (!item.group) return "";
    return item.role == probe::Role::tab ? "tablist" : "table";
}

json node_json(const probe::Item& item, float x, float y, float w, float h) {
    json n{{"k", item.key}, {"r", probe::role_name(item.role)}, {"n", item.label}, {"x", x}, {"y", y}, {"w", w}, {"h", h}};
    if (!item.value.empty()) n["v"] = item.value;
    if (item.state) n["s"] = item.state;
    if (item.described_by) n["d"] = item.described_by;
    if (item.banner) n["b"] = 1;
    if (item.group) {
        n["g"] = item.group;
        n["gr"] = group_role(item);
        n["row"] = item.row;
        if (item.row_count) n["rc"] = item.row_count;
    }
    return n;
}

bool same(const probe::Item& a, const probe::Item& b) {
    return a.label == b.label && a.role == b.role && a.value == b.value && a.state == b.state &&
           a.described_by == b.described_by && a.group == b.group && a.row == b.row && a.banner == b.banner && a.row_count == b.row_count;
}

}  // namespace

std::string Mirror::update(const std::vector<probe::Item>& items, float scale) {
    if (scale <= 0) scale = 1;
    json add = json::array(), set = json::array(), del = json::array();
    std::vector<double> pos;
    std::vector<std::uint32_t> order;
    order.reserve(items.size());
    std::unordered_set<std::uint32_t> seen;
    seen.reserve(items.size() * 2);
    for (const auto& item : items) {
        // The probe's keys are unique in a frame; an item recorded twice is mirrored once.
        if (!seen.insert(item.key).second) continue;
        order.push_back(item.key);
        const float x = css(item.x, scale), y = css(item.y, scale), w = css(item.w, scale), h = css(item.h, scale);
        auto it = last_.find(item.key);
        if (it == last_.end()) {
            add.push_back(node_json(item, x, y, w, h));
            last_.emplace(item.key, Node{item, x, y, w, h});
            continue;
        }
        Node& old = it->second;
        const bool moved = old.x != x || old.y != y || old.w != w || old.h != h;
        if (!same(old.item, item)) {
            set.push_back(node_json(item, x, y, w, h));
            old = Node{item, x, y, w, h};
        } else if (moved) {
            // Scrolling moves every drawn node and changes nothing else: their places alone, five
            // numbers each, rather than whole nodes the browser would compare attribute by attribute.
            pos.insert(pos.end(), {static_cast<double>(item.key), x, y, w, h});
            old.x = x, old.y = y, old.w = w, old.h = h;
        }
    }
    for (auto it = last_.begin(); it != last_.end();) {
        if (seen.count(it->first)) {
            ++it;
        } else {
            del.push_back(it->first);
            it = last_.erase(it);
        }
    }
    const bool reordered = order != order_;
    if (add.empty() && set.empty() && del.empty() && pos.empty() && !reordered) return {};
    json out{{"add", std::move(add)}, {"set", std::move(set)}, {"del", std::move(del)}};
    if (!pos.empty()) out["pos"] = std::move(pos);
    if (reordered) {
        out["order"] = order;
        order_ = std::move(order);
    }
    // Names come from people (user names, organisations): bad UTF-8 is replaced, never thrown.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

void Mirror::reset() {
    last_.clear();
    order_.clear();
}

}  // namespace alis::web::a11y
