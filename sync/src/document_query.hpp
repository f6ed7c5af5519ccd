#pragma once
// The upload's query string and the download's file name (documents_api.hpp): pure text work, apart
// from the routes so the fuzz target (tests/fuzz/fuzz_documents.cpp) builds it alone.
#include <optional>
#include <string>
#include <string_view>

#include "alis/problem.hpp"
#include "alis/sync/document_record.hpp"

namespace alis::server {

// The upload's query: doctor, kind and the file's display name, percent-decoded ("+" is a space, as
// in a form). Every bad parameter is a problem naming it ("doctor", "kind", "name"); a parameter
// given twice is refused rather than guessed. Linear in the query, which the header limit bounds.
struct UploadQuery {
    std::string doctor_id;
    sync::DocumentKind kind = sync::DocumentKind::cv;
    std::string file_name;
};
std::optional<UploadQuery> parse_upload_query(std::string_view query, Problems& out);

// Percent-decoding of one query value; nothing when an escape is broken ("%4", "%zz").
std::optional<std::string> percent_decode(std::string_view text);

// The name as a quoted-string in Content-Disposition: printable ASCII only, quotes and backslashes
// replaced, never empty; "document.pdf" when nothing printable is left.
std::string ascii_file_name(std::string_view name);

}  // namespace alis::server
