// The documents in the browser (issue 14): the bytes survive the text store (base64), a chosen PDF
// waits in the store until the server's 201, a file core refuses is refused before anything is
// stored or sent, and two tabs never send one queued file twice.
#include <doctest/doctest.h>

#include "documents_queue.hpp"

#include <algorithm>

using namespace alis::web;

TEST_CASE("base64 carries every byte (a PDF's NULs too) through the text store, and a damaged text is refused") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
        const std::string bytes = all.substr(0, n);
        const auto back = base64_decode(base64_encode(bytes));
        REQUIRE(back);
        CHECK(*back == bytes);
    }
    CHECK(base64_encode("%PDF") == "JVBERg==");
    CHECK_FALSE(base64_decode("JVBER"));
    CHECK_FALSE(base64_decode("JV=ERg=="));
    CHECK_FALSE(base64_decode("JVBE*g=="));
}

TEST_CASE("a file name goes in the query percent-encoded, byte by byte") {
    CHECK(percent_encode("CV Kari Ås.pdf") == "CV%20Kari%20%C3%85s.pdf");
    CHECK(percent_encode("a&b=c?d#") == "a%26b%3Dc%3Fd%23");
}

// ---------------------------------------------------------------------------------------------
// The screens, with the server's document routes played by FakeDocumentServer over core's rules
// and SyncServer::put_document (the real routes are sync/src, tested in tests/sync).

#include "alis/sync/documents.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "test_platform.hpp"

using namespace alis::web::testing;
using nlohmann::json;


namespace {

constexpr char kPdfHead[] = "%PDF-1.4\n\0\x01\x02 binary\xff\xfe body\n";
const std::string kPdf = std::string(kPdfHead, sizeof kPdfHead - 1) + "%%EOF\n";  // NUL and high bytes inside

std::string query_value(const std::string& path, const std::string& key) {
    const auto at = path.find(key + "=");
    if (at == std::string::npos) return {};
    const auto end = path.find('&', at);
    return path.substr(at + key.size() + 1, end == std::string::npos ? std::string::npos : end - at - key.size() - 1);
}

HttpResponse refusal(int status, const alis::Problem& p) {
    const json message = {{"nb", p.message.nb}, {"nn", p.message.nn}, {"en", p.message.en}};
    return {status, json{{"error", {{"status", status}, {"field", p.field}, {"rule", p.rule}, {"message", message}}}}.dump()};
}

struct FakeDocumentServer {
    TestPortal& portal;
    int uploads = 0;  // upload requests that reached the server
    std::map<std::string, std::string> files;
    std::optional<HttpResponse> refuse_next;  // answers the next upload instead of the rules

