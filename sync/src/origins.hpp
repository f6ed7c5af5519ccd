#pragma once
// The origins (scheme://host[:port]) from which the portal's page may make state-changing calls:
// the configured public URLs (--public-url), or, when none is set, the listen address itself. Never
// the request's Host header, which the client chooses.
#include <optional>
#include <string>
#include <vector>

namespace alis::server {

// The origin of an absolute http(s) URL, in the form browsers send in Origin: lower-case scheme and
// host, the port only when it is not the scheme's default, no path. Nothing when it is not one.
std::optional<std::string> origin_of_url(const std::string& url);

// The origins of a list of URLs, each item possibly a comma-separated list. Throws
// std::invalid_argument naming the first item that is not an http(s) URL.
std::vector<std::string> origins_of_urls(const std::vector<std::string>& urls);

// The page's origins when it is opened at the listen address: http://HOST:PORT, and for a loopback
// or wildcard address also http://127.0.0.1:PORT and http://localhost:PORT.
std::vector<std::string> listen_origins(const std::string& host, unsigned short port);

}  // namespace alis::server
