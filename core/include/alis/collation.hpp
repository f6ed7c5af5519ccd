#pragma once
// Norwegian alphabetical order: a–z, then æ, ø, å; case and accents on other letters do not count
// first (é sorts with e). Tables of names sort with this, so Zara < Ærlig < Øystein < Åse.
#include <string>
#include <string_view>

namespace alis {

// Negative, zero or positive, like strcmp, for UTF-8 text.
int norwegian_compare(std::string_view a, std::string_view b);
inline bool norwegian_less(std::string_view a, std::string_view b) { return norwegian_compare(a, b) < 0; }

// A byte string whose plain comparison (memcmp order) gives norwegian_compare's order: a table of
// thousands of names computes the keys once and sorts them without decoding UTF-8 per comparison.
std::string norwegian_sort_key(std::string_view text);

}  // namespace alis
