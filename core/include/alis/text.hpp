#pragma once
// A sentence a person reads, in each of the portal's languages. Rules and validation return these,
// so the browser and the server explain a refusal in the same words.
#include <string>
#include <string_view>
#include <optional>

namespace alis {

enum class Language { bokmal, nynorsk, english };

std::string_view language_code(Language lang);  // "nb", "nn", "en"
std::optional<Language> language_from_code(std::string_view code);

struct Text {
    std::string nb;
    std::string nn;
    std::string en;

    const std::string& in(Language lang) const;
    bool operator==(const Text&) const = default;
};

// A count with its noun in the right number: plural(1, "hel måned", "hele måneder") is
// "1 hel måned", plural(0, …) "0 hele måneder". Norwegian and English both use the singular for 1 only.
std::string plural(long n, std::string_view one, std::string_view many);

// A figure with two decimals at most (quartiles of whole days are quarters), as the language writes
// it: 14.25 is "14,25" in Norwegian (and in CSV for Norwegian Excel) and "14.25" in English; 20.0 is "20".
std::string decimal(double v, Language lang);

}  // namespace alis
