#pragma once
// Reading CSV as Norwegian Excel saves it ("CSV UTF-8", ';' between fields): the reverse of
// alis/csv.hpp, for files a user uploads. The file is untrusted: its size, its rows, its fields per
// row and each field's length are bounded before anything is kept, and the reader is one loop over
// the bytes (no recursion, no backtracking). Problems name the file's line.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alis/problem.hpp"

namespace alis {

struct CsvLimits {
    std::size_t max_bytes = 1 << 20;      // 1 MiB: a list of thousands of candidates with long texts
    std::size_t max_rows = 5001;          // a header and kMaxListLength entries
    std::size_t max_fields = 32;          // per row
    std::size_t max_field_bytes = 16384;  // the longest text field the portal keeps
};

struct CsvRow {
    int line = 0;                     // the file's line the row starts on, from 1 (a quoted field may span lines)
    std::vector<std::string> fields;  // as written, with quoting undone
};

// Reads `bytes`: a leading UTF-8 byte order mark is skipped; rows end with CRLF, LF or CR; a field
// in double quotes may hold ';', line breaks and "" for '"'. Rows whose fields are all empty (an
// Excel sheet's blank lines) are left out. Refuses, naming the line, a file that is not UTF-8, a
// quote left open, text after a closing quote, and anything past the limits (problems' fields are
// "file" or "line N"). Nothing is returned when there is a problem.
std::optional<std::vector<CsvRow>> read_csv(std::string_view bytes, Problems& out, const CsvLimits& limits = {});

// A cell's text as the user meant it: csv_field's guard against formulas (a leading apostrophe
// before '=', '+', '-', '@', tab or CR) taken off again, and surrounding spaces trimmed.
std::string csv_text(const std::string& field);

}  // namespace alis
