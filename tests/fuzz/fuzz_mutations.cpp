// apply_mutation on a fuzzed state: the input is a JSON array of steps [actor, name, args] applied in
// order to the region, so later steps meet states earlier steps made. A rejected step must leave the
// state exactly as it was; nothing may crash or throw.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/bounded_json.hpp"
#include "fuzz_region.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const alis::sync::PortalState base = alis::fuzz::region_state();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    alis::Problem why;
    auto steps = alis::parse_bounded_json(text, alis::JsonLimits{16, 4096, 64, 2000}, why);
    if (!steps || !steps->is_array()) return 0;
    alis::sync::PortalState state = base;
    std::int64_t id = 0;
    for (const auto& step : *steps) {
        if (!step.is_array() || step.size() != 3 || !step[0].is_number_integer() || !step[1].is_string()) continue;
        const auto actor = alis::fuzz::actor_at(static_cast<int>(step[0].get<std::int64_t>() % 8));
        const alis::sync::PortalState before = state;
        const auto outcome = alis::sync::apply_mutation(state, actor, {++id, step[1].get<std::string>(), step[2]},
                                                        alis::fuzz::kToday);
        if (!outcome.accepted && !(state == before)) std::abort();
        if (!outcome.accepted && outcome.problems.empty()) std::abort();
    }
    return 0;
}
