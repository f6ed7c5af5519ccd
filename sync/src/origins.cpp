#include "origins.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace alis::server {

std::optional<std::string> origin_of_url(const std::string& url) {
    std::string scheme;
    for (const char* s : {"http", "https"}) {
        const std::string prefix = std::string(s) + "://";
        if (url.size() > prefix.size() &&
            std::equal(prefix.begin(), prefix.end(), url.begin(), [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
            scheme = s;
        }
    }
    if (scheme.empty()) return std::nullopt;
    std::string rest = url.substr(scheme.size() + 3);
    std::string authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;
    std::string host = authority, port;
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) > 65535) {
            return std::nullopt;
        }
    }
    if (host.empty()) return std::nullopt;
    for (char c : host) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && std::string("-._[]:").find(c) == std::string::npos) return std::nullopt;
    }
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();
    return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

std::vector<std::string> origins_of_urls(const std::vector<std::string>& urls) {
    std::vector<std::string> out;
    for (const std::string& item : urls) {
        std::stringstream parts(item);
        std::string part;
        while (std::getline(parts, part, ',')) {
            auto b = part.find_first_not_of(" \t");
            if (b == std::string::npos) continue;
            part = part.substr(b, part.find_last_not_of(" \t") - b + 1);
            auto origin = origin_of_url(part);
            if (!origin) throw std::invalid_argument("--public-url must be an http:// or https:// URL, e.g. https://alis.example.no (got '" + part + "')");
            if (std::find(out.begin(), out.end(), *origin) == out.end()) out.push_back(*origin);
        }
    }
    return out;
}

std::vector<std::string> listen_origins(const std::string& host, unsigned short port) {
    std::string p = ":";  // (not ":" + to_string: GCC 12 warns falsely about that, -Wrestrict)
    p += std::to_string(port);
    std::string first = "http://";
    if (host.find(':') != std::string::npos) first.append("[").append(host).append("]");
    else first.append(host);
    std::vector<std::string> out{first + p};
    if (host == "127.0.0.1" || host == "0.0.0.0" || host == "::" || host == "::1" || host == "localhost") {
        for (const char* h : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
            if (std::find(out.begin(), out.end(), h + p) == out.end()) out.push_back(h + p);
        }
    }
    return out;
}

}  // namespace alis::server
