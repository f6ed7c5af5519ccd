#include "alis/known_fields.hpp"

#include <algorithm>

namespace alis {

bool refuse_unknown_fields(const nlohmann::json& object, const std::string& prefix, std::size_t at_most,
                           const std::function<bool(const std::string&)>& known, Problems& out) {
    if (!object.is_object()) return true;  // the caller's JsonFields names that
    std::size_t fields = 0;
    for (const auto& [key, value] : object.items()) {
        if (++fields > at_most) {
            out.push_back({prefix, "too_many_fields", {"For mange felt.", "For mange felt.", "Too many fields."}});
            return false;
        }
        if (known(key)) continue;
        // The name is echoed back: kept short, and cut at a UTF-8 character boundary so it stays valid.
        std::size_t end = std::min<std::size_t>(key.size(), 64);
        while (end > 0 && end < key.size() && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) --end;
        const std::string shown = key.substr(0, end);
        out.push_back({prefix.empty() ? shown : prefix + "." + shown, "unknown_field", {"Ukjent felt.", "Ukjent felt.", "Unknown field."}});
    }
    return true;
}

}  // namespace alis
