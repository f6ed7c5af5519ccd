#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cctype>
#include <cstring>
#include <optional>
#include <thread>

namespace alis::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

HttpResult convert(http::response<http::string_body>& res) {
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.body = std::move(res.body());
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "set-cookie") out.set_cookies.emplace_back(f.value());
        out.headers[name] = std::string(f.value());
    }
    return out;
}

}  // namespace

struct HttpClient::Impl {
    std::string host;
    unsigned short port;
    asio::io_context ioc;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;

    void connect() {
        stream.emplace(ioc);
        stream->expires_after(std::chrono::seconds(30));
        stream->connect(tcp::endpoint(asio::ip::make_address(host), port));
        stream->socket().set_option(tcp::no_delay(true));
        buffer.clear();
    }
};

HttpClient::HttpClient(std::string host, unsigned short port) : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->port = port;
}
HttpClient::~HttpClient() = default;

std::string HttpClient::origin() const { return "http://" + impl_->host + ":" + std::to_string(impl_->port); }

HttpResult HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                               const Headers& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, impl_->host + ":" + std::to_string(impl_->port));
    if (!session.empty()) req.set(http::field::cookie, "alis_session=" + session);
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.keep_alive(true);
    req.prepare_payload();
    // A kept-alive connection may have been closed by the server meanwhile: reconnect once.
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (!impl_->stream) impl_->connect();
            impl_->stream->expires_after(std::chrono::seconds(30));
            http::write(*impl_->stream, req);
            http::response_parser<http::string_body> parser;
            parser.body_limit(512u << 20);
            if (method == "HEAD") parser.skip(true);
            http::read(*impl_->stream, impl_->buffer, parser);
            auto res = parser.release();
            HttpResult out = convert(res);
            if (!res.keep_alive()) impl_->stream.reset();
            for (auto& c : out.set_cookies) {
                if (c.rfind("alis_session=", 0) == 0) session = c.substr(13, c.find(';') - 13);
            }
            return out;
        } catch (const std::exception&) {
            impl_->stream.reset();
            if (attempt == 1) return {};
        }
    }
    return {};
}

HttpResult HttpClient::post(const std::string& target, const nlohmann::json& body, const Headers& extra) {
    Headers h{{"Content-Type", "application/json"}, {"Origin", origin()}};
    for (auto& e : extra) {
        bool replaced = false;
        for (auto& x : h) {
            if (beast::iequals(x.first, e.first)) {
                x.second = e.second;
                replaced = true;
            }
        }
        if (!replaced) h.push_back(e);
    }
    return request("POST", target, body.dump(), h);
}

HttpResult HttpClient::login(const std::string& username, const std::string& password) {
    return post("/api/login", {{"username", username}, {"password", password}});
}

HttpResult raw_exchange(const std::string& host, unsigned short port, const std::string& bytes) {
    try {
        asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        stream.expires_after(std::chrono::seconds(30));
        stream.connect(tcp::endpoint(asio::ip::make_address(host), port));
        asio::write(stream, asio::buffer(bytes));
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        return convert(res);
    } catch (const std::exception&) {
        return {};
    }
}

namespace {
int connect_fd(const std::string& host, unsigned short port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool send_all(int fd, const char* data, std::size_t n) {
    while (n > 0) {
        ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
        if (w <= 0) return false;
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}
}  // namespace

namespace {
// Sends head, then `piece` up to `times` times (stopping once an answer came or the server closed),
// then tail when every piece went out; another thread reads the response meanwhile.
StreamResult stream_pieces(const std::string& host, unsigned short port, const std::string& head,
                           const std::string& piece, std::uint64_t times, const std::string& tail) {
    StreamResult out;
    int fd = connect_fd(host, port);
    if (fd < 0) return out;
    timeval tv{30, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    std::atomic<bool> answered{false};
    std::thread reader([&] {
        char buf[4096];
        while (true) {
            ssize_t r = ::recv(fd, buf, sizeof buf, 0);
            if (r <= 0) break;
            out.response.append(buf, static_cast<std::size_t>(r));
            if (out.response.find("\r\n\r\n") != std::string::npos) answered = true;
        }
        answered = true;
    });
    std::uint64_t done = 0;
    if (send_all(fd, head.data(), head.size())) {
        while (done < times && !answered.load()) {
            if (!send_all(fd, piece.data(), piece.size())) break;
            out.sent += piece.size();
            ++done;
        }
        if (done >= times) send_all(fd, tail.data(), tail.size());
    }
    ::shutdown(fd, SHUT_WR);
    reader.join();
    ::close(fd);
    if (out.response.rfind("HTTP/1.1 ", 0) == 0 && out.response.size() >= 12) {
        out.status = std::atoi(out.response.substr(9, 3).c_str());
    }
    return out;
}
}  // namespace

StreamResult stream_chunked(const std::string& host, unsigned short port, const std::string& target,
                            std::uint64_t total, const std::string& extra_lines) {
    std::string head = "POST " + target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                       "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + extra_lines + "\r\n";
    const std::size_t chunk = 64u << 10;
    StreamResult out = stream_pieces(host, port, head, "10000\r\n" + std::string(chunk, 'a') + "\r\n",
                                     (total + chunk - 1) / chunk, "0\r\n\r\n");
    out.sent = out.sent / (chunk + 9) * chunk;  // body bytes, without the chunk framing
    return out;
}

StreamResult stream_header_lines(const std::string& host, unsigned short port, const std::string& line,
                                 std::uint64_t count) {
    std::string head = "GET /api/health HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) + "\r\n";
    return stream_pieces(host, port, head, line, count, "\r\n");
}

int open_idle_connection(const std::string& host, unsigned short port, const std::string& first_bytes) {
    int fd = connect_fd(host, port);
    if (fd >= 0 && !first_bytes.empty()) send_all(fd, first_bytes.data(), first_bytes.size());
    return fd;
}

void close_fd(int fd) {
    if (fd >= 0) ::close(fd);
}

HttpResult read_response(int fd, int bound_seconds) {
    if (fd < 0) return {};
    timeval tv{bound_seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!parser.is_done()) {
        auto space = buffer.prepare(4096);
        ssize_t r = ::recv(fd, space.data(), space.size(), 0);
        if (r < 0) return {};  // the bound passed (or the connection failed)
        if (r == 0) {
            parser.put_eof(ec);  // a body that ends with the connection
            break;
        }
        buffer.commit(static_cast<std::size_t>(r));
        // The parser consumes what it can; an incomplete line stays in the buffer for the next read.
        while (buffer.size() > 0 && !parser.is_done()) {
            std::size_t n = parser.put(buffer.data(), ec);
            buffer.consume(n);
            if (ec == http::error::need_more) {
                ec = {};
                break;
            }
            if (ec) return {};
        }
    }
    if (ec || !parser.is_done()) return {};
    auto res = parser.release();
    return convert(res);
}

}  // namespace alis::test
