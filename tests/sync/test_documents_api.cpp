// The documents over HTTP (issue 14): a PDF goes up and comes back byte for byte with its sha256; a
// body over 5 MB, a renamed text and a bad query are refused and nothing is stored; who may not see
// the GP gets 403 and the attempt is in the audit log; who may upload which kind; a second CV
// replaces the first (its file gone); the metadata reaches the right pulls only; the files go with
// the GP's data (own deletion, leaving a list, the expiry).
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "alis/date.hpp"
#include "documents_api.hpp"
#include "inactivity.hpp"
#include "portal_data.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;

namespace {

const char* kDemo = alis::server::kDemoPassword;
constexpr char kPdfBytes[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n\0\xff binary\ntrailer\n<<>>\n%%EOF\n";
const std::string kPdf(kPdfBytes, sizeof kPdfBytes - 1);  // with a NUL and a 0xff byte inside

HttpResult upload(HttpClient& c, const std::string& doctor, const std::string& kind, const std::string& bytes,
                  const std::string& name = "CV%20%C3%85se.pdf") {
    return c.request("POST", "/api/documents/upload?doctor=" + doctor + "&kind=" + kind + "&name=" + name, bytes,
                     {{"Content-Type", "application/pdf"}, {"Origin", c.origin()}});
}

std::size_t files_in(const std::string& data_dir) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(data_dir) / "documents")) {
        (void)e;
        ++n;
    }
    return n;
}

bool file_exists(const std::string& data_dir, const std::string& id) {
    return std::filesystem::exists(std::filesystem::path(data_dir) / "documents" / id);
}

std::string rule_of(const HttpResult& r) { return r.json()["error"].value("rule", ""); }
std::string field_of(const HttpResult& r) { return r.json()["error"].value("field", ""); }

// What a client pulls since `cookie` (0: its whole view, without tombstones).
std::int64_t cookie_of(HttpClient& c) { return c.post("/api/pull", {{"client_id", "pull"}, {"cookie", 0}}).json()["cookie"]; }
bool pulled(HttpClient& c, const std::string& id, bool deleted, std::int64_t cookie = 0) {
    const json pull = c.post("/api/pull", {{"client_id", "pull"}, {"cookie", cookie}}).json();
    for (const auto& ch : pull["changes"]) {
        if (ch["kind"] == "document" && ch["id"] == id && ch["deleted"] == deleted) return true;
    }
    return false;
}

// GP 1 (demo-lege, d-demo-lege) on Bergen's list with a wish to Helse Bergen; GP 2 without either.
struct Region {
    TestServer s;
    HttpClient gp1 = s.client(), gp2 = s.client(), hospital = s.client(), hospital2 = s.client(), kommune = s.client(),
               kommune2 = s.client(), office = s.client();

    Region() {
        REQUIRE(gp1.login("demo-lege", kDemo).status == 200);
        REQUIRE(gp2.login("demo-lege2", kDemo).status == 200);
        REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
        REQUIRE(hospital2.login("demo-sykehus2", kDemo).status == 200);
        REQUIRE(kommune.login("demo-kommune", kDemo).status == 200);
        REQUIRE(kommune2.login("demo-kommune2", kDemo).status == 200);
        REQUIRE(office.login("demo-kontor", kDemo).status == 200);
        auto r = gp1.post("/api/push", {{"client_id", "gp-1"},
                                        {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege", "bergen", "Lege 1")),
                                                       mutation(2, "put_wish", wish_body("w-1", "d-demo-lege"))}}});
        REQUIRE(r.json()["applied"].size() == 2);
        r = gp2.post("/api/push", {{"client_id", "gp-2"}, {"mutations", {mutation(1, "register_doctor", doctor_body("d-demo-lege2", "askoy", "Lege 2"))}}});
        REQUIRE(r.json()["applied"].size() == 1);
        r = kommune.post("/api/push", {{"client_id", "k-1"},
                                        {"mutations", {mutation(1, "put_candidate", {{"id", "c-lege"}, {"municipality_id", "bergen"}, {"doctor_id", "d-demo-lege"}})}}});
        REQUIRE(r.json()["applied"].size() == 1);
    }
};

}  // namespace

