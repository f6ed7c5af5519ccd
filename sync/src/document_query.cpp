#include "document_query.hpp"

namespace alis::server {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const Text kRequired{"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."};

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<UploadQuery> parse_upload_query(std::string_view query, Problems& out) {
    const std::size_t before = out.size();
    std::optional<std::string> doctor, kind, name;
    std::size_t pos = 0;
    while (pos <= query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view part = query.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t eq = part.find('=');
        const std::string_view key = part.substr(0, eq);
        std::optional<std::string>* slot = key == "doctor" ? &doctor : key == "kind" ? &kind : key == "name" ? &name : nullptr;
        if (!slot) continue;  // other parameters (a cache-buster) are ignored
        const std::string field(key);
        if (*slot) {
            out.push_back({field, "repeated", {"Står mer enn én gang.", "Står meir enn éin gong.", "Given more than once."}});
            continue;
        }
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
        if (!value) {
            out.push_back({field, "bad_encoding", {"Ugyldig prosentkoding.", "Ugyldig prosentkoding.", "Invalid percent-encoding."}});
            *slot = std::string();
            continue;
        }
        *slot = std::move(*value);
    }
    UploadQuery q;
    if (!doctor || doctor->empty()) {
        out.push_back({"doctor", "required", kRequired});
    } else if (doctor->size() > 64) {
        out.push_back({"doctor", "too_long", {"Kan ha høyst 64 byte.", "Kan ha høgst 64 byte.", "At most 64 bytes."}});
    } else {
        q.doctor_id = *doctor;
    }
    if (!kind || kind->empty()) {
        out.push_back({"kind", "required", kRequired});
    } else if (auto k = sync::document_kind_from(*kind)) {
        q.kind = *k;
    } else {
        out.push_back({"kind", "unknown_value", {"Ukjent verdi; tillatt: cv, education_plan, application.",
                                                 "Ukjend verdi; tillate: cv, education_plan, application.",
                                                 "Unknown value; allowed: cv, education_plan, application."}});
    }
    if (auto bad = sync::check_document_file_name(name.value_or(""), "name")) {
        out.push_back(std::move(*bad));
    } else {
        q.file_name = *name;
    }
    if (out.size() != before) return std::nullopt;
    return q;
}

std::string ascii_file_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80) {
            if ((b & 0xC0) != 0x80) out += '_';  // one '_' per non-ASCII character, not per byte
        } else if (b < 0x20 || b == 0x7f || c == '"' || c == '\\' || c == '/' || c == ';') {
            out += '_';
        } else {
            out += c;
        }
    }
    if (out.find_first_not_of("_ .") == std::string::npos) return "document.pdf";
    return out;
}

}  // namespace alis::server
