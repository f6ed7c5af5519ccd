#include "alis/csv_reader.hpp"

#include "alis/csv.hpp"

namespace alis {

namespace {

// The length of the UTF-8 sequence at `s[i]`, or 0 when it is not well formed (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return n;
}

std::string line_field(int line) { return "line " + std::to_string(line); }

Text at_line(int line, const std::string& nb, const std::string& nn, const std::string& en) {
    const std::string n = std::to_string(line);
    return {"Linje " + n + ": " + nb, "Linje " + n + ": " + nn, "Line " + n + ": " + en};
}

bool all_empty(const std::vector<std::string>& fields) {
    for (const auto& f : fields) {
        if (!f.empty()) return false;
    }
    return true;
}

}  // namespace

std::optional<std::vector<CsvRow>> read_csv(std::string_view bytes, Problems& out, const CsvLimits& limits) {
    if (bytes.size() > limits.max_bytes) {
        out.push_back({"file", "file_too_large",
                       {"Fila er større enn " + std::to_string(limits.max_bytes / 1024) + " KiB.",
                        "Fila er større enn " + std::to_string(limits.max_bytes / 1024) + " KiB.",
                        "The file is larger than " + std::to_string(limits.max_bytes / 1024) + " KiB."}});
        return std::nullopt;
    }
    if (bytes.substr(0, 3) == kCsvBom) bytes.remove_prefix(3);

    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    std::string field;
    int line = 1;
    bool quoted = false;        // inside a field's quotes
    bool after_quote = false;   // a quoted field closed; only ';' or a line end may follow
    bool field_started = false; // the current row has a field open (even an empty one)
    const auto fail = [&](const std::string& rule, Text message) {
        out.push_back({line_field(line), rule, std::move(message)});
        return std::nullopt;
    };
    const auto end_field = [&]() -> bool {
        if (row.fields.size() >= limits.max_fields) return false;
        row.fields.push_back(std::move(field));
        field.clear();
        after_quote = false;
        return true;
    };
    const auto too_many_fields = [&] {
        return fail("too_many_fields", at_line(line, "mer enn " + std::to_string(limits.max_fields) + " felt.",
                                               "meir enn " + std::to_string(limits.max_fields) + " felt.",
                                               "more than " + std::to_string(limits.max_fields) + " fields."));
    };

    // A row with some text is kept; false when that would pass the limit.
    const auto keep_row = [&]() -> bool {
        if (all_empty(row.fields)) return true;
        if (rows.size() >= limits.max_rows) return false;
        rows.push_back(std::move(row));
        return true;
    };
    const auto too_many_rows = [&] {
        return fail("too_many_rows", at_line(line, "fila har mer enn " + std::to_string(limits.max_rows) + " rader.",
                                             "fila har meir enn " + std::to_string(limits.max_rows) + " rader.",
                                             "the file has more than " + std::to_string(limits.max_rows) + " rows."));
    };

    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = utf8_length(bytes, i);
        if (n == 0) {
            return fail("not_utf8", at_line(line, "fila er ikke lagret som UTF-8 (lagre som «CSV UTF-8»).",
                                            "fila er ikkje lagra som UTF-8 (lagre som «CSV UTF-8»).",
                                            "the file is not saved as UTF-8 (save it as \"CSV UTF-8\")."));
        }
        const char c = bytes[i];
        const bool line_break = c == '\n' || c == '\r';
        const std::size_t step = (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : n;
        if (quoted) {
            if (c == '"') {
                if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                after_quote = true;
            } else {
                field.append(bytes.substr(i, step == 2 ? 2 : n));
            }
            if (line_break) ++line;
        } else if (c == ';') {
            if (!end_field()) return too_many_fields();
            field_started = true;
        } else if (line_break) {
            if (field_started || !field.empty() || after_quote) {
                if (!end_field()) return too_many_fields();
            }
            if (!keep_row()) return too_many_rows();
            ++line;
            row = CsvRow{line, {}};
            field_started = false;
        } else if (after_quote) {
            return fail("text_after_quote", at_line(line, "tekst etter et avsluttende anførselstegn.",
                                                    "tekst etter eit avsluttande hermeteikn.",
                                                    "text after a closing quote."));
        } else if (c == '"' && field.empty()) {
            quoted = true;
            field_started = true;
        } else {
            field.append(bytes.substr(i, n));
            field_started = true;
        }
        if (field.size() > limits.max_field_bytes) {
            return fail("field_too_long", at_line(line, "et felt er lengre enn " + std::to_string(limits.max_field_bytes) + " byte.",
                                                  "eit felt er lengre enn " + std::to_string(limits.max_field_bytes) + " byte.",
                                                  "a field is longer than " + std::to_string(limits.max_field_bytes) + " bytes."));
        }
        i += step;
    }
    if (quoted) {
        line = row.line;
        return fail("unterminated_quote", at_line(line, "et anførselstegn er ikke lukket.", "eit hermeteikn er ikkje lukka.",
                                                  "a quote is never closed."));
    }
    if (field_started || !field.empty() || after_quote) {
        if (!end_field()) return too_many_fields();
    }
    if (!keep_row()) return too_many_rows();
    return rows;
}

std::string csv_text(const std::string& field) {
    const auto first = field.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    std::string text = field.substr(first, field.find_last_not_of(' ') - first + 1);
    if (text.size() >= 2 && text[0] == '\'' && std::string_view("=+-@\t\r").find(text[1]) != std::string_view::npos) text.erase(0, 1);
    return text;
}

}  // namespace alis