TEST_CASE("a PDF goes up and comes back byte for byte, with its sha256; the download is audited") {
    Region r;
    const auto up = upload(r.gp1, "d-demo-lege", "cv", kPdf);
    REQUIRE(up.status == 201);
    const json doc = up.json()["document"];
    const std::string id = doc["id"];
    CHECK(doc["doctor_id"] == "d-demo-lege");
    CHECK(doc["kind"] == "cv");
    CHECK(doc["municipality_id"] == "");
    CHECK(doc["file_name"] == "CV Åse.pdf");
    CHECK(doc["size"] == kPdf.size());
    CHECK(doc["sha256"] == alis::server::sha256_hex(kPdf));
    CHECK(alis::server::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(doc["uploaded_on"] == "2027-01-04");
    CHECK(file_exists(r.s.data_dir(), id));

    for (HttpClient* c : {&r.gp1, &r.hospital, &r.kommune, &r.office}) {
        const auto got = c->post("/api/documents/get", {{"id", id}});
        REQUIRE(got.status == 200);
        CHECK(got.body == kPdf);
        CHECK(got.header("content-type") == "application/pdf");
        CHECK(got.header("content-disposition") == "attachment; filename=\"CV _se.pdf\"");
        CHECK(got.header("cache-control") == "no-store");
    }
    const json audit = r.office.get("/api/audit?doctor_id=d-demo-lege&limit=1000").json()["entries"];
    int downloads = 0;
    for (const auto& e : audit) {
        if (e["action"] == "document_download") {
            ++downloads;
            CHECK(e["record_id"] == id);
            CHECK(e["kind"] == "document");
            CHECK(e["detail"] == "");  // never the name or the bytes
        }
    }
    CHECK(downloads == 4);
    CHECK(r.gp1.post("/api/documents/get", {{"id", "doc-0000000000000000"}}).status == 404);
    CHECK(r.gp1.post("/api/documents/get", {{"id", "../alis.sqlite3"}}).status == 400);
}

TEST_CASE("a hospital that may not see the GP gets 403, and the attempt is in the audit log") {
    Region r;
    const std::string id = upload(r.gp1, "d-demo-lege", "cv", kPdf).json()["document"]["id"];
    for (HttpClient* c : {&r.hospital2, &r.kommune2, &r.gp2}) {
        const auto got = c->post("/api/documents/get", {{"id", id}});
        CHECK(got.status == 403);
        CHECK(rule_of(got) == "not_allowed");
        CHECK(got.body.find("%PDF") == std::string::npos);
    }
    const json audit = r.office.get("/api/audit?doctor_id=d-demo-lege&limit=1000").json()["entries"];
    int refused = 0;
    for (const auto& e : audit) refused += e["action"] == "document_download_refused" && e["record_id"] == id;
    CHECK(refused == 3);
}

TEST_CASE("too large, empty, renamed, cut or badly named files are refused and nothing is stored") {
    Region r;
    const std::string big = "%PDF-1.4\n" + std::string(alis::sync::kMaxDocumentBytes + 1 - 9 - 6, 'x') + "%%EOF\n";
    REQUIRE(big.size() == 5'000'001);
    const auto too_large = upload(r.gp1, "d-demo-lege", "cv", big);
    CHECK(too_large.status == 413);
    CHECK(rule_of(too_large) == "too_large");
    CHECK(field_of(too_large) == "file");
    CHECK(too_large.json()["error"]["message"]["en"].get<std::string>().find("5 MB") != std::string::npos);

    const auto text = upload(r.gp1, "d-demo-lege", "cv", "Navn;HPR\r\nKari;1\r\n", "liste.pdf");
    CHECK(text.status == 400);
    CHECK(rule_of(text) == "not_a_pdf");
    CHECK(field_of(text) == "file");
    CHECK(rule_of(upload(r.gp1, "d-demo-lege", "cv", "")) == "empty_file");
    CHECK(rule_of(upload(r.gp1, "d-demo-lege", "cv", kPdf.substr(0, 30))) == "truncated_pdf");

    const auto bad_query = upload(r.gp1, "d-demo-lege", "photo", kPdf, "a%0Ab.pdf");
    CHECK(bad_query.status == 400);
    std::set<std::string> fields;
    const json answer = bad_query.json();
    for (const auto& p : answer["problems"]) fields.insert(p["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"kind", "name"});
    CHECK(upload(r.gp1, "", "cv", kPdf).status == 400);
    CHECK(upload(r.gp1, "d-demo-lege", "cv", kPdf, "%zz.pdf").status == 400);
    // Not JSON, not another site, not without a session.
    CHECK(r.gp1.request("POST", "/api/documents/upload?doctor=d-demo-lege&kind=cv&name=a.pdf", kPdf,
                        {{"Content-Type", "application/json"}, {"Origin", r.gp1.origin()}}).status == 415);
    CHECK(r.gp1.request("POST", "/api/documents/upload?doctor=d-demo-lege&kind=cv&name=a.pdf", kPdf,
                        {{"Content-Type", "application/pdf"}, {"Origin", "https://evil.example"}}).status == 403);
    HttpClient anonymous = r.s.client();
    CHECK(upload(anonymous, "d-demo-lege", "cv", kPdf).status == 401);
    CHECK(files_in(r.s.data_dir()) == 0);
    CHECK(r.s.app().sync().record_count() > 0);
}

TEST_CASE("who may upload: the GP their own CV, a municipality an application for a GP on its list") {
    Region r;
    const auto other = upload(r.gp2, "d-demo-lege", "cv", kPdf);
    CHECK(other.status == 403);
    CHECK(rule_of(other) == "not_allowed");
    CHECK(field_of(other) == "doctor");
    CHECK(upload(r.gp1, "d-demo-lege", "application", kPdf).status == 403);  // an application is the municipality's
    CHECK(upload(r.hospital, "d-demo-lege", "cv", kPdf).status == 403);
    CHECK(upload(r.kommune, "d-demo-lege", "cv", kPdf).status == 403);
    CHECK(upload(r.kommune2, "d-demo-lege", "application", kPdf).status == 403);  // not on Askøy's list
    CHECK(upload(r.kommune, "d-demo-lege2", "application", kPdf).status == 403);  // not on Bergen's list
    const auto unknown = upload(r.gp1, "d-nobody", "cv", kPdf);
    CHECK(unknown.status == 404);
    CHECK(rule_of(unknown) == "unknown_doctor");
    CHECK(files_in(r.s.data_dir()) == 0);

    const auto app = upload(r.kommune, "d-demo-lege", "application", kPdf, "S%C3%B8knad.pdf");
    REQUIRE(app.status == 201);
    CHECK(app.json()["document"]["municipality_id"] == "bergen");
    CHECK(upload(r.gp1, "d-demo-lege", "education_plan", kPdf).status == 201);
    CHECK(files_in(r.s.data_dir()) == 2);
}

TEST_CASE("a second CV replaces the first: the old record is tombstoned and its file gone; delete removes the file") {
    Region r;
    const std::string first = upload(r.gp1, "d-demo-lege", "cv", kPdf).json()["document"]["id"];
    const std::int64_t hospital_cookie = cookie_of(r.hospital), kommune_cookie = cookie_of(r.kommune);
    const std::string pdf2 = "%PDF-1.4\nanother\n%%EOF";
    const std::string second = upload(r.gp1, "d-demo-lege", "cv", pdf2).json()["document"]["id"];
    CHECK(first != second);
    CHECK_FALSE(file_exists(r.s.data_dir(), first));
    CHECK(file_exists(r.s.data_dir(), second));
    CHECK(files_in(r.s.data_dir()) == 1);
    CHECK(r.gp1.post("/api/documents/get", {{"id", first}}).status == 404);
    CHECK(r.gp1.post("/api/documents/get", {{"id", second}}).body == pdf2);
    CHECK(pulled(r.hospital, first, true, hospital_cookie));
    CHECK(pulled(r.hospital, second, false, hospital_cookie));

    CHECK(r.gp2.post("/api/documents/delete", {{"id", second}}).status == 403);
    CHECK(r.kommune.post("/api/documents/delete", {{"id", second}}).status == 403);
    CHECK(file_exists(r.s.data_dir(), second));
    CHECK(r.gp1.post("/api/documents/delete", {{"id", second}}).status == 200);
    CHECK_FALSE(file_exists(r.s.data_dir(), second));
    CHECK(r.gp1.post("/api/documents/delete", {{"id", second}}).status == 404);
    CHECK(pulled(r.kommune, second, true, kommune_cookie));

    const std::string app = upload(r.kommune, "d-demo-lege", "application", kPdf).json()["document"]["id"];
    CHECK(r.gp1.post("/api/documents/delete", {{"id", app}}).status == 403);
    CHECK(r.office.post("/api/documents/delete", {{"id", app}}).status == 200);
    CHECK(files_in(r.s.data_dir()) == 0);
}

TEST_CASE("the metadata reaches the pulls of those who may see the GP, and only theirs") {
    Region r;
    const std::string id = upload(r.gp1, "d-demo-lege", "cv", kPdf).json()["document"]["id"];
    for (HttpClient* c : {&r.gp1, &r.hospital, &r.kommune, &r.office}) CHECK(pulled(*c, id, false));
    for (HttpClient* c : {&r.gp2, &r.hospital2, &r.kommune2}) {
        const json pull = c->post("/api/pull", {{"client_id", "x"}, {"cookie", 0}}).json();
        for (const auto& ch : pull["changes"]) CHECK(ch["kind"] != "document");
    }
}

TEST_CASE("the files go with the GP's data: leaving a list, the GP's own deletion") {
    Region r;
    const std::string cv = upload(r.gp1, "d-demo-lege", "cv", kPdf).json()["document"]["id"];
    const std::string app = upload(r.kommune, "d-demo-lege", "application", kPdf).json()["document"]["id"];
    REQUIRE(files_in(r.s.data_dir()) == 2);
    const std::int64_t hospital_cookie = cookie_of(r.hospital), kommune_cookie = cookie_of(r.kommune);
    // Bergen takes the GP off its list: the application goes, file and record; the CV stays.
    auto off = r.kommune.post("/api/push", {{"client_id", "k-1"}, {"mutations", {mutation(2, "delete_candidate", {{"candidate_id", "c-lege"}})}}});
    REQUIRE(off.json()["applied"].size() == 1);
    CHECK_FALSE(file_exists(r.s.data_dir(), app));
    CHECK(file_exists(r.s.data_dir(), cv));
    CHECK(pulled(r.kommune, app, true, kommune_cookie));
    // The GP deletes the account: the CV goes too.
    const auto gone = r.gp1.post("/api/me/delete", {{"password", kDemo}});
    REQUIRE(gone.status == 200);
    CHECK(files_in(r.s.data_dir()) == 0);
    CHECK(pulled(r.hospital, cv, true, hospital_cookie));
}

TEST_CASE("the files go with the GP's data: the retention sweep of a struck entry, the inactivity deletion") {
    Region r;
    const auto set_day = [&](const std::string& iso) { r.s.clock().set(alis::days_from_civil(*alis::parse_iso(iso)) * 86400 + 12 * 3600); };
    const std::string app = upload(r.kommune, "d-demo-lege", "application", kPdf).json()["document"]["id"];
    auto struck = r.kommune.post("/api/push", {{"client_id", "k-1"},
                                               {"mutations", {mutation(2, "strike_candidate", {{"candidate_id", "c-lege"}, {"reason", "Fikk plass"}})}}});
    REQUIRE(struck.json()["applied"].size() == 1);
    CHECK(file_exists(r.s.data_dir(), app));  // struck is still on the list, with its reason
    set_day("2028-06-01");                    // past the kept days of a struck entry
    const auto sweep = r.s.app().sync().expire_outdated({});
    CHECK(sweep.deleted.at("document") == 1);
    CHECK_FALSE(file_exists(r.s.data_dir(), app));

    // A GP who registered and never came back: warned, then deleted on the day with the CV's file.
    HttpClient kari = r.s.client();
    set_day("2027-01-04");
    auto reg = kari.post("/api/register", {{"username", "kari.lege"}, {"password", "et-langt-passord"}, {"name", "Kari Lege"},
                                           {"email", "kari.lege@example.no"}, {"language", "nb"}});
    REQUIRE(reg.status == 201);
    const std::string doctor = reg.json()["user"]["doctor_id"];
    REQUIRE(kari.post("/api/push", {{"client_id", "kari"}, {"mutations", {mutation(1, "register_doctor", doctor_body(doctor, "bergen", "Kari Lege"))}}})
                .json()["applied"].size() == 1);
    const std::string cv = upload(kari, doctor, "cv", kPdf).json()["document"]["id"];
    REQUIRE(file_exists(r.s.data_dir(), cv));
    set_day("2028-12-05");
    alis::server::apply_inactivity(r.s.app(), {}, false);
    CHECK(file_exists(r.s.data_dir(), cv));
    set_day("2029-01-04");
    const auto report = alis::server::apply_inactivity(r.s.app(), {}, false);
    CHECK(report.records.at("document") == 1);
    CHECK_FALSE(file_exists(r.s.data_dir(), cv));
}

TEST_CASE("a file no record names (an upload cut short by a crash) is removed at the next start") {
    std::string data_dir, kept;
    {
        Region r;
        data_dir = r.s.data_dir();
        kept = upload(r.gp1, "d-demo-lege", "cv", kPdf).json()["document"]["id"];
        r.s.app().documents().store(kPdf);  // written, never recorded
        REQUIRE(files_in(data_dir) == 2);
        r.s.stop();
        TestServer again({}, data_dir);
        CHECK(files_in(data_dir) == 1);
        CHECK(file_exists(data_dir, kept));
    }
}