    HttpResponse operator()(const std::string& path, const std::string& body, const alis::sync::User& user) {
        const alis::sync::Actor actor = alis::sync::actor_for(user);
        const auto& state = portal.server.state();
        if (path.rfind("/api/documents/upload", 0) == 0) {
            ++uploads;
            if (refuse_next) return *std::exchange(refuse_next, std::nullopt);
            const std::string doctor = query_value(path, "doctor");
            const auto kind = alis::sync::document_kind_from(query_value(path, "kind"));
            if (auto p = alis::sync::check_pdf(body)) return refusal(400, *p);
            if (auto p = alis::sync::check_may_upload_document(state, actor, doctor, *kind)) return refusal(403, *p);
            char id[24];
            std::snprintf(id, sizeof id, "doc-%016d", uploads);
            alis::sync::DocumentRecord d{id, doctor, *kind, *kind == alis::sync::DocumentKind::application ? user.organisation_id : "",
                                   query_value(path, "name"), body.size(), std::string(64, 'a'), portal.today, user.id};
            portal.server.put_document(d);
            files[id] = body;
            return {201, json{{"document", d}}.dump()};
        }
        const json j = json::parse(body);
        const auto it = state.documents.find(j.value("id", ""));
        if (it == state.documents.end()) return {404, "{}"};
        if (auto p = alis::sync::check_may_read_documents(state, actor, it->second.doctor_id)) return refusal(403, *p);
        if (path == "/api/documents/get") return {200, files[it->first]};
        const std::string id = it->first;  // a copy: delete_document erases the key it->first refers to
        portal.server.delete_document(id);
        return {200, "{}"};
    }
};

std::size_t queued(const TestPlatform& platform) {
    std::size_t n = 0;
    for (const auto& [name, text] : const_cast<TestPlatform&>(platform).files) n += name.rfind("docq-", 0) == 0;
    return n;
}

struct DocumentsFixture : PortalFixture {
    FakeDocumentServer server{portal};
    DocumentsFixture() : PortalFixture(1600) {
        portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
        platform.documents = std::ref(server);
    }
    void choose_cv(const std::string& name, const std::string& bytes) {
        ui.click(app, "Last opp CV");
        REQUIRE(platform.picker);
        CHECK(platform.picker->accept == ".pdf,application/pdf");
        CHECK(platform.picker->max_bytes == alis::sync::kMaxDocumentBytes);
        REQUIRE(platform.choose(name, bytes));
        ui.frame(app);
    }
};

bool alert_shown(const std::string& text) {
    const auto* item = probe::find(text);
    return item && item->role == probe::Role::alert;
}

}  // namespace

TEST_CASE_FIXTURE(DocumentsFixture, "a GP's CV: chosen, sent as raw bytes, listed from the synced record, downloaded with the same bytes, deleted") {
    log_in_as("kari");
    CHECK(ui.shows("Ingen lastet opp"));
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    CHECK(server.uploads == 1);
    CHECK(platform.content_types == std::vector<std::string>{"application/pdf"});
    CHECK(server.files.begin()->second == kPdf);  // the NUL and high bytes arrived as they are
    CHECK(queued(platform) == 0);                 // removed after the 201
    CHECK(ui.shows_part("cv.pdf, 1 kB, lastet opp 23.11.2026"));
    CHECK_FALSE(ui.shows_part("Venter på nett"));

    ui.click(app, "Last ned CV");
    while (platform.deliver() > 0) ui.frame(app);
    REQUIRE(platform.downloads.size() == 1);
    CHECK(platform.downloads[0].file_name == "cv.pdf");
    CHECK(platform.downloads[0].mime_type == "application/pdf");
    CHECK(platform.downloads[0].bytes == kPdf);

    ui.click(app, "Slett CV");
    ui.click(app, "Ja, slett");
    sync_round(ui, app, platform);
    CHECK(portal.server.state().documents.empty());
    CHECK(ui.shows("Ingen lastet opp"));
}

TEST_CASE_FIXTURE(DocumentsFixture, "deleting asks first, in place, naming the file: \"Avbryt\" sends nothing, \"Ja, slett\" sends one delete") {
    log_in_as("kari");
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    REQUIRE(portal.server.state().documents.size() == 1);
    const auto deletes = [&] { return std::count(platform.paths_sent.begin(), platform.paths_sent.end(), "/api/documents/delete"); };
    const probe::Item* remove = probe::find("Slett CV");
    REQUIRE(remove);
    const auto remove_key = remove->key;

    ui.click(app, "Slett CV");
    CHECK(alert_shown("Slette «cv.pdf»? Det kan ikke angres."));
    CHECK(ui.shows("Ja, slett"));
    CHECK_FALSE(ui.shows("Slett CV"));
    const probe::Item* cancel = probe::find("Avbryt");
    REQUIRE(cancel);
    CHECK(cancel->role == probe::Role::button);
    // One node for "Slett CV" and "Avbryt": the mirror keeps it, and keyboard focus with it.
    CHECK(cancel->key == remove_key);
    sync_round(ui, app, platform);
    CHECK(deletes() == 0);  // asking sends nothing

    ui.click(app, "Avbryt");
    CHECK_FALSE(ui.shows_part("Slette «"));
    REQUIRE(ui.shows("Slett CV"));
    CHECK(probe::find("Slett CV")->key == remove_key);
    sync_round(ui, app, platform);
    CHECK(deletes() == 0);
    CHECK(portal.server.state().documents.size() == 1);

    ui.click(app, "Slett CV");
    app.set_language(alis::Language::nynorsk);
    ui.frame(app);
    CHECK(alert_shown("Slette «cv.pdf»? Det kan ikkje angrast."));
    app.set_language(alis::Language::english);
    ui.frame(app);
    CHECK(alert_shown("Delete “cv.pdf”? This cannot be undone."));
    CHECK(ui.shows("Cancel"));
    ui.click(app, "Yes, delete");
    sync_round(ui, app, platform);
    CHECK(deletes() == 1);
    CHECK(portal.server.state().documents.empty());
    CHECK(ui.shows("None uploaded"));
    CHECK_FALSE(ui.shows("Yes, delete"));
}

