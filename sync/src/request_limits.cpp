#include "request_limits.hpp"

#include <algorithm>

#include "alis/sync/documents.hpp"
#include "alis/sync/protocol.hpp"

namespace alis::server {

namespace {
constexpr std::size_t kSmallBody = 8u << 10;
std::size_t small_body(std::size_t push_body_limit) { return std::min(kSmallBody, push_body_limit); }
}  // namespace

EndpointLimits limits_for(std::string_view path, std::size_t push_body_limit) {
    if (path == "/api/push") {
        // Mutation arguments are records a few levels deep; 32 leaves room and bounds recursion.
        return {push_body_limit, {32, 64u << 10, 10000, 100000}};
    }
    if (path == "/api/documents/upload") return {sync::kMaxDocumentBytes, {1, 0, 0, 0}};  // never parsed as JSON
    if (path == "/api/pull") return {small_body(push_body_limit), {4, 256, 16, 32}};
    // Log-in, registration, password change, account administration, the test clock, and any body
    // sent to a static file: flat objects of a few short strings.
    return {small_body(push_body_limit), {4, 1024, 32, 64}};
}

bool needs_session_before_body(std::string_view path, std::size_t push_body_limit) {
    return limits_for(path, push_body_limit).body_bytes > small_body(push_body_limit);
}

std::size_t push_value_limit(std::size_t body_bytes) { return 1000 + body_bytes / 4; }

Response body_too_large(std::string_view path, std::size_t limit) {
    if (path == "/api/documents/upload") {
        const auto problem = sync::check_document_size(sync::kMaxDocumentBytes + 1);
        return Response::error(413, problem->rule, problem->message, problem->field);
    }
    const std::string n = std::to_string(limit);
    return Response::error(413, "body_too_large",
                           {"Innholdet i forespørselen er større enn grensen på " + n + " byte.",
                            "Innhaldet i førespurnaden er større enn grensa på " + n + " byte.",
                            "The request body is larger than the limit of " + n + " bytes."});
}

}  // namespace alis::server
