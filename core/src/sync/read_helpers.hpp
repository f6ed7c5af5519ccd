#pragma once
// Private helpers for the sync parsers: enum fields and lists of ids, with named problems.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "alis/json_fields.hpp"

namespace alis::sync::detail {

constexpr std::size_t kIdBytes = 64;
constexpr std::size_t kNameBytes = 200;
constexpr std::size_t kNoteBytes = 2000;
constexpr std::size_t kLongTextBytes = 20000;
constexpr std::size_t kMaxListLength = 5000;

// A list of distinct, non-empty ids; problems name the list or the element.
std::vector<std::string> read_id_list(const nlohmann::json& object, const char* name, const std::string& prefix,
                                      Problems& out, bool required);

inline nlohmann::json optional_date_json(const std::optional<Date>& d) {
    return d ? nlohmann::json(to_iso(*d)) : nlohmann::json(nullptr);
}

}  // namespace alis::sync::detail
