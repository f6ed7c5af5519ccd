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
