// The bounded JSON parser on arbitrary bytes: never crashes, and whatever it accepts is exactly what
// nlohmann's own parser reads from the same text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/bounded_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    alis::JsonLimits limits{16, 256, 64, 512};
    alis::Problem why;
    auto bounded = alis::parse_bounded_json(text, limits, why);
    if (!bounded) {
        if (why.rule.empty()) std::abort();  // every refusal names its rule
        return 0;
    }
    const auto reference = nlohmann::json::parse(text, nullptr, false);
    if (reference.is_discarded() || reference != *bounded) std::abort();
    return 0;
}
