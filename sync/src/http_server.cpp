// The only translation unit that includes Beast's server side (it is slow to compile).
#include "http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "header_limits.hpp"
#include "request_limits.hpp"

namespace alis::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// After a refusal that leaves unread body bytes (413), keep reading and discarding for a short while
// so the client sees our response instead of a connection reset (as nginx's lingering_close does).
constexpr std::size_t kLingerBytes = 64u << 20;
constexpr std::chrono::seconds kLingerTime{2};

// On every answer. No version in Server: it tells an attacker which advisories apply. The CSP lets
// the page run only its own scripts (and compile its own WebAssembly): no inline script, no eval, no
// plug-ins, no framing (docs/sync-server.md lists each header).
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void add_common_headers(http::response<http::string_body>& res) {
    res.set(http::field::server, "alis-sync");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "same-origin");
    res.set("Content-Security-Policy", kContentSecurityPolicy);
}

// The request as handlers see it, without its body: names in lower case, repeated fields joined.
Request request_head(const http::request<http::string_body>& breq, const std::string& remote_ip) {
    Request req;
    req.method = std::string(breq.method_string());
    req.target = std::string(breq.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    for (const auto& f : breq) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        auto [it, inserted] = req.headers.emplace(name, std::string(f.value()));
        if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(f.value());
    }
    req.remote_ip = remote_ip;
    return req;
}

Response handler_failed() {
    return Response::error(500, "internal_error",
                           {"Tjeneren klarte ikke å behandle forespørselen.",
                            "Tenaren klarte ikkje å handsame førespurnaden.",
                            "The server failed to handle the request."});
}

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, const HttpOptions& options, const Handler& handler, std::atomic<std::size_t>& open,
               std::atomic<std::size_t>& bodies)
        : stream_(std::move(socket)), options_(options), handler_(handler), open_(open), bodies_(bodies) {
        ++open_;
    }
    ~Connection() {
        release_body();
        --open_;
    }

    void start() {
        beast::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ip_ = ep.address().to_string();
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
    }

