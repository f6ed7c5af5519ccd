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

}  // namespace alis
