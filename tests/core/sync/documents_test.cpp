// The rules for the candidates' documents: a PDF judged by its bytes (header and end), the 5 MB
// limit, who may read a GP's documents (whoever may see the GP) and who may store which kind.
#include <doctest/doctest.h>

#include "alis/sync/documents.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

std::string rule_of(const std::optional<Problem>& p) { return p ? p->rule : std::string("ok"); }

}  // namespace

TEST_CASE("a PDF is judged by its bytes: the header, the end marker, the size") {
    CHECK(rule_of(check_pdf(kPdf)) == "ok");
    CHECK(rule_of(check_pdf("%PDF-2.0\r\n%%EOF")) == "ok");
    CHECK(rule_of(check_pdf(kPdf + std::string(600, ' '))) == "ok");  // trailing whitespace some writers add
    CHECK(rule_of(check_pdf("")) == "empty_file");
    CHECK(rule_of(check_pdf("Navn;HPR\r\nKari;1\r\n")) == "not_a_pdf");           // a CSV renamed .pdf
    CHECK(rule_of(check_pdf("\x89PNG\r\n\x1a\n%%EOF")) == "not_a_pdf");            // an image
    CHECK(rule_of(check_pdf(" %PDF-1.7\n%%EOF")) == "not_a_pdf");                  // the header is at byte 0
    CHECK(rule_of(check_pdf("%PDF-x\n%%EOF")) == "not_a_pdf");                     // no version
    CHECK(rule_of(check_pdf(kPdf.substr(0, kPdf.size() - 4))) == "truncated_pdf");  // an upload cut short
    // The end marker counts only near the end: a PDF cut after an earlier revision's %%EOF is refused.
    CHECK(rule_of(check_pdf(kPdf + std::string(kPdfTailBytes, 'x'))) == "truncated_pdf");
    CHECK(rule_of(check_pdf(kPdf + std::string(kPdfTailBytes, ' '))) == "truncated_pdf");

    std::string at_limit = "%PDF-1.4\n" + std::string(kMaxDocumentBytes - 9 - 6, 'x') + "%%EOF\n";
    REQUIRE(at_limit.size() == kMaxDocumentBytes);
    CHECK(rule_of(check_pdf(at_limit)) == "ok");
    at_limit.insert(9, "x");
    const auto too_large = check_pdf(at_limit);
    REQUIRE(too_large);
    CHECK(too_large->rule == "too_large");
    CHECK(too_large->field == "file");
    CHECK(too_large->message.nb.find("5 MB") != std::string::npos);
    CHECK(too_large->message.nn.find("5 MB") != std::string::npos);
    CHECK(too_large->message.en.find("5 MB") != std::string::npos);
    CHECK(rule_of(check_document_size(kMaxDocumentBytes + 1)) == "too_large");
    CHECK(rule_of(check_document_size(kMaxDocumentBytes)) == "ok");
}

TEST_CASE("a GP's documents are read by whoever may see the GP, and by nobody else") {
    const PortalState s = region();
    CHECK(rule_of(check_may_read_documents(s, gp(1), "d1")) == "ok");
    CHECK(rule_of(check_may_read_documents(s, municipality(1), "d1")) == "ok");  // on its list
    CHECK(rule_of(check_may_read_documents(s, hospital(1), "d1")) == "ok");      // a wish to it, its offer
    CHECK(rule_of(check_may_read_documents(s, office(), "d1")) == "ok");
    CHECK(rule_of(check_may_read_documents(s, gp(2), "d1")) == "not_allowed");
    CHECK(rule_of(check_may_read_documents(s, municipality(2), "d1")) == "not_allowed");
    CHECK(rule_of(check_may_read_documents(s, hospital(2), "d1")) == "not_allowed");
    CHECK(rule_of(check_may_read_documents(s, office(), "d-none")) == "not_allowed");
    const auto refusal = check_may_read_documents(s, hospital(2), "d1");
    REQUIRE(refusal);
    CHECK(refusal->message.en == "You may not see this doctor's documents.");
}

TEST_CASE("the GP stores their own CV and education plan; the municipality the application of a GP on its list") {
    const PortalState s = region();
    CHECK(rule_of(check_may_upload_document(s, gp(1), "d1", DocumentKind::cv)) == "ok");
    CHECK(rule_of(check_may_upload_document(s, gp(1), "d1", DocumentKind::education_plan)) == "ok");
    CHECK(rule_of(check_may_upload_document(s, gp(1), "d1", DocumentKind::application)) == "not_allowed");
    CHECK(rule_of(check_may_upload_document(s, gp(2), "d1", DocumentKind::cv)) == "not_allowed");
    CHECK(rule_of(check_may_upload_document(s, municipality(1), "d1", DocumentKind::application)) == "ok");
    CHECK(rule_of(check_may_upload_document(s, municipality(1), "d1", DocumentKind::cv)) == "not_allowed");
    CHECK(rule_of(check_may_upload_document(s, municipality(2), "d1", DocumentKind::application)) == "not_allowed");
    CHECK(rule_of(check_may_upload_document(s, hospital(1), "d1", DocumentKind::cv)) == "not_allowed");
    CHECK(rule_of(check_may_upload_document(s, gp(1), "d-none", DocumentKind::cv)) == "unknown_doctor");
    CHECK(document_kind_from("education_plan") == DocumentKind::education_plan);
    CHECK_FALSE(document_kind_from("CV").has_value());
}
