#include "alis/sync/document_record.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>

#include "alis/json_fields.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

constexpr std::array kKinds{DocumentKind::cv, DocumentKind::education_plan, DocumentKind::application};

bool is_lower_hex(std::string_view s) {
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// The number of code points in valid UTF-8, or nothing when it is not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included). One pass; no recursion.
std::optional<std::size_t> utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) { len = 1; cp = b; }
        else if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
        else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
        else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
        else return std::nullopt;
        if (i + len > s.size()) return std::nullopt;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (c & 0x3F);
        }
        static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        i += len;
    }
    return n;
}

}  // namespace

const char* to_string(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::cv: return "cv";
        case DocumentKind::education_plan: return "education_plan";
        case DocumentKind::application: return "application";
    }
    return "cv";
}

std::optional<DocumentKind> document_kind_from(std::string_view text) {
    for (const DocumentKind k : kKinds) {
        if (text == to_string(k)) return k;
    }
    return std::nullopt;
}

bool is_document_id(std::string_view id) { return id.size() == 20 && id.substr(0, 4) == "doc-" && is_lower_hex(id.substr(4)); }

std::optional<Problem> check_document_file_name(std::string_view name, const std::string& field) {
    if (name.empty()) return Problem{field, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."}};
    // Four bytes per character at most: a longer text is refused before it is decoded.
    const auto chars = name.size() <= 4 * kMaxDocumentNameChars ? utf8_length(name) : std::optional<std::size_t>(kMaxDocumentNameChars + 1);
    if (!chars) return Problem{field, "not_text", {"Må være tekst (UTF-8).", "Må vera tekst (UTF-8).", "Must be text (UTF-8)."}};
    if (*chars > kMaxDocumentNameChars) {
        return Problem{field, "too_long", {"Filnavnet kan ha høyst 200 tegn.", "Filnamnet kan ha høgst 200 teikn.", "The file name can have at most 200 characters."}};
    }
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return Problem{field, "control_character", {"Filnavnet har et kontrolltegn.", "Filnamnet har eit kontrollteikn.",
                                                        "The file name has a control character."}};
        }
    }
    return std::nullopt;
}

void to_json(json& j, const DocumentRecord& d) {
    j = {{"id", d.id},
         {"doctor_id", d.doctor_id},
         {"kind", to_string(d.kind)},
         {"municipality_id", d.municipality_id},
         {"file_name", d.file_name},
         {"size", d.size},
         {"sha256", d.sha256},
         {"uploaded_on", to_iso(d.uploaded_on)},
         {"uploaded_by", d.uploaded_by}};
}

std::optional<DocumentRecord> parse_document_record(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    DocumentRecord d;
    d.id = f.text("id", detail::kIdBytes, true);
    if (!d.id.empty() && !is_document_id(d.id)) {
        f.add("id", "not_a_document_id", {"Må være en dokument-id (doc- og 16 heksadesimale sifre).",
                                          "Må vera ein dokument-id (doc- og 16 heksadesimale siffer).",
                                          "Must be a document id (doc- and 16 hexadecimal digits)."});
    }
    d.doctor_id = f.text("doctor_id", detail::kIdBytes, true);
    const std::string kind = f.text("kind", 64, true);
    if (auto k = document_kind_from(kind)) {
        d.kind = *k;
    } else if (!kind.empty()) {
        f.add("kind", "unknown_value", {"Ukjent verdi; tillatt: cv, education_plan, application.", "Ukjend verdi; tillate: cv, education_plan, application.",
                                        "Unknown value; allowed: cv, education_plan, application."});
    }
    d.municipality_id = f.text("municipality_id", detail::kIdBytes, false);
    if (d.kind == DocumentKind::application && d.municipality_id.empty()) {
        f.add("municipality_id", "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
    } else if (d.kind != DocumentKind::application && !d.municipality_id.empty()) {
        f.add("municipality_id", "only_for_application", {"Bare en søknad hører til en kommune.", "Berre ein søknad høyrer til ein kommune.",
                                                          "Only an application belongs to a municipality."});
    }
    d.file_name = f.text("file_name", 4 * kMaxDocumentNameChars, true);
    if (!d.file_name.empty()) {
        if (auto p = check_document_file_name(d.file_name, f.path("file_name"))) out.push_back(std::move(*p));
    }
    d.size = static_cast<std::size_t>(f.integer("size", 1, static_cast<int>(kMaxDocumentBytes), 1, true));
    d.sha256 = f.text("sha256", 64, true);
    if (!d.sha256.empty() && (d.sha256.size() != 64 || !is_lower_hex(d.sha256))) {
        f.add("sha256", "not_a_sha256", {"Må være 64 heksadesimale sifre (små bokstaver).", "Må vera 64 heksadesimale siffer (små bokstavar).",
                                         "Must be 64 lower-case hexadecimal digits."});
    }
    if (auto on = f.date("uploaded_on", true)) d.uploaded_on = *on;
    d.uploaded_by = f.text("uploaded_by", detail::kIdBytes, true);
    if (out.size() != before) return std::nullopt;
    return d;
}

}  // namespace alis::sync
