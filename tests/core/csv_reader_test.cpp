// Reading a CSV file a user uploads: Excel's "CSV UTF-8" with ';', quoting undone, every refusal
// naming its line, and the limits holding before the work grows.
#include <doctest/doctest.h>

#include "alis/csv.hpp"
#include "alis/csv_reader.hpp"
#include "has_problem.hpp"

using alis::testing::has_problem;

using namespace alis;

namespace {
std::vector<std::vector<std::string>> fields_of(const std::vector<CsvRow>& rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) out.push_back(r.fields);
    return out;
}
}  // namespace

TEST_CASE("what csv_row writes reads back the same: BOM, quotes, ';', line breaks inside a field, æøå") {
    const std::vector<std::vector<std::string>> table{
        {"Prioritet", "Navn", "Merknad"}, {"1", "Åse Ødegård", "Sa \"ja\"; helst høst"}, {"2", "Per", "to\r\nlinjer"}, {"3", "", ""}};
    std::string file = kCsvBom;
    for (const auto& row : table) file += csv_row(row);
    Problems problems;
    const auto rows = read_csv(file, problems);
    REQUIRE(rows);
    CHECK(problems.empty());
    CHECK(fields_of(*rows) == table);
    // Each row knows the line it starts on; the quoted line break moved the next row down one line.
    CHECK((*rows)[2].line == 3);
    CHECK((*rows)[3].line == 5);
}

TEST_CASE("LF and CR line ends, no final line end, and blank rows of an Excel sheet are left out") {
    Problems problems;
    const auto rows = read_csv("a;b\n\n;;\r1;2", problems);
    REQUIRE(rows);
    CHECK(fields_of(*rows) == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
    CHECK((*rows)[1].line == 4);
    CHECK(read_csv("", problems)->empty());
}

TEST_CASE("a bad file is refused, naming the line and the rule") {
    Problems problems;
    CHECK_FALSE(read_csv("a;b\n1;\"open\n2;3\n", problems));
    CHECK(has_problem(problems, "line 2", "unterminated_quote"));
    problems.clear();
    CHECK_FALSE(read_csv("a;b\n1;\"x\"y\n", problems));
    CHECK(has_problem(problems, "line 2", "text_after_quote"));
    problems.clear();
    CHECK_FALSE(read_csv("a;b\n\xC5se;1\n", problems));  // Windows-1252 "Åse"
    CHECK(has_problem(problems, "line 2", "not_utf8"));
    CHECK(problems.front().message.nb.find("CSV UTF-8") != std::string::npos);
    problems.clear();
    CHECK_FALSE(read_csv("a;b\n\xED\xA0\x80\n", problems));  // a UTF-16 surrogate written as UTF-8
    CHECK(has_problem(problems, "line 2", "not_utf8"));
}

TEST_CASE("the limits: bytes, rows, fields per row, bytes per field") {
    const CsvLimits limits{100, 3, 4, 10};
    Problems problems;
    CHECK_FALSE(read_csv(std::string(101, 'a'), problems, limits));
    CHECK(has_problem(problems, "file", "file_too_large"));
    problems.clear();
    CHECK(read_csv("1\n2\n3\n", problems, limits));
    CHECK_FALSE(read_csv("1\n2\n3\n4\n", problems, limits));
    CHECK(has_problem(problems, "line 4", "too_many_rows"));
    problems.clear();
    CHECK(read_csv("1;2;3;4\n", problems, limits));
    CHECK_FALSE(read_csv("1;2;3;4;5\n", problems, limits));
    CHECK(has_problem(problems, "line 1", "too_many_fields"));
    problems.clear();
    CHECK(read_csv("0123456789\n", problems, limits));
    CHECK_FALSE(read_csv("\"01234567890\"\n", problems, limits));
    CHECK(has_problem(problems, "line 1", "field_too_long"));
}

TEST_CASE("a cell's text: the formula guard csv_field adds is taken off, spaces trimmed") {
    CHECK(csv_text("'=HYPERLINK(1)") == "=HYPERLINK(1)");
    CHECK(csv_text("'+47 55") == "+47 55");
    CHECK(csv_text("'Ola") == "'Ola");
    CHECK(csv_text("  Åse  ") == "Åse");
    CHECK(csv_text("   ") == "");
}
