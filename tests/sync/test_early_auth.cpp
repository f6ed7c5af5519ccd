// Anonymous large bodies are refused from their header (HttpOptions::screen_head, App::screen_head):
// an upload or push without a session gets the handler's own 401 before a byte of its body is read or
// any body budget reserved, so slow anonymous uploads cannot turn signed-in GPs away with 503 busy.
// Each anonymous connection sends its header only (as a slow client would) and is never given a
// body: an answer can come only from the header.
#include <doctest/doctest.h>

#include <vector>

#include "alis/sync/documents.hpp"
#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {

const char* kDemo = alis::server::kDemoPassword;
constexpr int kBound = 10;  // seconds a read may wait before the test counts it as no answer
constexpr char kPdfBytes[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const std::string kPdf(kPdfBytes, sizeof kPdfBytes - 1);

std::string origin(const TestServer& s) { return "http://127.0.0.1:" + std::to_string(s.port); }

// The header of a 5,000,000-byte upload as the portal's page sends it, but without a session.
std::string upload_head(const TestServer& s, const std::string& extra_lines = "") {
    return "POST /api/documents/upload?doctor=d-demo-lege&kind=cv&name=cv.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/pdf\r\nOrigin: " + origin(s) + "\r\nContent-Length: " +
           std::to_string(alis::sync::kMaxDocumentBytes) + "\r\n" + extra_lines + "\r\n";
}

// The header of a chunked push without a session: it would reserve the push's whole limit.
std::string chunked_push_head(const TestServer& s) {
    return "POST /api/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nOrigin: " + origin(s) +
           "\r\nTransfer-Encoding: chunked\r\n\r\n";
}

// What route_api answers an anonymous caller of `path` once the body is read (the handler, not the screen).
alis::test::HttpResult handler_answer(TestServer& s, const std::string& path, const std::string& type, const std::string& body) {
    alis::server::Request req;
    req.method = "POST";
    req.target = req.path = path;
    req.headers = {{"content-type", type}, {"origin", origin(s)}};
    req.body = body;
    const auto r = s.app().handle(req);
    alis::test::HttpResult out;
    out.status = r.status;
    out.body = r.body;
    return out;
}

// Opens one connection per head, sends each its head and nothing more.
std::vector<int> hold(const TestServer& s, const std::string& head, int n) {
    std::vector<int> fds;
    for (int i = 0; i < n; ++i) fds.push_back(open_idle_connection("127.0.0.1", s.port, head));
    return fds;
}

// A signed-in GP's small push, as the page sends it (Content-Length: it reserves its own size).
int gp_push(HttpClient& gp) {
    return gp.post("/api/push", {{"client_id", "gp-early"}, {"mutations", json::array()}}).status;
}

}  // namespace

TEST_CASE("an anonymous upload declaring 5,000,000 bytes gets the handler's 401 from its header alone") {
    TestServer s;
    const int fd = open_idle_connection("127.0.0.1", s.port, upload_head(s));
    const auto early = read_response(fd, kBound);
    close_fd(fd);
    CHECK(early.status == 401);
    CHECK(early.json()["error"]["rule"] == "not_logged_in");
    CHECK(early.header("connection") == "close");  // the unsent body is never taken for a next request
    CHECK(early.header("cache-control") == "no-store");
    // Word for word what the handler says to an anonymous upload whose body it has read.
    const auto late = handler_answer(s, "/api/documents/upload", "application/pdf", kPdf);
    CHECK(late.status == 401);
    CHECK(early.body == late.body);

    // A client that waits for 100 Continue is not invited to send: the 401 comes first.
    const int waiting = open_idle_connection("127.0.0.1", s.port, upload_head(s, "Expect: 100-continue\r\n"));
    CHECK(read_response(waiting, kBound).status == 401);
    close_fd(waiting);
    // An unknown or ended session is no session.
    const int stale = open_idle_connection("127.0.0.1", s.port, upload_head(s, "Cookie: alis_session=not-a-session\r\n"));
    CHECK(read_response(stale, kBound).status == 401);
    close_fd(stale);
}

TEST_CASE("anonymous uploads held at their header do not take the body budget from a signed-in GP's push") {
    TestServerOptions o;
    o.body_budget = alis::sync::kMaxDocumentBytes;  // one upload's worth: a single reservation would fill it
    TestServer s(o);
    HttpClient gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    // Four slow uploads: their headers and the first bytes of a PDF, then nothing.
    const auto fds = hold(s, upload_head(s) + "%PDF-1.7\n", 4);
    CHECK(gp_push(gp) == 200);  // not 503 server_busy
    for (int fd : fds) {
        CHECK(read_response(fd, kBound).status == 401);
        close_fd(fd);
    }
    CHECK(gp_push(gp) == 200);
}

TEST_CASE("a signed-in GP's upload still goes through, and the handler still checks what it checked") {
    TestServerOptions o;
    o.body_budget = alis::sync::kMaxDocumentBytes;
    TestServer s(o);
    HttpClient gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    REQUIRE(gp.post("/api/push", {{"client_id", "gp-1"}, {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen"))}}})
                .json()["applied"]
                .size() == 1);
    const auto fds = hold(s, upload_head(s), 3);  // anonymous uploads meanwhile
    const std::string target = "/api/documents/upload?doctor=d-demo-lege&kind=cv&name=cv.pdf";
    const auto up = gp.request("POST", target, kPdf, {{"Content-Type", "application/pdf"}, {"Origin", gp.origin()}});
    CHECK(up.status == 201);
    CHECK(up.json()["document"]["doctor_id"] == "d-demo-lege");
    // With a session the body is read and the handler answers as before: its content type, its origin.
    CHECK(gp.request("POST", target, kPdf, {{"Content-Type", "application/json"}, {"Origin", gp.origin()}}).status == 415);
    CHECK(gp.request("POST", target, kPdf, {{"Content-Type", "application/pdf"}, {"Origin", "https://evil.example"}}).status == 403);
    for (int fd : fds) {
        CHECK(read_response(fd, kBound).status == 401);
        close_fd(fd);
    }
}

TEST_CASE("anonymous chunked pushes get 401 from their header and leave the budget to a signed-in push") {
    TestServerOptions o;
    o.body_budget = 4 * o.body_limit;  // each chunked push reserves its whole limit: four fill it
    TestServer s(o);
    HttpClient gp = s.client();
    REQUIRE(gp.login("demo-lege", kDemo).status == 200);
    const auto fds = hold(s, chunked_push_head(s), 6);
    CHECK(gp_push(gp) == 200);
    const auto late = handler_answer(s, "/api/push", "application/json", R"({"client_id":"x","mutations":[]})");
    REQUIRE(late.status == 401);
    for (int fd : fds) {
        const auto early = read_response(fd, kBound);
        CHECK(early.status == 401);
        CHECK(early.body == late.body);
        close_fd(fd);
    }
    // Small bodies elsewhere are not screened: an anonymous log-in still reaches its handler.
    HttpClient anonymous = s.client();
    CHECK(anonymous.login("demo-lege", "wrong password").status == 401);
    CHECK(anonymous.login("demo-lege", kDemo).status == 200);
}
