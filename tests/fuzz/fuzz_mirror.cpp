// The accessible mirror's JSON (web/a11y_mirror.cpp writes it by hand): names and values come from
// people, so any bytes as an item's name and value. The text must always parse, and carry the name
// and value as nlohmann's own escaping would (bad UTF-8 replaced), whether sent whole or as a change.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "a11y_mirror.hpp"

namespace {
using nlohmann::json;
std::string as_nlohmann(const std::string& text) {
    return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}
void check_node(const json& node, const alis::web::probe::Item& item) {
    if (node.at("n").get<std::string>() != as_nlohmann(item.label)) std::abort();
    if (!item.value.empty() && node.at("v").get<std::string>() != as_nlohmann(item.value)) std::abort();
    if (node.at("k").get<std::uint32_t>() != item.key) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t split = data[0] % (bytes.size() + 1);
    alis::web::probe::Item item;
    item.role = alis::web::probe::Role::textbox;
    item.key = 0xfffffff0u + data[0] % 16;
    item.label = bytes.substr(0, split);
    item.value = bytes.substr(split);
    item.x = static_cast<float>(data[0]) - 128.5f;
    alis::web::a11y::Mirror mirror;
    const json added = json::parse(mirror.update({item}, 1.0f));  // throws (and so fails) if not JSON
    check_node(added.at("add").at(0), item);
    std::swap(item.label, item.value);
    item.label += '!';  // a change even when the name and the value were the same
    if (item.value.empty()) item.value = "x";
    const json changed = json::parse(mirror.update({item}, 1.0f));
    check_node(changed.at("set").at(0), item);
    return 0;
}
