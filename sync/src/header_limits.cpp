#include "header_limits.hpp"

#include <string>

namespace alis::server {

Response header_too_large() {
    const std::string n = std::to_string(kMaxHeaderBytes);
    return Response::error(431, "header_too_large",
                           {"Forespørselshodene er større enn grensen på " + n + " byte.",
                            "Førespurnadshovuda er større enn grensa på " + n + " byte.",
                            "The request headers are larger than the limit of " + n + " bytes."});
}

std::optional<Response> check_header_count(std::size_t fields) {
    if (fields <= kMaxHeaderFields) return std::nullopt;
    const std::string n = std::to_string(kMaxHeaderFields);
    Response r = Response::error(431, "too_many_headers",
                                 {"Forespørselen har flere enn " + n + " hodelinjer.",
                                  "Førespurnaden har fleire enn " + n + " hovudlinjer.",
                                  "The request has more than " + n + " header lines."});
    r.close = true;  // what follows on the connection cannot be trusted to be a request boundary
    return r;
}

}  // namespace alis::server
