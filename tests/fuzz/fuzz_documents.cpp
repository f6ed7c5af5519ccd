// The document upload's untrusted parts before anything is stored: the query string (doctor, kind,
// the percent-encoded file name) and the body's bytes judged by check_pdf, plus the file name made
// safe for Content-Disposition. Input: the query up to the first newline, the body after it.
// Properties: nothing crashes; an accepted name passes the name rule; the header name is printable
// ASCII without a quote or backslash and never empty; an accepted body is a PDF by its header and
// within the size limit; the decoding never grows the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/sync/documents.hpp"
#include "document_query.hpp"

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view query = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    if (const auto decoded = alis::server::percent_decode(query)) require(decoded->size() <= query.size());
    alis::Problems problems;
    const auto parsed = alis::server::parse_upload_query(query, problems);
    require(parsed.has_value() == problems.empty());
    if (parsed) {
        require(!alis::sync::check_document_file_name(parsed->file_name));
        require(!parsed->doctor_id.empty() && parsed->doctor_id.size() <= 64);
    }
    for (const auto& p : problems) require(p.field == "doctor" || p.field == "kind" || p.field == "name");

    const std::string header_name = alis::server::ascii_file_name(parsed ? std::string_view(parsed->file_name) : query);
    require(!header_name.empty());
    for (const char c : header_name) require(c >= 0x20 && c < 0x7f && c != '"' && c != '\\');

    if (!alis::sync::check_pdf(body)) {
        require(body.size() >= 8 && body.size() <= alis::sync::kMaxDocumentBytes && body.substr(0, 5) == "%PDF-");
    }
    return 0;
}
