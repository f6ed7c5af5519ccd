#pragma once
// A real HTTP/1.1 client for the tests and tools (Beast, synchronous, keep-alive), plus raw-socket
// helpers for what a well-behaved client would never send (traversal targets, endless bodies).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace alis::test {

struct HttpResult {
    int status = 0;  // 0: no response (connection failed or closed)
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    std::vector<std::string> set_cookies;
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
public:
    HttpClient(std::string host, unsigned short port);
    ~HttpClient();
    HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                       const Headers& headers = {});
    HttpResult get(const std::string& target) { return request("GET", target); }
    // JSON POST as the portal's page sends it: Content-Type JSON, same Origin, the session cookie.
    HttpResult post(const std::string& target, const nlohmann::json& body, const Headers& extra = {});
    HttpResult login(const std::string& username, const std::string& password);

    std::string session;  // the alis_session cookie, kept from Set-Cookie like a browser would
    std::string origin() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Sends `bytes` as they are and reads one response.
HttpResult raw_exchange(const std::string& host, unsigned short port, const std::string& bytes);

// Streams a chunked body of `total` bytes (generated on the fly, never held) while another thread
// reads the response; stops writing once the response came or the server closed.
struct StreamResult {
    int status = 0;
    std::string response;
    std::uint64_t sent = 0;
};
// `extra_lines`: more header lines, each with its CRLF (a session's Cookie, say).
StreamResult stream_chunked(const std::string& host, unsigned short port, const std::string& target,
                            std::uint64_t total, const std::string& extra_lines = "");
// Streams a GET whose header holds `line` (with its CRLF) `count` times, stopping once answered.
StreamResult stream_header_lines(const std::string& host, unsigned short port, const std::string& line,
                                 std::uint64_t count);

// A TCP connection that only connects (and optionally sends a few bytes), to hold a server slot.
int open_idle_connection(const std::string& host, unsigned short port, const std::string& first_bytes = "");
void close_fd(int fd);
// Reads one response from `fd` (opened by open_idle_connection), waiting at most `bound_seconds` for
// each piece: a bound on failure, not a wait. Status 0 when none came.
HttpResult read_response(int fd, int bound_seconds);

}  // namespace alis::test
