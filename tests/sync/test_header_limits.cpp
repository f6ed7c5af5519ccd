// The header limits the reader enforces (header_limits.hpp): one size and one count, each with a 431
// naming its rule in three languages.
#include <doctest/doctest.h>

#include "header_limits.hpp"
#include "test_server.hpp"

using namespace alis::server;

TEST_CASE("header lines: up to the count limit pass, one more is a 431 naming the rule, and the connection closes") {
    CHECK_FALSE(check_header_count(0));
    CHECK_FALSE(check_header_count(kMaxHeaderFields));
    auto refused = check_header_count(kMaxHeaderFields + 1);
    REQUIRE(refused);
    CHECK(refused->status == 431);
    CHECK(refused->close);
    auto j = nlohmann::json::parse(refused->body);
    CHECK(j["error"]["rule"] == "too_many_headers");
    CHECK(j["error"]["message"]["en"].get<std::string>().find("100") != std::string::npos);
    CHECK(check_header_count(1000000)->status == 431);
}

TEST_CASE("the size refusal names the documented 16 KiB") {
    auto r = header_too_large();
    CHECK(r.status == 431);
    auto j = nlohmann::json::parse(r.body);
    CHECK(j["error"]["rule"] == "header_too_large");
    CHECK(j["error"]["message"]["nb"].get<std::string>().find("16384") != std::string::npos);
}

// Over a real connection: Beast alone checked each read's leftover, so lines parsed in earlier reads
// piled up without end (a million accepted); the reader now adds up what it parsed.
TEST_CASE("over HTTP: the header limits hold however the lines arrive") {
    alis::test::TestServer s;
    const std::string host = "127.0.0.1";
    SUBCASE("100 header lines pass, 101 get 431 too_many_headers") {
        std::string head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (int i = 0; i < 99; ++i) head += "X-" + std::to_string(i) + ": a\r\n";
        CHECK(alis::test::raw_exchange(host, s.port, head + "\r\n").status == 200);
        auto refused = alis::test::raw_exchange(host, s.port, head + "X-one-more: a\r\n\r\n");
        CHECK(refused.status == 431);
        CHECK(refused.json()["error"]["rule"] == "too_many_headers");
    }
    SUBCASE("one 12 KiB header line passes (the read buffer holds the whole limit)") {
        std::string head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + std::string(12u << 10, 'a') + "\r\n\r\n";
        CHECK(alis::test::raw_exchange(host, s.port, head).status == 200);
    }
    SUBCASE("one line over 16 KiB gets 431 header_too_large") {
        auto r = alis::test::stream_header_lines(host, s.port, "X-Long: " + std::string(20u << 10, 'a') + "\r\n", 1);
        CHECK(r.status == 431);
        CHECK(r.response.find("header_too_large") != std::string::npos);
    }
    SUBCASE("a million short lines are refused after about 16 KiB, and the server still answers") {
        auto r = alis::test::stream_header_lines(host, s.port, "a:\r\n", 1000000);
        CHECK(r.status == 431);
        CHECK(r.sent < (1u << 20));  // refused long before the million lines were sent
        CHECK(s.client().get("/api/health").status == 200);
    }
    SUBCASE("a million empty-valued lines of one field name are refused the same way") {
        auto r = alis::test::stream_header_lines(host, s.port, "Cookie: \r\n", 1000000);
        CHECK(r.status == 431);
        CHECK(s.client().get("/api/health").status == 200);
    }
}
