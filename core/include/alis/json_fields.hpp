#pragma once
// Reads the fields of one JSON object and collects a Problem for each field that breaks its rule,
// so a form or an API call hears about every bad field at once, each by name, instead of the first
// exception that nlohmann::json would throw.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "alis/date.hpp"
#include "alis/problem.hpp"

namespace alis {

class JsonFields {
public:
    // prefix is prepended to field names in problems, e.g. "period" gives "period.start".
    JsonFields(const nlohmann::json& object, std::string prefix, Problems& problems);

    bool is_object() const { return object_ok_; }

    std::string text(const char* name, size_t max_bytes, bool required);
    std::optional<Date> date(const char* name, bool required);
    int integer(const char* name, int min, int max, int fallback, bool required);
    bool boolean(const char* name, bool fallback);

    // The path of a field, for problems raised by the caller's own cross-field rules.
    std::string path(const char* name) const;
    void add(const char* name, std::string rule, Text message);

private:
    const nlohmann::json* find(const char* name, bool required);

    const nlohmann::json& object_;
    std::string prefix_;
    Problems& problems_;
    bool object_ok_;
};

// Reads a text field that must name one of `values` (as their to_string names them, found by
// argument-dependent lookup); an unknown name is a problem that lists the allowed ones.
template <typename Enum, typename Values>
std::optional<Enum> read_enum(JsonFields& f, const char* name, const Values& values, Enum fallback, bool required) {
    const std::string s = f.text(name, 64, required);
    if (s.empty()) return required ? std::nullopt : std::optional<Enum>(fallback);
    for (Enum e : values) {
        if (to_string(e) == s) return e;
    }
    std::string allowed;
    for (Enum e : values) allowed += (allowed.empty() ? "" : ", ") + to_string(e);
    f.add(name, "unknown_value",
          {"Ukjent verdi; tillatt: " + allowed + ".", "Ukjend verdi; tillate: " + allowed + ".",
           "Unknown value; allowed: " + allowed + "."});
    return std::nullopt;
}

}  // namespace alis
