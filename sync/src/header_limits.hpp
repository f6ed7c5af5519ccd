#pragma once
// The limits on a request's header section, as docs/sync-server.md states them, and the 431 answers.
// The HTTP reader (http_server.cpp) enforces them while it reads: the size by adding up the header
// bytes parsed across reads (Beast's own header_limit sees one read at a time), with a read buffer that
// holds a whole header; the count once the header is complete, when the size limit has already bounded
// it (at most about 4,000 lines), so a request of a million short header lines is refused early.
#include <cstddef>
#include <optional>

#include "http_types.hpp"

namespace alis::server {

inline constexpr std::size_t kMaxHeaderBytes = 16u << 10;  // request line and every header line together
inline constexpr std::size_t kMaxHeaderFields = 100;       // header lines (a browser sends about 20)

// 431 naming the size limit.
Response header_too_large();
// 431 naming the count limit, or nothing while `fields` header lines are within it.
std::optional<Response> check_header_count(std::size_t fields);

}  // namespace alis::server
