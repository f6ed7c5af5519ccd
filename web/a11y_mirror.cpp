#include "a11y_mirror.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace alis::web::a11y {

using nlohmann::json;

namespace {

// Half CSS pixels: finer moves than that are no change to anyone.
float css(float display_px, float scale) { return std::round(display_px / scale * 2.0f) / 2.0f; }

const char* group_role(const probe::Item& item) {
    if (!item.group) return "";
    return item.role == probe::Role::tab ? "tablist" : "table";
}

// The changes are written as JSON text directly, as they are found: a frame of a scrolled table
// sends some twenty nodes and a hundred numbers, and building them as nlohmann values first, to
// write and free them again, was most of the C++ half's time (bench/web/frame_time.mjs).
void append_uint(std::string& out, std::uint64_t v) {
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
void append_int(std::string& out, long long v) {
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
// A place in CSS pixels, a whole or a half (css()).
void append_half(std::string& out, float v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    const long long halves = std::llround(static_cast<double>(v) * 2.0);
    if (halves < 0) out += '-';
    const unsigned long long magnitude = static_cast<unsigned long long>(halves < 0 ? -halves : halves);
    append_uint(out, magnitude / 2);
    if (magnitude % 2) out += ".5";
}
// Whether `text` goes into a JSON string as it is: well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) without control characters, quotes or backslashes.
bool json_plain(const std::string& text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') return false;
            ++p;
            continue;
        }
        // The lead byte gives the length and the allowed range of the next byte (RFC 3629, section 4).
        int length = 0;
        unsigned char low = 0x80, high = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) length = 2;
        else if (c == 0xe0) length = 3, low = 0xa0;
        else if (c == 0xed) length = 3, high = 0x9f;
        else if (c >= 0xe1 && c <= 0xef) length = 3;
        else if (c == 0xf0) length = 4, low = 0x90;
        else if (c == 0xf4) length = 4, high = 0x8f;
        else if (c >= 0xf1 && c <= 0xf3) length = 4;
        else return false;
        if (end - p < length || p[1] < low || p[1] > high) return false;
        for (int i = 2; i < length; ++i) {
            if (p[i] < 0x80 || p[i] > 0xbf) return false;
        }
        p += length;
    }
    return true;
}

// Names come from people (user names, organisations): well-formed text as it is; anything else
// through nlohmann's escaping, which replaces bad UTF-8 rather than throwing.
void append_string(std::string& out, const std::string& text) {
    if (!json_plain(text)) {
        out += json(text).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}
void append_node(std::string& out, const probe::Item& item, float x, float y, float w, float h) {
    if (!out.empty()) out += ',';
    out += "{\"k\":";
    append_uint(out, item.key);
    out += ",\"r\":\"";
    out += probe::role_name(item.role);
    out += "\",\"n\":";
    append_string(out, item.label);
    out += ",\"x\":";
    append_half(out, x);
    out += ",\"y\":";
    append_half(out, y);
    out += ",\"w\":";
    append_half(out, w);
    out += ",\"h\":";
    append_half(out, h);
    if (!item.value.empty()) {
        out += ",\"v\":";
        append_string(out, item.value);
    }
    if (item.state) {
        out += ",\"s\":";
        append_uint(out, item.state);
    }
    if (item.described_by) {
        out += ",\"d\":";
        append_uint(out, item.described_by);
    }
    if (item.banner) out += ",\"b\":1";
    if (item.scrolls_y) out += ",\"sc\":1";
    if (item.group) {
        out += ",\"g\":";
        append_uint(out, item.group);
        out += ",\"gr\":\"";
        out += group_role(item);
        out += "\",\"row\":";
        append_int(out, item.row);
        if (item.row_count) {
            out += ",\"rc\":";
            append_int(out, item.row_count);
        }
    }
    out += '}';
}
void append_key(std::string& out, std::uint32_t key) {
    if (!out.empty()) out += ',';
    append_uint(out, key);
}

bool same(const probe::Item& a, const probe::Item& b) {
    return a.label == b.label && a.role == b.role && a.value == b.value && a.state == b.state &&
           a.described_by == b.described_by && a.group == b.group && a.row == b.row && a.banner == b.banner && a.row_count == b.row_count &&
           a.scrolls_y == b.scrolls_y;
}

}  // namespace

