#include "alis/csv.hpp"

#include <string_view>

namespace alis {

std::string csv_field(const std::string& text) {
    std::string value = text;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) value.insert(0, 1, '\'');
    if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ';';
        out += csv_field(fields[i]);
    }
    return out + "\r\n";
}

}  // namespace alis
