#pragma once
// The metadata of one stored document (issue 14) as a sync record of kind `document`: what a pull
// carries so a screen can list a GP's CV, education plan and applications. The bytes never travel in
// a pull; they are fetched by id from the server (docs/sync-server.md, /api/documents/get). Only the
// server makes, replaces and deletes these records (no mutation writes one), so a browser cannot
// claim a file it did not upload.
#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "alis/date.hpp"
#include "alis/problem.hpp"

namespace alis::sync {

inline constexpr std::size_t kMaxDocumentBytes = 5'000'000;  // 5 MB
inline constexpr std::size_t kMaxDocumentNameChars = 200;    // characters (code points) of a file name

enum class DocumentKind { cv, education_plan, application };

const char* to_string(DocumentKind kind);
std::optional<DocumentKind> document_kind_from(std::string_view text);

struct DocumentRecord {
    std::string id;               // the file's id: "doc-" and 16 lower-case hex digits
    std::string doctor_id;
    DocumentKind kind = DocumentKind::cv;
    std::string municipality_id;  // the attaching municipality of an application; "" for the others
    std::string file_name;        // for display only, never a path
    std::size_t size = 0;         // bytes, 1..kMaxDocumentBytes
    std::string sha256;           // 64 lower-case hex digits
    Date uploaded_on;
    std::string uploaded_by;      // user id

    bool operator==(const DocumentRecord&) const = default;
};

// Whether `id` has the form the server's file store gives: "doc-" and 16 lower-case hex digits.
bool is_document_id(std::string_view id);

// The problem with a file name offered for display, or nothing: 1 to kMaxDocumentNameChars
// characters of valid UTF-8, no control characters. Field `field`, rules "required", "too_long",
// "not_text" (invalid UTF-8), "control_character".
std::optional<Problem> check_document_file_name(std::string_view name, const std::string& field = "name");

void to_json(nlohmann::json& j, const DocumentRecord& d);
// Every field checked and each bad one named under `prefix`; an application must name its
// municipality and the other kinds must not.
std::optional<DocumentRecord> parse_document_record(const nlohmann::json& j, Problems& out, const std::string& prefix = "document");

}  // namespace alis::sync
