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
#include <set>
#include <string_view>
#include <vector>

#include "alis/problem.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/document_record.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

// kMaxDocumentBytes, DocumentKind and the record of a stored document: document_record.hpp.
inline constexpr std::size_t kPdfTailBytes = 1024;

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

// Who may delete a stored document: whoever may store that kind for that GP (the GP their own CV and
// education plan; the attaching municipality its application) and the ALIS office. Rule
// "not_allowed".
std::optional<Problem> check_may_delete_document(const Actor& actor, const DocumentRecord& document);

// The document in the slot (doctor, kind, municipality), or null: there is at most one, and a new
// upload into a taken slot replaces it (the server tombstones the old record and removes its file).
const DocumentRecord* find_document(const PortalState& state, const std::string& doctor_id, DocumentKind kind,
                                    const std::string& municipality_id);

// Documents go with the GP's data: removes every document whose GP no longer exists, and every
// application whose GP is no longer on the attaching municipality's list (no candidate entry left).
// Returns the removed records' keys, sorted. The mutations, the personal-data deletion and the
// retention sweep call it after they change doctors or candidates; the server removes the files of
// the records that became tombstones.
std::vector<RecordKey> erase_orphaned_documents(PortalState& state);

// Adds the documents of every doctor in `changed` to it: a change that may show or hide a GP's
// profile to someone does the same to the GP's documents, so pulls send or tombstone them.
void add_documents_of_touched_doctors(const PortalState& state, std::set<RecordKey>& changed);

}  // namespace alis::sync
