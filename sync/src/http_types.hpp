#pragma once
// The server's own view of an HTTP exchange. Handlers see only these plain structs, so Beast stays in
// one translation unit (http_server.cpp) and everything else compiles fast and tests without sockets.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alis/problem.hpp"
#include "alis/text.hpp"

namespace alis::server {

struct Request {
    std::string method;        // "GET", "POST", ...
    std::string target;        // as sent: path and query
    std::string path;          // target without the query
    std::string query;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string remote_ip;

    // Empty when the header is absent.
    const std::string& header(const std::string& lower_name) const;
    std::string cookie(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Set-Cookie
    bool close = false;  // close the connection after this response
    bool head_only = false;  // HEAD: send the headers (with the body's length) but not the body

    static Response json(int status, const nlohmann::json& value);
    // {"error": {"status", "rule", "message": {nb, nn, en}, "field"?}}: every refusal names its rule.
    static Response error(int status, const std::string& rule, const Text& message, const std::string& field = "");
    // A 4xx naming every broken field: {"error": {...}, "problems": [{field, rule, message}]}.
    static Response problems(int status, const std::string& rule, const Text& message, const Problems& problems);
};

const char* status_reason(int status);

}  // namespace alis::server
