// Untrusted JSON: every limit is checked while reading, and nesting far past the stack's depth is
// refused without recursion (a recursive parser or copy would crash on these inputs).
#include <doctest/doctest.h>

#include <string>

#include "alis/bounded_json.hpp"

using alis::JsonLimits;
using alis::parse_bounded_json;
using alis::Problem;

namespace {
std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }
std::string nested_objects(std::size_t depth) {
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) s += "{\"a\":";
    s += "1";
    s += std::string(depth, '}');
    return s;
}
}  // namespace

TEST_SUITE("bounded json") {
TEST_CASE("a value within the limits parses to the same value nlohmann gives") {
    const std::string text = R"({"client_id":"c1","mutations":[{"id":1,"name":"put_wish","args":{"rank":2,"x":[1.5,true,null,"æøå"]}}],"n":-3,"u":18446744073709551615})";
    Problem why;
    auto v = parse_bounded_json(text, JsonLimits{}, why);
    REQUIRE(v);
    CHECK(*v == nlohmann::json::parse(text));
    CHECK(why.rule.empty());
}

TEST_CASE("nesting one level past the limit is refused as too_deep; at the limit it parses") {
    JsonLimits l;
    l.max_depth = 8;
    Problem why;
    CHECK(parse_bounded_json(nested_arrays(8), l, why));
    CHECK_FALSE(parse_bounded_json(nested_arrays(9), l, why));
    CHECK(why.rule == "too_deep");
    CHECK(why.field == "(body)");
    CHECK(why.message.nb.find("8") != std::string::npos);
    CHECK_FALSE(parse_bounded_json(nested_objects(9), l, why));
    CHECK(why.rule == "too_deep");
}

TEST_CASE("a million levels of nesting are refused without touching the stack") {
    Problem why;
    CHECK_FALSE(parse_bounded_json(nested_arrays(1000000), JsonLimits{}, why));
    CHECK(why.rule == "too_deep");
    CHECK_FALSE(parse_bounded_json(nested_objects(300000), JsonLimits{}, why));
    CHECK(why.rule == "too_deep");
}

TEST_CASE("strings, keys, items and values each have their own rule") {
    JsonLimits l;
    l.max_string_bytes = 4;
    l.max_items = 3;
    l.max_values = 6;
    Problem why;
    CHECK(parse_bounded_json(R"(["abcd"])", l, why));
    CHECK_FALSE(parse_bounded_json(R"(["abcde"])", l, why));
    CHECK(why.rule == "string_too_long");
    CHECK_FALSE(parse_bounded_json(R"({"abcde":1})", l, why));
    CHECK(why.rule == "string_too_long");
    CHECK(parse_bounded_json("[1,2,3]", l, why));
    CHECK_FALSE(parse_bounded_json("[1,2,3,4]", l, why));
    CHECK(why.rule == "too_many_items");
    CHECK_FALSE(parse_bounded_json(R"({"a":1,"b":2,"c":3,"d":4})", l, why));
    CHECK(why.rule == "too_many_items");
    // Containers count too: 7 values in all, no container over 3 items.
    CHECK_FALSE(parse_bounded_json("[[1,2],[3,4]]", l, why));
    CHECK(why.rule == "too_many_values");
    CHECK(parse_bounded_json("[[1,2],[3]]", l, why));
}

TEST_CASE("malformed text names the character where reading stopped") {
    Problem why;
    CHECK_FALSE(parse_bounded_json(R"({"a": [1, 2})", JsonLimits{}, why));
    CHECK(why.rule == "malformed_json");
    CHECK(why.message.en.find("character") != std::string::npos);
    CHECK_FALSE(parse_bounded_json("", JsonLimits{}, why));
    CHECK(why.rule == "malformed_json");
    CHECK_FALSE(parse_bounded_json("\xff\xfe", JsonLimits{}, why));
    CHECK(why.rule == "malformed_json");
    CHECK_FALSE(parse_bounded_json("[1] [2]", JsonLimits{}, why));
    CHECK(why.rule == "malformed_json");
}

TEST_CASE("a duplicate key keeps the last value, as nlohmann's own parser does") {
    Problem why;
    auto v = parse_bounded_json(R"({"a":1,"a":{"b":2}})", JsonLimits{}, why);
    REQUIRE(v);
    CHECK(*v == nlohmann::json::parse(R"({"a":1,"a":{"b":2}})"));
}
}