private:
    void read_header() {
        parser_.emplace();
        limit_ = options_.body_limit;
        parser_->header_limit(kMaxHeaderBytes);
        // No body limit while the header is read (the parser is not eager: no body byte is read
        // then): on_header sets the path's own, so a declared length is refused with its path's answer.
        // Not boost::none: Beast 1.74 compares the length with the optional, and none is below all.
        parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        header_bytes_ = 0;
        stream_.expires_after(options_.read_timeout);
        read_header_part();
    }

    // Beast checks its header limit against what one read left in the buffer, not against the header
    // as a whole: lines parsed in earlier reads are already stored. So the header is read part by part
    // and the parsed bytes are added up here, which bounds both its size and its number of lines.
    void read_header_part() {
        http::async_read_some(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            self->header_bytes_ += n;
            if (!ec && self->header_bytes_ > kMaxHeaderBytes) return self->send(header_too_large(), true, false);
            if (ec || self->parser_->is_header_done()) return self->on_header(ec);
            self->read_header_part();
        });
    }

    void on_header(beast::error_code ec) {
        if (ec) return on_read_error(ec);
        auto& req = parser_->get();
        if (auto refused = check_header_count(static_cast<std::size_t>(std::distance(req.begin(), req.end())))) {
            return send(std::move(*refused), true, false);
        }
        const std::string_view target(req.target().data(), req.target().size());
        // The table decides per path (it caps all but the upload at body_limit); without one, body_limit.
        const std::string_view path = target.substr(0, target.find('?'));
        limit_ = options_.body_limit_for ? options_.body_limit_for(path) : options_.body_limit;
        parser_->body_limit(limit_);
        // A declared length over the limit is refused before a byte of the body is read.
        auto len = parser_->content_length();
        if (len && *len > limit_) return refuse_too_large();
        // A chunked body may grow to the limit: it reserves that much.
        const std::size_t reserve = len ? static_cast<std::size_t>(*len) : (parser_->chunked() ? limit_ : 0);
        // Before the body takes budget or time (and before a 100 Continue invites it): a request the
        // application refuses from its header alone (an anonymous upload or push) is answered now.
        if (reserve > 0 && options_.screen_head) {
            version_ = req.version();
            if (auto answer = screen(req)) return send(std::move(*answer), true, true);
        }
        if (!reserve_body(reserve)) return refuse_busy();
        if (beast::iequals(req[http::field::expect], "100-continue")) {
            auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
            http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec2, std::size_t) {
                if (ec2) return self->close();
                self->read_body();
            });
            return;
        }
        read_body();
    }

    std::optional<Response> screen(const http::request<http::string_body>& breq) {
        const Request head = request_head(breq, remote_ip_);
        try {
            return options_.screen_head(head);
        } catch (const std::exception& e) {
            std::cerr << "alis-sync: header screen failed on " << head.method << ' ' << head.path << ": " << e.what() << '\n';
            return handler_failed();
        }
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
    }

    void on_read_error(beast::error_code ec) {
        if (ec == http::error::body_limit) return refuse_too_large();
        // One line longer than the buffer ends as buffer_overflow: it is the same too-large header.
        if (ec == http::error::header_limit || (ec == http::error::buffer_overflow && !parser_->is_header_done())) {
            return send(header_too_large(), true, false);
        }
        if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
            ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
            return close();
        }
        // Anything else is a malformed request: say so once, then close.
        send(Response::error(400, "malformed_http",
                             {"HTTP-forespørselen kunne ikke tolkes: " + ec.message(),
                              "HTTP-førespurnaden kunne ikkje tolkast: " + ec.message(),
                              "The HTTP request could not be parsed: " + ec.message()}),
             true, false);
    }

    bool reserve_body(std::size_t n) {
        std::size_t held = bodies_.load();
        do {
            if (held + n > options_.body_budget) return false;
        } while (!bodies_.compare_exchange_weak(held, held + n));
        reserved_ = n;
        return true;
    }

    void release_body() {
        if (reserved_) bodies_ -= reserved_;
        reserved_ = 0;
    }

    void refuse_busy() {
        Response r = Response::error(503, "server_busy",
                                     {"Tjeneren tar imot mange store forespørsler nå; prøv igjen om litt.",
                                      "Tenaren tek imot mange store førespurnader no; prøv att om litt.",
                                      "The server is receiving many large requests; try again shortly."});
        r.headers.emplace_back("Retry-After", "1");
        send(std::move(r), true, true);
    }

    // Called once the header is parsed (a declared length, or a body that outgrew the limit).
    void refuse_too_large() {
        const auto target = parser_->get().target();
        const std::string_view path(target.data(), std::min(target.size(), target.find('?')));
        send(body_too_large(path, limit_), true, true);
    }

    void on_body(beast::error_code ec) {
        if (ec) return on_read_error(ec);
        auto& breq = parser_->get();
        // Built again from the whole message: Beast adds a chunked body's trailer fields to it, as before.
        Request req = request_head(breq, remote_ip_);
        req.body = std::move(breq.body());
        keep_alive_ = breq.keep_alive();
        version_ = breq.version();

        Response res;
        parser_.reset();  // the body now lives in req; the parser's copy is gone
        try {
            res = handler_(req);
        } catch (const std::exception& e) {
            std::cerr << "alis-sync: handler failed on " << req.method << ' ' << req.path << ": " << e.what() << '\n';
            res = handler_failed();
        }
        send(std::move(res), !keep_alive_ || res.close, false);
    }

    void send(Response r, bool close_after, bool linger) {
        release_body();
        auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version_);
        add_common_headers(*res);
        res->set(http::field::content_type, r.content_type);
        for (auto& [name, value] : r.headers) res->insert(name, value);
        res->body() = std::move(r.body);
        res->keep_alive(!close_after);
        res->prepare_payload();
        if (r.head_only) res->body().clear();  // Content-Length stays the real length
        // A 304 has no content; a Content-Length would have to be the full file's (RFC 9110 8.6), so none.
        if (r.status == 304) res->erase(http::field::content_length);
        stream_.expires_after(options_.read_timeout);
        http::async_write(stream_, *res, [self = shared_from_this(), res, close_after, linger](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            if (linger) return self->linger();
            if (close_after) return self->close();
            self->read_header();
        });
    }

    void linger() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(kLingerTime);
        drain_buffer_.resize(64u << 10);
        drain();
    }

    void drain() {
        stream_.async_read_some(asio::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            self->drained_ += n;
            if (ec || self->drained_ > kLingerBytes) return self->close();
            self->drain();
        });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    const HttpOptions& options_;
    const Handler& handler_;
    std::atomic<std::size_t>& open_;
    std::atomic<std::size_t>& bodies_;  // bytes of bodies reserved by all connections
    std::size_t reserved_ = 0;
    std::size_t limit_ = 0;
    std::size_t header_bytes_ = 0;  // header bytes parsed so far for the current request
    beast::flat_buffer buffer_{kMaxHeaderBytes + 8192};  // its most: the whole header plus one read
    std::optional<http::request_parser<http::string_body>> parser_;
    std::string remote_ip_;
    bool keep_alive_ = false;
    unsigned version_ = 11;
    std::vector<char> drain_buffer_;
    std::size_t drained_ = 0;
};

}  // namespace