std::string Mirror::update(const std::vector<probe::Item>& items, float scale) {
    if (scale <= 0) scale = 1;
    std::string add, set, del, pos;  // the arrays' elements, comma-separated
    std::vector<std::uint32_t> order;
    order.reserve(items.size());
    ++frame_;  // a node drawn in this frame carries it: no set of the frame's keys to build
    for (const auto& item : items) {
        auto it = last_.find(item.key);
        // The probe's keys are unique in a frame; an item recorded twice is mirrored once.
        if (it != last_.end() && it->second.frame == frame_) continue;
        order.push_back(item.key);
        // A scrolling table's row is placed in the table's content, which the browser moves as a
        // whole (one "scroll" number): scrolling the table moves none of its nodes.
        const float x = css(item.x, scale), w = css(item.w, scale), h = css(item.h, scale);
        const float y = item.scrolls_y ? css(item.y + item.scroll_y, scale) : css(item.y, scale);
        if (item.scrolls_y) scrolled(item.group, css(item.scroll_y, scale));
        if (it == last_.end()) {
            append_node(add, item, x, y, w, h);
            last_.emplace(item.key, Node{item, x, y, w, h, frame_});
            continue;
        }
        Node& old = it->second;
        old.frame = frame_;
        const bool moved = old.x != x || old.y != y || old.w != w || old.h != h;
        if (!same(old.item, item)) {
            append_node(set, item, x, y, w, h);
            old = Node{item, x, y, w, h, frame_};
        } else if (moved) {
            // Scrolling moves every drawn node and changes nothing else: their places alone, five
            // numbers each, rather than whole nodes the browser would compare attribute by attribute.
            append_key(pos, item.key);
            for (const float v : {x, y, w, h}) {
                pos += ',';
                append_half(pos, v);
            }
            old.x = x, old.y = y, old.w = w, old.h = h;
        }
    }
    for (auto it = last_.begin(); it != last_.end();) {
        if (it->second.frame == frame_) {
            ++it;
        } else {
            append_key(del, it->first);
            it = last_.erase(it);
        }
    }
    std::string scroll;  // [group, scroll, ...] of the tables whose scroll is new to the browser
    for (auto it = scroll_.begin(); it != scroll_.end();) {
        if (it->second.frame != frame_) {
            it = scroll_.erase(it);  // the table went; it is sent again if it comes back
            continue;
        }
        if (it->second.now != it->second.sent) {
            append_key(scroll, it->first);
            scroll += ',';
            append_half(scroll, it->second.now);
            it->second.sent = it->second.now;
        }
        ++it;
    }
    const bool reordered = order != order_;
    if (add.empty() && set.empty() && del.empty() && pos.empty() && scroll.empty() && !reordered) return {};
    std::string out;
    out.reserve(add.size() + set.size() + del.size() + pos.size() + (reordered ? order.size() * 11 : 0) + 48);
    out += "{\"add\":[" + add + "],\"set\":[" + set + "],\"del\":[" + del + "]";
    if (!pos.empty()) out += ",\"pos\":[" + pos + "]";
    if (!scroll.empty()) out += ",\"scroll\":[" + scroll + "]";
    if (reordered) {
        out += ",\"order\":[";
        std::string keys;
        for (const auto key : order) append_key(keys, key);
        out += keys + "]";
        order_ = std::move(order);
    }
    out += '}';
    return out;
}

void Mirror::scrolled(std::uint32_t group, float scroll) {
    auto [it, added] = scroll_.try_emplace(group, Scroll{scroll, std::nullopt, frame_});
    it->second.now = scroll;
    it->second.frame = frame_;
}

void Mirror::reset() {
    last_.clear();
    order_.clear();
    scroll_.clear();
}

}  // namespace alis::web::a11y
