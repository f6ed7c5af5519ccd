#pragma once
// The documents' routes (issue 14, docs/sync-server.md "Documents"): upload a PDF, download it,
// delete it. The rules are core's (alis/sync/documents.hpp); the bytes live in DocumentFiles
// (documents.hpp); the metadata is a sync record of kind `document` that only the server writes.
//
//   POST /api/documents/upload?doctor=ID&kind=KIND&name=NAME   body: the PDF's bytes (application/pdf)
//   POST /api/documents/get     {"id": "doc-..."}                -> the bytes, audited
//   POST /api/documents/delete  {"id": "doc-..."}                -> {}
#include <optional>
#include <string>
#include <string_view>

#include "document_query.hpp"
#include "http_types.hpp"
#include "storage.hpp"

namespace alis::server {

class App;

inline constexpr const char* kDocumentUploadPath = "/api/documents/upload";
inline constexpr const char* kDocumentGetPath = "/api/documents/get";
inline constexpr const char* kDocumentDeletePath = "/api/documents/delete";
bool is_documents_path(std::string_view path);

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// Answers a documents route for a signed-in user whose request already passed the same-origin check.
Response documents_request(App& app, const Request& req, const UserRecord& user);

}  // namespace alis::server
