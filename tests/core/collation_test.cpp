#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "alis/collation.hpp"

using alis::norwegian_compare;
using alis::norwegian_less;

TEST_CASE("æ, ø and å come after z, in that order") {
    std::vector<std::string> names{"Åse", "Øystein", "Zara", "Ærlig", "Anders"};
    std::sort(names.begin(), names.end(), norwegian_less);
    CHECK(names == std::vector<std::string>{"Anders", "Zara", "Ærlig", "Øystein", "Åse"});
}

TEST_CASE("case does not decide the order of letters, only ties") {
    CHECK(norwegian_less("berit", "Bjørn"));
    CHECK(norwegian_less("Berit", "bjørn"));
    CHECK(norwegian_less("åse", "Åse"));
    CHECK(norwegian_compare("Åse", "Åse") == 0);
    CHECK(norwegian_less("ærlig", "Øystein"));
}

TEST_CASE("accented letters sort with their base letter") {
    CHECK(norwegian_less("Andrée", "Andrew"));
    CHECK(norwegian_less("Hélène", "Helga"));  // l-è before l-g: è sorts as e
    CHECK_FALSE(norwegian_less("Helga", "Hélène"));
}

TEST_CASE("shorter prefixes first; malformed UTF-8 does not crash") {
    CHECK(norwegian_less("Ask", "Askøy"));
    CHECK(norwegian_less("Helse Bergen", "Helse Bergen HF"));
    const std::string bad = "A\xC3";
    CHECK(norwegian_compare(bad, "A") > 0);
    CHECK(norwegian_compare("\xFF\xFE", "z") != 0);
}

TEST_CASE("property: sort keys compare as norwegian_compare does, on random text") {
    // Pieces chosen to hit every rule: case ties, accents with their base letter, æ ø å after z,
    // prefixes, punctuation and digits before letters, malformed bytes, and NUL.
    const std::vector<std::string> pieces = {"a", "A", "e", "E", "é", "É", "y", "ü", "z", "Z", "æ", "Æ", "ø", "Ø",
                                             "å", "Å", "ä", " ", "-", "1", "9", "\xC3", "\xFF", std::string(1, '\0'), "€"};
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    auto random_text = [&] {
        std::string s;
        for (std::uint32_t n = next() % 6; n > 0; --n) s += pieces[next() % pieces.size()];
        return s;
    };
    auto sign = [](int v) { return (v > 0) - (v < 0); };
    for (int i = 0; i < 20000; ++i) {
        const std::string a = random_text();
        const std::string b = i % 10 == 0 ? a : random_text();
        const int by_keys = sign(alis::norwegian_sort_key(a).compare(alis::norwegian_sort_key(b)));
        REQUIRE_MESSAGE(by_keys == sign(norwegian_compare(a, b)), "\"" << a << "\" vs \"" << b << "\"");
    }
}

TEST_CASE("names sorted by their keys come out in Norwegian order") {
    std::vector<std::string> names = {"Åse", "Øystein", "Zara", "Ærlig", "ola", "Ola", "Émile", "Erik"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return alis::norwegian_sort_key(a) < alis::norwegian_sort_key(b);
    });
    CHECK(names == std::vector<std::string>{"Émile", "Erik", "ola", "Ola", "Zara", "Ærlig", "Øystein", "Åse"});
}
