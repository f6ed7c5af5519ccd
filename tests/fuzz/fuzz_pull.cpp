// A pull body: bounded parse with /api/pull's limits, parse_pull_request, and the pull itself for a
// region user; what comes back is only what that user may see (checked against view_for).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/bounded_json.hpp"
#include "alis/sync/authorization.hpp"
#include "alis/sync/protocol.hpp"
#include "fuzz_region.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const alis::sync::SyncServer server = alis::fuzz::region_server();
    const alis::sync::Actor actor = alis::fuzz::actor_at(data[0]);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    alis::Problem why;
    auto body = alis::parse_bounded_json(text, alis::JsonLimits{4, 256, 16, 32}, why);
    if (!body) return 0;
    alis::Problems problems;
    auto request = alis::sync::parse_pull_request(*body, problems);
    if (!request) return 0;
    const auto response = server.pull(actor, *request);
    for (const auto& change : response.changes) {
        if (!change.deleted && !alis::sync::may_see(server.state(), actor, change.key)) std::abort();
    }
    (void)alis::sync::to_json(response).dump();
    return 0;
}
