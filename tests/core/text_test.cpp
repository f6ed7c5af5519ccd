// Numbers and counts as each language writes them.
#include <doctest/doctest.h>

#include "alis/text.hpp"

using namespace alis;

TEST_CASE("a figure has two decimals at most, with a comma in Norwegian and a point in English") {
    CHECK(decimal(14.5, Language::bokmal) == "14,5");
    CHECK(decimal(14.5, Language::nynorsk) == "14,5");
    CHECK(decimal(14.5, Language::english) == "14.5");
    CHECK(decimal(14.25, Language::bokmal) == "14,25");  // a quartile of whole days, exactly
    CHECK(decimal(20.0, Language::bokmal) == "20");
    CHECK(decimal(0.001, Language::bokmal) == "0");
    CHECK(decimal(1234.567, Language::bokmal) == "1234,57");
    CHECK(decimal(10.10, Language::english) == "10.1");
}

TEST_CASE("a count takes the singular for 1 only") {
    CHECK(plural(0, "hel måned", "hele måneder") == "0 hele måneder");
    CHECK(plural(1, "hel måned", "hele måneder") == "1 hel måned");
    CHECK(plural(2, "hel måned", "hele måneder") == "2 hele måneder");
}
