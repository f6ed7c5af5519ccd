// The record of a stored document (kind `document`): its JSON and parse naming each bad field, the
// visibility in pulls (whoever may see the GP), no mutation writing one, one document per slot, and
// documents going with the GP's data (the GP's deletion, a GP leaving a municipality's list).
#include <doctest/doctest.h>

#include <algorithm>

#include "alis/sync/authorization.hpp"
#include "alis/sync/documents.hpp"
#include "alis/sync/personal_data.hpp"
#include "alis/sync/retention.hpp"
#include "fixture.hpp"

using namespace fixture;

namespace {

DocumentRecord document(const std::string& id, const std::string& doctor, DocumentKind kind = DocumentKind::cv,
                        const std::string& municipality = "") {
    return {id, doctor, kind, municipality, "CV Åse.pdf", 1234, std::string(64, 'a'), kToday, "u-gp1"};
}

bool has_change(const PullResponse& r, const std::string& id, bool deleted) {
    return std::any_of(r.changes.begin(), r.changes.end(), [&](const RecordChange& c) { return c.key.id == id && c.deleted == deleted; });
}

bool changed(const std::vector<RecordKey>& keys, const std::string& id) {
    return std::find(keys.begin(), keys.end(), RecordKey{RecordKind::document, id}) != keys.end();
}

}  // namespace

TEST_CASE("a document record goes to JSON and back, and a bad one names every bad field") {
    const DocumentRecord d = document("doc-0123456789abcdef", "d1", DocumentKind::application, "mun1");
    const json j = d;
    CHECK(j["kind"] == "application");
    CHECK(j["uploaded_on"] == "2026-11-22");
    Problems p;
    CHECK(parse_document_record(j, p) == d);
    CHECK(p.empty());
    CHECK(to_string(RecordKind::document) == "document");
    CHECK(record_kind_from_string("document") == RecordKind::document);
    CHECK(all_record_kinds().back() == RecordKind::document);

    const json bad = {{"id", "doc-XYZ"}, {"doctor_id", ""}, {"kind", "photo"}, {"municipality_id", ""}, {"file_name", "a\nb.pdf"},
                      {"size", 5000001}, {"sha256", std::string(64, 'A')}, {"uploaded_on", "2026-13-01"}};
    CHECK_FALSE(parse_document_record(bad, p));
    for (const char* field : {"document.id", "document.doctor_id", "document.kind", "document.file_name", "document.size",
                              "document.sha256", "document.uploaded_on", "document.uploaded_by"}) {
        CHECK_MESSAGE(std::any_of(p.begin(), p.end(), [&](const Problem& x) { return x.field == field; }), field);
    }
    CHECK(alis::testing::has_problem(p, "document.file_name", "control_character"));
    CHECK(alis::testing::has_problem(p, "document.id", "not_a_document_id"));

    Problems q;  // an application names its municipality; a CV does not
    json app = json(document("doc-0123456789abcdef", "d1", DocumentKind::application));
    CHECK_FALSE(parse_document_record(app, q));
    CHECK(alis::testing::has_problem(q, "document.municipality_id", "required"));
    json cv = json(document("doc-0123456789abcdef", "d1", DocumentKind::cv, "mun1"));
    CHECK_FALSE(parse_document_record(cv, q));
    CHECK(alis::testing::has_problem(q, "document.municipality_id", "only_for_application"));
}

