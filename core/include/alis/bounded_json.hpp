#pragma once
// Parsing JSON that a stranger sent. Every limit is checked while the text is read, before any work
// that grows with it: nesting depth, string length, array and object sizes, and the number of values.
// The parser (nlohmann's SAX interface) is iterative and so is the building of the value, so no
// input can overflow the stack. A value within these limits is also safe for the recursive code that
// later copies, walks or prints it (depth bounds the recursion).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

#include "alis/problem.hpp"

namespace alis {

struct JsonLimits {
    std::size_t max_depth = 32;            // nested arrays and objects
    std::size_t max_string_bytes = 65536;  // one string or object key
    std::size_t max_items = 10000;         // members of one array or object
    std::size_t max_values = 100000;       // every value in the document
};

// The parsed value, or nothing and `why` set: field "(body)", rule malformed_json, too_deep,
// string_too_long, too_many_items or too_many_values, and a sentence in nb/nn/en naming the limit.
std::optional<nlohmann::json> parse_bounded_json(std::string_view text, const JsonLimits& limits, Problem& why);

}  // namespace alis
