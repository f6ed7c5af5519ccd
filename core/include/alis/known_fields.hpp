#pragma once
// Settings objects (the score's weights, the retention policy) refuse a field they do not know: a
// misspelt name would otherwise silently keep its default.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>

#include "alis/problem.hpp"

namespace alis {

// Adds "unknown_field" under "<prefix>.<name>" for each key of `object` that `known` refuses (the
// name echoed cut to 64 bytes at a UTF-8 character boundary), and stops with "too_many_fields" on
// `prefix` past `at_most` keys. False when it stopped.
bool refuse_unknown_fields(const nlohmann::json& object, const std::string& prefix, std::size_t at_most,
                           const std::function<bool(const std::string&)>& known, Problems& out);

}  // namespace alis
