#include "alis/bounded_json.hpp"

#include <string>
#include <vector>

namespace alis {

namespace {

using nlohmann::json;

// Builds the value with an explicit stack of open containers; stops at the first broken limit.
class BoundedBuilder {
public:
    BoundedBuilder(const JsonLimits& limits, Problem& why) : limits_(limits), why_(why) {}

    bool null() { return add(json(nullptr)); }
    bool boolean(bool v) { return add(json(v)); }
    bool number_integer(json::number_integer_t v) { return add(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return add(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) { return add(json(v)); }
    bool binary(json::binary_t&) { return fail("malformed_json", "binære data", "binære data", "binary data"); }
    bool string(std::string& v) {
        if (v.size() > limits_.max_string_bytes) return string_too_long();
        return add(json(std::move(v)));
    }
    bool key(std::string& k) {
        if (k.size() > limits_.max_string_bytes) return string_too_long();
        key_ = std::move(k);
        return true;
    }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        const std::string at = std::to_string(position);
        return fail("malformed_json", "Innholdet er ikke gyldig JSON (tegn " + at + ").",
                    "Innhaldet er ikkje gyldig JSON (teikn " + at + ").",
                    "The body is not valid JSON (character " + at + ").");
    }

    json take() { return std::move(root_); }

private:
    struct Open {
        json* value;
        std::size_t items;
    };

    bool count_value() {
        if (++values_ > limits_.max_values) {
            const std::string n = std::to_string(limits_.max_values);
            return fail("too_many_values", "Innholdet har flere enn " + n + " verdier.",
                        "Innhaldet har fleire enn " + n + " verdiar.", "The body has more than " + n + " values.");
        }
        if (!stack_.empty() && ++stack_.back().items > limits_.max_items) {
            const std::string n = std::to_string(limits_.max_items);
            return fail("too_many_items", "En liste eller et objekt har flere enn " + n + " elementer.",
                        "Ei liste eller eit objekt har fleire enn " + n + " element.",
                        "An array or object has more than " + n + " items.");
        }
        return true;
    }

    // Places v in the open container (or as the root) and returns where it now lives.
    json* place(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back().value;
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& slot = parent[key_];
        slot = std::move(v);
        return &slot;
    }

    bool add(json&& v) {
        if (!count_value()) return false;
        place(std::move(v));
        return true;
    }

    bool open(json&& container) {
        if (!count_value()) return false;
        if (stack_.size() >= limits_.max_depth) {
            const std::string n = std::to_string(limits_.max_depth);
            return fail("too_deep", "Innholdet er nøstet dypere enn " + n + " nivåer.",
                        "Innhaldet er nøsta djupare enn " + n + " nivå.", "The body is nested deeper than " + n + " levels.");
        }
        stack_.push_back({place(std::move(container)), 0});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    bool string_too_long() {
        const std::string n = std::to_string(limits_.max_string_bytes);
        return fail("string_too_long", "En tekst i innholdet er lengre enn " + n + " byte.",
                    "Ein tekst i innhaldet er lengre enn " + n + " byte.", "A string in the body is longer than " + n + " bytes.");
    }

    bool fail(const char* rule, std::string nb, std::string nn, std::string en) {
        if (why_.rule.empty()) why_ = {"(body)", rule, {std::move(nb), std::move(nn), std::move(en)}};
        return false;
    }

    const JsonLimits& limits_;
    Problem& why_;
    json root_;
    std::vector<Open> stack_;
    std::string key_;
    std::size_t values_ = 0;
};

}  // namespace

std::optional<json> parse_bounded_json(std::string_view text, const JsonLimits& limits, Problem& why) {
    why = {};
    BoundedBuilder builder(limits, why);
    bool ok = false;
    try {
        ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
    } catch (const std::exception&) {
        ok = false;  // sax_parse reports through parse_error; this is belt and braces
    }
    if (!ok) {
        if (why.rule.empty()) {
            why = {"(body)", "malformed_json",
                   {"Innholdet er ikke gyldig JSON.", "Innhaldet er ikkje gyldig JSON.", "The body is not valid JSON."}};
        }
        return std::nullopt;
    }
    return builder.take();
}

}  // namespace alis
