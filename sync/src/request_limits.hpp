#pragma once
// What one request may carry, per endpoint: the body's size (enforced by the HTTP parser while it
// reads, before the body is held) and the JSON's shape (enforced while it is parsed). One table, so
// the HTTP front end, the router and docs/sync-server.md agree.
#include <cstddef>
#include <string_view>

#include "alis/bounded_json.hpp"
#include "http_types.hpp"

namespace alis::server {

struct EndpointLimits {
    std::size_t body_bytes;
    JsonLimits json;
};

// `push_body_limit` is --body-limit: the largest body, allowed only on /api/push; the document upload
// takes a PDF of up to kMaxDocumentBytes whatever it is (its body is never parsed as JSON). Everything
// else (log-in, registration, pulls, account administration, static files) is a few KB at most.
EndpointLimits limits_for(std::string_view path, std::size_t push_body_limit);

// True for a path whose body may be larger than the ordinary few KB (the push and the upload, by the
// table above): such a body is read only for a caller with a live session (App::screen_head), so that
// anonymous slow uploads cannot hold the server-wide body budget and turn signed-in users away.
bool needs_session_before_body(std::string_view path, std::size_t push_body_limit);

// A push may hold at most this many JSON values in all: a thousand for the envelope plus one per four
// bytes of body, so the parsed value stays within a small multiple of the body's size.
std::size_t push_value_limit(std::size_t body_bytes);

// The 413 when a body passes its path's limit while it is read: the upload's names field "file" and
// rule "too_large" like core's check (a 5 MB PDF); the others rule "body_too_large" with the limit.
Response body_too_large(std::string_view path, std::size_t limit);

}  // namespace alis::server