TEST_CASE("a file name is 1 to 200 characters of UTF-8 without control characters") {
    CHECK_FALSE(check_document_file_name("Søknad Ødegård.pdf"));
    CHECK_FALSE(check_document_file_name(std::string(100, 'x') + std::string(50, ' ') + "ÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæøåÆØÅæ"));
    std::string names200;
    for (int i = 0; i < 200; ++i) names200 += "ø";  // 400 bytes, 200 characters
    CHECK_FALSE(check_document_file_name(names200));
    CHECK(check_document_file_name(names200 + "x")->rule == "too_long");
    CHECK(check_document_file_name(std::string(5000, 'x'))->rule == "too_long");
    CHECK(check_document_file_name("")->rule == "required");
    CHECK(check_document_file_name("a\tb.pdf")->rule == "control_character");
    CHECK(check_document_file_name(std::string("a\0b", 3))->rule == "control_character");
    CHECK(check_document_file_name("a\x7f.pdf")->rule == "control_character");
    CHECK(check_document_file_name("\xC3(")->rule == "not_text");        // a broken sequence
    CHECK(check_document_file_name("\xC0\xAF.pdf")->rule == "not_text");  // an overlong '/'
    CHECK(check_document_file_name("\xED\xA0\x80")->rule == "not_text");  // a surrogate
    CHECK(check_document_file_name("", "args.name")->field == "args.name");
}

TEST_CASE("a document is pulled by exactly those who may see its GP, and a mutation cannot write one") {
    SyncServer server = region_server();
    const std::int64_t start = server.version();
    const ServerChanges put = server.put_document(document("doc-00000000000000a1", "d1"));
    REQUIRE(put.changes.size() == 1);
    for (const Actor& a : {gp(1), municipality(1), hospital(1), office()}) {
        CAPTURE(a.user_id);
        CHECK(has_change(server.pull(a, {"x", start}), "doc-00000000000000a1", false));
        CHECK(check_may_read_documents(server.state(), a, "d1") == std::nullopt);
    }
    for (const Actor& a : {gp(2), municipality(2), hospital(2)}) {
        CAPTURE(a.user_id);
        const PullResponse r = server.pull(a, {"x", start});
        CHECK_FALSE(std::any_of(r.changes.begin(), r.changes.end(), [](const RecordChange& c) { return c.key.kind == RecordKind::document; }));
        CHECK(check_may_read_documents(server.state(), a, "d1")->rule == "not_allowed");
    }
    // No mutation makes a document: a browser pushing one is refused, whatever the name.
    PortalState replica = server.state();
    for (const char* name : {"put_document", "put_record", "upload_document"}) {
        const Outcome o = run(replica, gp(1), name, json(document("doc-00000000000000b2", "d1")));
        CHECK_FALSE(o.accepted);
        CHECK(has_problem(o, "name", "unknown_mutation"));
    }
    for (const MutationInfo& m : mutation_catalogue()) CHECK(m.name.find("document") == std::string::npos);

    // A wish of d1 to Helse Stavanger shows d1 and the document there; its deletion takes both away
    // again, and the document's tombstone reaches Helse Stavanger, which held it.
    const std::int64_t before = server.version();
    REQUIRE(server.push(gp(1), {"c1", {{1, "put_wish", {{"id", "w9"}, {"doctor_id", "d1"}, {"rank", 2}, {"department_id", "dep2"}}}}}, kToday)
                .applied.size() == 1);
    const PullResponse seen = server.pull(hospital(2), {"x", before});
    CHECK(has_change(seen, "doc-00000000000000a1", false));
    server.push(gp(1), {"c1", {{2, "delete_wish", {{"id", "w9"}}}}}, kToday);
    CHECK(check_may_read_documents(server.state(), hospital(2), "d1").has_value());
    const PullResponse hidden = server.pull(hospital(2), {"x", seen.cookie});
    CHECK(has_change(hidden, "doc-00000000000000a1", true));
}

