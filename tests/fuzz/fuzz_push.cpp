// A push body as the server receives it: bounded parse with /api/push's limits, parse_push_request,
// then SyncServer::push as one of the region's users (chosen by the first byte) and a pull. Nothing
// may crash; a refused push must change nothing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/bounded_json.hpp"
#include "alis/sync/protocol.hpp"
#include "fuzz_region.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const alis::sync::SyncServer base = alis::fuzz::region_server();
    const alis::sync::Actor actor = alis::fuzz::actor_at(data[0]);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    alis::Problem why;
    auto body = alis::parse_bounded_json(text, alis::JsonLimits{32, 65536, 10000, 100000}, why);
    if (!body) return 0;
    alis::Problems problems;
    auto request = alis::sync::parse_push_request(*body, problems);
    if (!request) return 0;
    alis::sync::SyncServer server = base;
    const auto result = server.push(actor, *request, alis::fuzz::kToday);
    if (result.status == alis::sync::PushStatus::refused && !(server.state() == base.state())) std::abort();
    (void)alis::sync::to_json(server.pull(actor, {request->client_id, 0})).dump();
    return 0;
}