TEST_CASE_FIXTURE(DocumentsFixture, "a renamed text and a file over 5 MB are refused in the browser with core's words, as alerts; nothing is stored or sent") {
    log_in_as("kari");
    choose_cv("cv.pdf", "Dette er bare tekst.\n");
    CHECK(alert_shown("Fila er ikke en PDF (det sjekkes i innholdet, ikke i navnet)."));
    for (const auto& item : probe::items()) {  // a refused file is no fault of the profile form above
        CHECK_MESSAGE((item.state & probe::kInvalid) == 0, item.label);
    }
    choose_cv("stor.pdf", std::string(6'000'000, 'x'));
    CHECK(alert_shown("Fila er for stor: et dokument kan være høyst 5 MB."));
    CHECK_FALSE(ui.shows_part("ikke en PDF"));  // the newest refusal replaces the one before
    app.set_language(alis::Language::english);
    ui.frame(app);
    CHECK(ui.shows_part("at most 5 MB"));
    sync_round(ui, app, platform);
    CHECK(server.uploads == 0);
    CHECK(queued(platform) == 0);
}

TEST_CASE_FIXTURE(DocumentsFixture, "the server's refusal is shown under the document and the file leaves the queue") {
    log_in_as("kari");
    server.refuse_next = refusal(403, {"file", "not_allowed", {"Du har ikke lov.", "Du har ikkje lov.", "You may not."}});
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    CHECK(alert_shown("Du har ikke lov."));
    CHECK(queued(platform) == 0);
    sync_round(ui, app, platform);
    CHECK(server.uploads == 1);  // not sent again
}

TEST_CASE_FIXTURE(DocumentsFixture, "offline: the chosen file waits in the store, is shown as waiting after a reload too, and is sent once online") {
    log_in_as("kari");
    platform.offline = true;
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    sync_round(ui, app, platform);
    CHECK(queued(platform) == 1);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Venter på nett"));
    CHECK(portal.server.state().documents.empty());

    // A reload while offline (the browser knows it now): the new page finds it in the store.
    platform.browser_offline = true;
    platform.reload();
    App reloaded(platform);
    ui.frame(reloaded);
    ui.frame(reloaded);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Venter på nett"));

    platform.offline = platform.browser_offline = false;
    sync_round(ui, reloaded, platform);
    sync_round(ui, reloaded, platform);
    CHECK(queued(platform) == 0);
    REQUIRE(portal.server.state().documents.size() == 1);
    CHECK(server.files.begin()->second == kPdf);
    CHECK(ui.shows_part("cv.pdf, 1 kB, lastet opp"));
    CHECK_FALSE(ui.shows_part("Venter på nett"));
}

