#pragma once
// The rules for the candidates' documents (issue 14): a GP's CV and education plan, and the
// application a municipality attaches to the GP's entry on its list. Pure: the server calls these
// before it stores a file or hands one out, and the browser may call them to refuse a file early.
//
// A document is a PDF of at most kMaxDocumentBytes, judged by its bytes, never by its name: it
// starts with "%PDF-" and a version digit, and ends (within its last kPdfTailBytes, after trailing
// whitespace) with "%%EOF", as every PDF writer ends the file. That is not a validation of the PDF
// (the portal never renders it); it keeps out a renamed text, image or executable, and a truncated
// upload. The checks look at a fixed number of bytes at each end: their cost does not grow with the
// file.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "alis/problem.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

inline constexpr std::size_t kMaxDocumentBytes = 5'000'000;  // 5 MB
inline constexpr std::size_t kPdfTailBytes = 1024;

enum class DocumentKind { cv, education_plan, application };

const char* to_string(DocumentKind kind);
std::optional<DocumentKind> document_kind_from(std::string_view text);

// The problem with a file offered as a document, or nothing. Rules (field "file"): "empty_file",
// "too_large" (over kMaxDocumentBytes), "not_a_pdf" (no "%PDF-n" header), "truncated_pdf" (no
// "%%EOF" at the end).
std::optional<Problem> check_pdf(std::string_view bytes);
// The same judgement of the size alone, for a body announced by its length before it is read.
std::optional<Problem> check_document_size(std::size_t bytes);

// Who may read a GP's documents: whoever may see the GP's profile under authorization.hpp (the GP,
// the municipality whose list has the GP or whose GP it is, the hospitals that see the GP, the ALIS
// office). Rule "not_allowed" when not.
std::optional<Problem> check_may_read_documents(const PortalState& state, const Actor& actor, const std::string& doctor_id);

// Who may store a document of `kind` for the GP: the GP their own CV and education plan; a
// municipality the application of a GP on its list. Rules "not_allowed", "unknown_doctor".
std::optional<Problem> check_may_upload_document(const PortalState& state, const Actor& actor, const std::string& doctor_id,
                                                 DocumentKind kind);

}  // namespace alis::sync
