#include "http_types.hpp"

namespace alis::server {

const std::string& Request::header(const std::string& lower_name) const {
    static const std::string empty;
    auto it = headers.find(lower_name);
    return it == headers.end() ? empty : it->second;
}

std::string Request::cookie(const std::string& name) const {
    const std::string& all = header("cookie");
    size_t pos = 0;
    while (pos < all.size()) {
        size_t end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string part = all.substr(pos, end - pos);
        size_t start = part.find_first_not_of(' ');
        if (start != std::string::npos) part = part.substr(start);
        size_t eq = part.find('=');
        if (eq != std::string::npos && part.compare(0, eq, name) == 0 && eq == name.size()) {
            return part.substr(eq + 1);
        }
        pos = end + 1;
    }
    return {};
}

Response Response::json(int status, const nlohmann::json& value) {
    Response r;
    r.status = status;
    r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response Response::error(int status, const std::string& rule, const Text& message, const std::string& field) {
    nlohmann::json e = {{"status", status}, {"rule", rule}, {"message", message}};
    if (!field.empty()) e["field"] = field;
    return json(status, {{"error", e}});
}

Response Response::problems(int status, const std::string& rule, const Text& message, const Problems& problems) {
    nlohmann::json e = {{"status", status}, {"rule", rule}, {"message", message}};
    if (problems.size() == 1) e["field"] = problems.front().field;
    return json(status, {{"error", e}, {"problems", problems}});
}

const char* status_reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Payload Too Large";
        case 431: return "Request Header Fields Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "";
    }
}

}  // namespace alis::server
