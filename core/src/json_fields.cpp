#include "alis/json_fields.hpp"

namespace alis {

using nlohmann::json;

JsonFields::JsonFields(const json& object, std::string prefix, Problems& problems)
    : object_(object), prefix_(std::move(prefix)), problems_(problems), object_ok_(object.is_object()) {
    if (!object_ok_) {
        problems_.push_back({prefix_.empty() ? "(root)" : prefix_, "not_an_object",
                             {"Må være et JSON-objekt.", "Må vera eit JSON-objekt.", "Must be a JSON object."}});
    }
}

std::string JsonFields::path(const char* name) const {
    return prefix_.empty() ? std::string(name) : prefix_ + "." + name;
}

void JsonFields::add(const char* name, std::string rule, Text message) {
    problems_.push_back({path(name), std::move(rule), std::move(message)});
}

const json* JsonFields::find(const char* name, bool required) {
    if (!object_ok_) return nullptr;
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
        if (required) {
            add(name, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
        }
        return nullptr;
    }
    return &*it;
}

std::string JsonFields::text(const char* name, size_t max_bytes, bool required) {
    const json* v = find(name, required);
    if (!v) return {};
    if (!v->is_string()) {
        add(name, "not_text", {"Må være tekst.", "Må vera tekst.", "Must be text."});
        return {};
    }
    std::string s = v->get<std::string>();
    if (s.size() > max_bytes) {
        const std::string n = std::to_string(max_bytes);
        add(name, "too_long",
            {"Kan ha høyst " + n + " byte.", "Kan ha høgst " + n + " byte.", "At most " + n + " bytes."});
        return {};
    }
    if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
        add(name, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    }
    return s;
}

std::optional<Date> JsonFields::date(const char* name, bool required) {
    const json* v = find(name, required);
    if (!v) return std::nullopt;
    std::optional<Date> d;
    if (v->is_string()) d = parse_iso(v->get_ref<const std::string&>());
    if (!d) {
        add(name, "not_a_date",
            {"Må være en gyldig dato (ÅÅÅÅ-MM-DD).", "Må vera ein gyldig dato (ÅÅÅÅ-MM-DD).",
             "Must be a valid date (YYYY-MM-DD)."});
    }
    return d;
}

int JsonFields::integer(const char* name, int min, int max, int fallback, bool required) {
    const json* v = find(name, required);
    if (!v) return fallback;
    if (!v->is_number_integer()) {
        add(name, "not_an_integer", {"Må være et heltall.", "Må vera eit heiltal.", "Must be a whole number."});
        return fallback;
    }
    const auto value = v->get<long long>();
    if (value < min || value > max) {
        const std::string lo = std::to_string(min), hi = std::to_string(max);
        add(name, "out_of_range",
            {"Må være mellom " + lo + " og " + hi + ".", "Må vera mellom " + lo + " og " + hi + ".",
             "Must be between " + lo + " and " + hi + "."});
        return fallback;
    }
    return static_cast<int>(value);
}

bool JsonFields::boolean(const char* name, bool fallback) {
    const json* v = find(name, false);
    if (!v) return fallback;
    if (!v->is_boolean()) {
        add(name, "not_a_boolean", {"Må være true eller false.", "Må vera true eller false.", "Must be true or false."});
        return fallback;
    }
    return v->get<bool>();
}

}  // namespace alis