TEST_CASE("one document per slot: a second CV replaces the first; the office, the GP and the municipality may delete") {
    SyncServer server = region_server();
    server.put_document(document("doc-00000000000000a1", "d1"));
    server.put_document(document("doc-00000000000000e1", "d1", DocumentKind::education_plan));
    server.put_document(document("doc-00000000000000f1", "d1", DocumentKind::application, "mun1"));
    const ServerChanges second = server.put_document(document("doc-00000000000000a2", "d1"));
    REQUIRE(second.changes.size() == 2);
    CHECK(second.changes[0].key.id == "doc-00000000000000a1");
    CHECK(second.changes[0].deleted);
    CHECK(second.changes[1].key.id == "doc-00000000000000a2");
    CHECK(server.state().documents.size() == 3);
    const DocumentRecord* cv = find_document(server.state(), "d1", DocumentKind::cv, "");
    REQUIRE(cv);
    CHECK(cv->id == "doc-00000000000000a2");

    const DocumentRecord& app = server.state().documents.at("doc-00000000000000f1");
    CHECK(check_may_delete_document(municipality(1), app) == std::nullopt);
    CHECK(check_may_delete_document(office(), app) == std::nullopt);
    CHECK(check_may_delete_document(gp(1), app)->rule == "not_allowed");
    CHECK(check_may_delete_document(municipality(2), app)->rule == "not_allowed");
    CHECK(check_may_delete_document(gp(1), *cv) == std::nullopt);
    CHECK(check_may_delete_document(gp(2), *cv)->rule == "not_allowed");
    CHECK(check_may_delete_document(municipality(1), *cv)->rule == "not_allowed");
    CHECK(check_may_delete_document(hospital(1), *cv)->rule == "not_allowed");

    const ServerChanges gone = server.delete_document("doc-00000000000000a2");
    REQUIRE(gone.changes.size() == 1);
    CHECK(gone.changes[0].deleted);
    CHECK(server.delete_document("doc-00000000000000a2").changes.empty());
}

TEST_CASE("documents go with the GP's data: the GP's deletion, leaving a list, the personal-data deletion, the expiry") {
    PortalState s = region();
    s.documents["doc-00000000000000a1"] = document("doc-00000000000000a1", "d1");
    s.documents["doc-00000000000000f1"] = document("doc-00000000000000f1", "d1", DocumentKind::application, "mun1");
    s.documents["doc-00000000000000a2"] = document("doc-00000000000000a2", "d2");
    s.documents["doc-00000000000000f2"] = document("doc-00000000000000f2", "d2", DocumentKind::application, "mun2");

    PortalState left = s;  // the municipality takes d1 off its list: the application goes, the CV stays
    const Outcome off = run(left, municipality(1), "delete_candidate", {{"candidate_id", "c1"}});
    REQUIRE(off.accepted);
    CHECK(changed(off.changed, "doc-00000000000000f1"));
    CHECK_FALSE(left.documents.count("doc-00000000000000f1"));
    CHECK(left.documents.count("doc-00000000000000a1"));

    PortalState struck = s;  // struck is still on the list (with the reason): the application stays
    REQUIRE(run(struck, municipality(1), "strike_candidate", {{"candidate_id", "c1"}, {"reason", "Fikk plass"}}).accepted);
    CHECK(struck.documents.count("doc-00000000000000f1"));
    const auto expired = expire_outdated(struck, add_days(kToday, 400), {});
    CHECK(changed(expired, "doc-00000000000000f1"));  // the struck entry expired, and its application with it
    CHECK_FALSE(struck.documents.count("doc-00000000000000f1"));

    PortalState deleted = s;  // the GP deletes the profile: every document of the GP goes
    const Outcome own = run(deleted, gp(1), "delete_doctor", {{"doctor_id", "d1"}});
    REQUIRE(own.accepted);
    CHECK(changed(own.changed, "doc-00000000000000a1"));
    CHECK(changed(own.changed, "doc-00000000000000f1"));
    CHECK(deleted.documents.size() == 2);

    CHECK(personal_data(s, {"u-gp2", "d2"})["documents"].size() == 2);  // the export names them
    PortalState erased = s;
    const auto keys = erase_personal_data(erased, {"u-gp2", "d2"}, kToday);
    CHECK(changed(keys, "doc-00000000000000a2"));
    CHECK(changed(keys, "doc-00000000000000f2"));
    CHECK(erased.documents.size() == 2);
}
