#pragma once
// The HTTP/1.1 front end on Boost.Beast/Asio: async, keep-alive, read timeouts, and a body limit that
// the parser enforces while reading (chunked bodies included), so an oversized body is refused with
// 413 without ever being held in memory. Requests are handed to one Handler as plain structs.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http_types.hpp"

namespace alis::server {

struct HttpOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;           // 0: the kernel picks a free port
    std::size_t body_limit = 4u << 20;    // bytes of request body, after de-chunking
    // The limit for one path (at most body_limit); request_limits.hpp's table. Unset: body_limit.
    std::function<std::size_t(std::string_view path)> body_limit_for;
    // Bytes of request bodies all connections together may hold at once; a body that would pass it is
    // refused with 503 and Retry-After before it is read. Bounds memory under many parallel uploads.
    std::size_t body_budget = 32u << 20;
    // Asked once a request's header is read, if a body follows (a declared length above 0, or chunked),
    // before any byte of it is read or budget reserved; the Request is complete but for its empty body.
    // An answer is sent at once with Connection: close (the unread body is drained, never parsed as a
    // next request), so a caller refused anyway cannot hold the body budget with a slow upload.
    // Nothing: the body is read and the Handler answers as usual. Runs on the handlers' threads.
    std::function<std::optional<Response>(const Request& head)> screen_head;
    // Connections open at once; more are closed as soon as they are accepted.
    std::size_t max_connections = 1000;
    std::chrono::seconds read_timeout{30};  // for a whole request, and for an idle keep-alive connection
    // Handlers run on these threads and a push waits there for its group commit; more threads than
    // cores let more pushes share one fsync and keep pulls answering meanwhile.
    int threads = 16;
};

using Handler = std::function<Response(const Request&)>;

class HttpServer {
public:
    HttpServer(HttpOptions options, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts the worker threads; returns the port actually bound (useful with port 0).
    // Throws std::runtime_error when the address cannot be bound.
    unsigned short start();
    // Blocks until SIGINT or SIGTERM arrives or stop() is called, then stops.
    void run_until_signal();
    void stop();  // idempotent; joins the threads
    std::size_t open_connections() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace alis::server
