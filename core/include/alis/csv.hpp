#pragma once
// CSV as Norwegian Excel opens it with a double click: UTF-8 with a byte order mark, ';' between
// fields (the comma is the decimal sign), CRLF line ends, dd.mm.åååå dates. Every file the portal
// writes for download goes through here.
#include <string>
#include <vector>

namespace alis {

inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

// One field: quoted when it holds ';', '"' or a line break, with '"' doubled (RFC 4180). A field a
// spreadsheet would run as a formula (starting with '=', '+', '-', '@', tab or CR: OWASP's CSV
// injection) is written with a leading apostrophe, so a name typed as "=HYPERLINK(…)" stays text.
std::string csv_field(const std::string& text);
// The fields joined by ';', ending in CRLF.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace alis