TEST_CASE_FIXTURE(DocumentsFixture, "a queued file says what it waits for: \"Sender …\" while its request is out, \"Venter på nett\" after a failure and offline") {
    log_in_as("kari");
    choose_cv("cv.pdf", kPdf);  // its frame asks for the file's lock
    platform.run_tasks();       // granted: the upload goes out, not answered yet
    ui.frame(app);
    REQUIRE(platform.content_types.size() == 1);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Sender …"));
    CHECK_FALSE(ui.shows_part("Venter på nett"));
    app.set_language(alis::Language::english);
    ui.frame(app);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Sending …"));
    app.set_language(alis::Language::bokmal);

    server.refuse_next = HttpResponse{503, "{}"};  // answered: tried again later
    platform.deliver();
    ui.frame(app);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Venter på nett"));
    CHECK_FALSE(ui.shows_part("Sender …"));

    platform.offline = platform.browser_offline = true;
    platform.clock += 120;  // the retry is due, but the browser says it is offline
    ui.frame(app);
    ui.frame(app);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Venter på nett"));
    CHECK(server.uploads == 1);

    platform.offline = platform.browser_offline = false;
    sync_round(ui, app, platform);
    sync_round(ui, app, platform);
    CHECK(queued(platform) == 0);
    CHECK(server.uploads == 2);
    CHECK(ui.shows_part("cv.pdf, 1 kB, lastet opp"));
}

TEST_CASE_FIXTURE(DocumentsFixture, "a 401 on an upload: the session learns it needs a log-in, the file stays queued and is sent once after it") {
    log_in_as("kari");
    server.refuse_next = HttpResponse{401, R"({"error":{"status":401,"rule":"not_logged_in","message":{"nb":"Du må logge inn.","nn":"Du må logge inn.","en":"You must log in."}}})"};
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    CHECK(app.session().status().needs_login);
    CHECK(ui.shows_part("Økten er utløpt"));
    CHECK(queued(platform) == 1);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Sendes når du har logget inn igjen"));
    CHECK_FALSE(alert_shown("Du må logge inn."));  // no refusal: the file was not refused
    sync_round(ui, app, platform);
    CHECK(server.uploads == 1);  // not again while the server does not know the session

    // Logged in again (the log-in form keeps the username): the file goes at once.
    ui.click(app, "Logg ut");
    ui.click(app, "Logg inn");
    ui.type(app, "Passord", "hemmelig-passord");
    ui.click(app, "Logg inn");
    platform.deliver();
    ui.frame(app);
    REQUIRE(app.session().logged_in());
    sync_round(ui, app, platform);
    sync_round(ui, app, platform);
    CHECK_FALSE(app.session().status().needs_login);
    CHECK(server.uploads == 2);  // sent once after the log-in
    CHECK(queued(platform) == 0);
    REQUIRE(portal.server.state().documents.size() == 1);
    CHECK(ui.shows_part("cv.pdf, 1 kB, lastet opp"));
}

TEST_CASE("two tabs of one browser send a queued file once: the tab holding its lock sends it, the other shows it as being sent") {
    Headless ui(1280, 1600);
    TestPortal portal;
    seed_region(portal);
    portal.apply("register_doctor", doctor_json("d-kari", "Kari Nordmann"));
    FakeDocumentServer server{portal};
    TestProfile profile;
    TestPlatform first(portal, profile), second(portal, profile);
    first.documents = std::ref(server);
    second.documents = std::ref(server);
    App a(first);
    log_in(ui, a, first, "kari");
    App b(second);
    ui.frame(b);
    second.deliver();
    ui.frame(b);
    REQUIRE(b.session().logged_in());

    // Chosen offline in the first tab; both tabs see it waiting.
    first.offline = second.offline = true;
    ui.frame(a);
    ui.click(a, "Last opp CV");
    REQUIRE(first.choose("cv.pdf", kPdf));
    ui.frame(a);  // the first tab takes the file's lock to send it
    ui.frame(b);
    second.deliver();  // told another tab holds the lock: that tab is sending it
    ui.frame(b);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Sender …"));
    first.deliver();  // no answer: the first tab lets the lock go and waits
    ui.frame(a);
    CHECK(ui.shows_part("cv.pdf, 1 kB: Venter på nett"));
    CHECK(queued(first) == 1);

    // Back online, both tabs try in the same moment: the first takes the lock, the second is told
    // it is held. Both read what they were told before either request is answered.
    first.offline = second.offline = false;
    first.clock += 120;
    second.clock += 120;
    ui.frame(a);
    ui.frame(b);
    second.run_tasks();
    first.run_tasks();
    for (int i = 0; i < 5; ++i) {
        second.deliver();
        first.deliver();
        ui.frame(a);
        ui.frame(b);
    }
    CHECK(server.uploads == 1);
    CHECK(portal.server.state().documents.size() == 1);
    CHECK(queued(first) == 0);
}

