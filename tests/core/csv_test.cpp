// The CSV every download writes, byte for byte.
#include <doctest/doctest.h>

#include "alis/csv.hpp"

using namespace alis;

TEST_CASE("fields are quoted only when they must be, with quotes doubled; æøå pass as UTF-8") {
    CHECK(csv_field("Åse Ødegård") == "Åse Ødegård");
    CHECK(csv_field("Medisinsk; Haukeland") == "\"Medisinsk; Haukeland\"");
    CHECK(csv_field("Han sa \"ja\"") == "\"Han sa \"\"ja\"\"\"");
    CHECK(csv_field("to\r\nlinjer") == "\"to\r\nlinjer\"");
    CHECK(csv_field("") == "");
    CHECK(csv_row({"1", "Åse; Ø", ""}) == "1;\"Åse; Ø\";\r\n");
}

TEST_CASE("a field a spreadsheet would run as a formula stays text") {
    CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_field("+47 55 00 00 00") == "'+47 55 00 00 00");
    CHECK(csv_field("-1") == "'-1");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("a=b") == "a=b");  // only the first character decides
}
