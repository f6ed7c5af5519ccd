#include "alis/text.hpp"

#include <cstdio>

namespace alis {

std::string_view language_code(Language lang) {
    switch (lang) {
        case Language::bokmal: return "nb";
        case Language::nynorsk: return "nn";
        case Language::english: return "en";
    }
    return "nb";
}

std::optional<Language> language_from_code(std::string_view code) {
    if (code == "nb") return Language::bokmal;
    if (code == "nn") return Language::nynorsk;
    if (code == "en") return Language::english;
    return std::nullopt;
}

const std::string& Text::in(Language lang) const {
    switch (lang) {
        case Language::bokmal: return nb;
        case Language::nynorsk: return nn;
        case Language::english: return en;
    }
    return nb;
}

std::string plural(long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string decimal(double v, Language lang) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (lang != Language::english) {
        for (char& c : s) {
            if (c == '.') c = ',';
        }
    }
    return s;
}

}  // namespace alis