TEST_CASE_FIXTURE(DocumentsFixture, "a municipality downloads a listed GP's CV and attaches its application; the office downloads both") {
    portal.apply("put_candidate", json{{"id", "c1"}, {"municipality_id", "bergen"}, {"doctor_id", "d-kari"}, {"position", 1}});
    const alis::sync::DocumentRecord cv{"doc-00000000000000cc", "d-kari", alis::sync::DocumentKind::cv, "", "kari-cv.pdf",
                                        kPdf.size(), std::string(64, 'b'), portal.today, "u-kari"};
    portal.server.put_document(cv);
    server.files[cv.id] = kPdf;

    log_in_as("bk");
    CHECK(ui.shows("Dokumenter for"));
    CHECK(ui.shows_part("kari-cv.pdf"));
    CHECK_FALSE(ui.shows("Slett CV"));  // only the GP (and the office) may
    ui.frame(app);  // the candidates' table settles its row heights in its first frames
    ui.frame(app);
    ui.click(app, "Last ned CV");
    while (platform.deliver() > 0) ui.frame(app);
    for (const auto& item : probe::items()) if (item.role == probe::Role::alert) MESSAGE(item.label);
    REQUIRE(platform.downloads.size() == 1);
    CHECK(platform.downloads[0].bytes == kPdf);

    ui.click(app, "Legg ved søknad (PDF)");
    REQUIRE(platform.choose("soknad.pdf", kPdf));
    ui.frame(app);
    sync_round(ui, app, platform);
    const auto* application = alis::sync::find_document(portal.server.state(), "d-kari", alis::sync::DocumentKind::application, "bergen");
    REQUIRE(application);
    CHECK(application->file_name == "soknad.pdf");
    CHECK(ui.shows("Slett søknad"));

    TestPlatform office_platform(portal);
    office_platform.documents = std::ref(server);
    App office(office_platform);
    log_in(ui, office, office_platform, "kontor");
    ui.click(office, "Regional liste");
    ui.frame(office);
    CHECK(ui.shows("Søknad fra Bergen"));
    ui.click(office, "Last ned søknad");
    while (office_platform.deliver() > 0) ui.frame(office);
    REQUIRE(office_platform.downloads.size() == 1);
    CHECK(office_platform.downloads[0].file_name == "soknad.pdf");
    CHECK(office_platform.downloads[0].bytes == kPdf);
}

TEST_CASE_FIXTURE(DocumentsFixture, "a GP who deletes the account leaves no waiting document on the machine") {
    log_in_as("kari");
    server.refuse_next = HttpResponse{503, "{}"};  // the server cannot take it now: the file waits
    choose_cv("cv.pdf", kPdf);
    sync_round(ui, app, platform);
    REQUIRE(queued(platform) == 1);
    CHECK(ui.shows_part("Venter på nett"));

    ui.click(app, "Slett kontoen min");
    ui.type(app, "Passordet ditt (for å bekrefte)", "hemmelig-passord");
    ui.click(app, "Slett alt");
    while (platform.deliver() > 0) ui.frame(app);
    ui.frame(app);
    CHECK_FALSE(app.session().logged_in());
    CHECK(queued(platform) == 0);
}