struct HttpServer::Impl {
    // Declared so that the acceptor and then the io_context (and the connections it owns) are
    // destroyed first, while the options, handler and counter they refer to still exist.
    HttpOptions options;
    Handler handler;
    std::atomic<std::size_t> open{0};
    std::atomic<std::size_t> bodies{0};
    std::mutex mutex;
    std::condition_variable stopped_cv;
    bool stopped = false;
    bool started = false;
    std::vector<std::thread> threads;
    asio::io_context ioc;
    std::optional<tcp::acceptor> acceptor;

    void accept() {
        acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted) return;
            if (!ec && open.load() >= options.max_connections) {
                socket.close(ec);  // full: refused at once, so idle sockets cannot pile up
            } else if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Connection>(std::move(socket), options, handler, open, bodies)->start();
            } else if (acceptor && acceptor->is_open()) {
                // Out of file descriptors (EMFILE) or similar: pause instead of spinning on accept.
                auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
                timer->async_wait([this, timer](beast::error_code) {
                    if (acceptor && acceptor->is_open()) accept();
                });
                return;
            }
            if (acceptor && acceptor->is_open()) accept();
        });
    }
};

HttpServer::HttpServer(HttpOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { stop(); }

unsigned short HttpServer::start() {
    beast::error_code ec;
    auto address = asio::ip::make_address(impl_->options.host, ec);
    if (ec) throw std::runtime_error("invalid listen address '" + impl_->options.host + "': " + ec.message());
    tcp::endpoint endpoint{address, impl_->options.port};
    auto& acc = impl_->acceptor.emplace(asio::make_strand(impl_->ioc));
    acc.open(endpoint.protocol(), ec);
    if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acc.bind(endpoint, ec);
    if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + impl_->options.host + ":" +
                                     std::to_string(impl_->options.port) + ": " + ec.message());
    unsigned short port = acc.local_endpoint().port();
    impl_->accept();
    int n = std::max(1, impl_->options.threads);
    for (int i = 0; i < n; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->started = true;
    return port;
}

void HttpServer::run_until_signal() {
    asio::io_context signal_ioc;
    asio::signal_set signals(signal_ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { signal_ioc.stop(); });
    // A stop() from elsewhere also ends the wait.
    std::thread watcher([&] {
        std::unique_lock lock(impl_->mutex);
        impl_->stopped_cv.wait(lock, [&] { return impl_->stopped; });
        signal_ioc.stop();
    });
    signal_ioc.run();
    stop();
    watcher.join();
}

void HttpServer::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped) return;
        impl_->stopped = true;
    }
    impl_->stopped_cv.notify_all();
    if (impl_->acceptor) {
        asio::post(impl_->acceptor->get_executor(), [this] {
            beast::error_code ec;
            impl_->acceptor->close(ec);
        });
    }
    impl_->ioc.stop();
    for (auto& t : impl_->threads) {
        if (t.joinable()) t.join();
    }
    impl_->threads.clear();
}

std::size_t HttpServer::open_connections() const { return impl_->open.load(); }

}  // namespace alis::server
