#include "alis/collation.hpp"

#include <cstdint>
#include <utility>

namespace alis {

namespace {

// Decodes one UTF-8 code point; malformed bytes are taken one at a time as themselves.
char32_t next_code_point(std::string_view s, size_t& i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    auto continuation = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
    if (c < 0x80) { ++i; return c; }
    if ((c & 0xE0) == 0xC0 && continuation(i + 1)) {
        const char32_t cp = ((c & 0x1F) << 6) | (byte(i + 1) & 0x3F);
        i += 2;
        return cp;
    }
    if ((c & 0xF0) == 0xE0 && continuation(i + 1) && continuation(i + 2)) {
        const char32_t cp = ((c & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
        i += 3;
        return cp;
    }
    if ((c & 0xF8) == 0xF0 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
        const char32_t cp = ((c & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
        i += 4;
        return cp;
    }
    ++i;
    return c;
}

// Primary weight: the letter's place in the Norwegian alphabet, ignoring case and accents; other
// characters keep their code point, after every letter.
std::uint32_t primary(char32_t c) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 'a' && c <= 'z') return 1000 + (c - 'a') * 10;
    switch (c) {
        case U'æ': case U'Æ': case U'ä': case U'Ä': return 1000 + 26 * 10;
        case U'ø': case U'Ø': case U'ö': case U'Ö': return 1000 + 27 * 10;
        case U'å': case U'Å': return 1000 + 28 * 10;
        case U'à': case U'á': case U'â': case U'À': case U'Á': case U'Â': return 1000;
        case U'é': case U'è': case U'ê': case U'É': case U'È': case U'Ê': return 1000 + 4 * 10;
        case U'ó': case U'ò': case U'ô': case U'Ó': case U'Ò': case U'Ô': return 1000 + 14 * 10;
        case U'ü': case U'Ü': return 1000 + 24 * 10;  // y, as Norwegian dictionaries do
        default: break;
    }
    if (c < 'A') return c;  // spaces, digits, punctuation before letters
    return 2000 + c;
}

void put_3_bytes(std::string& out, std::uint32_t value) {
    out.push_back(static_cast<char>((value >> 16) & 0xFF));
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
    out.push_back(static_cast<char>(value & 0xFF));
}

}  // namespace

// Primary weights (+1, so that 0 0 0 can end them and a prefix sorts first), then, for ties, every
// code point inverted (norwegian_compare puts the larger code point first: 'a' before 'A').
std::string norwegian_sort_key(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 6 + 3);
    for (size_t i = 0; i < text.size();) put_3_bytes(out, primary(next_code_point(text, i)) + 1);
    put_3_bytes(out, 0);
    for (size_t i = 0; i < text.size();) put_3_bytes(out, 0xFFFFFF - static_cast<std::uint32_t>(next_code_point(text, i)));
    return out;
}

int norwegian_compare(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    int tie = 0;  // decided by code point (case, accents) when the letters are equal
    while (i < a.size() && j < b.size()) {
        const char32_t ca = next_code_point(a, i);
        const char32_t cb = next_code_point(b, j);
        const auto pa = primary(ca), pb = primary(cb);
        if (pa != pb) return pa < pb ? -1 : 1;
        if (tie == 0 && ca != cb) tie = ca < cb ? 1 : -1;  // lower case first: 'a' < 'A'
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return tie;
}

}  // namespace alis
