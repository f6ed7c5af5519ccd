// The header limits the reader enforces (header_limits.hpp): one size and one count, each with a 431
// naming its rule in three languages.
#include <doctest/doctest.h>

#include "header_limits.hpp"

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
