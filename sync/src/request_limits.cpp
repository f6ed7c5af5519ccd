#include "request_limits.hpp"

#include <algorithm>

#include "alis/sync/protocol.hpp"

namespace alis::server {

namespace {
constexpr std::size_t kSmallBody = 8u << 10;
}

EndpointLimits limits_for(std::string_view path, std::size_t push_body_limit) {
    if (path == "/api/push") {
        // Mutation arguments are records a few levels deep; 32 leaves room and bounds recursion.
        return {push_body_limit, {32, 64u << 10, 10000, 100000}};
    }
    if (path == "/api/pull") return {std::min(kSmallBody, push_body_limit), {4, 256, 16, 32}};
    // Log-in, registration, password change, account administration, the test clock, and any body
    // sent to a static file: flat objects of a few short strings.
    return {std::min(kSmallBody, push_body_limit), {4, 1024, 32, 64}};
}

std::size_t push_value_limit(std::size_t body_bytes) { return 1000 + body_bytes / 4; }

}  // namespace alis::server
