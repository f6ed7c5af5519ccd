// Inactive GP profiles and accounts, and the audit log kept as counts (sync/src/inactivity.hpp), with
// the test clock: each rule on its boundary day, the warning mail once in a real SMTP sink in the
// account's language with no subscription, a log-in that keeps the profile, the erased GP as
// tombstones in a hospital's next pull, and the audit fold's counts with no personal data left.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "data_files.hpp"
#include "inactivity.hpp"
#include "outbox.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;
using alis::server::apply_inactivity;

namespace {

const char* kDemo = alis::server::kDemoPassword;

void set_day(TestServer& s, const std::string& iso) { s.clock().set(alis::days_from_civil(*alis::parse_iso(iso)) * 86400 + 12 * 3600); }

alis::sync::RetentionPolicy defaults() { return {}; }

bool has_change(const json& pull, const std::string& kind, const std::string& id, bool deleted) {
    for (auto& c : pull["changes"]) {
        if (c["kind"] == kind && c["id"] == id && c["deleted"] == deleted) return true;
    }
    return false;
}


// A GP registered on the server's first day (2027-01-04) with a profile and a wish without a latest
// end (nothing current), no subscription; returns the user's id.
std::string register_idle_gp(TestServer& s, HttpClient& c, const std::string& username, const std::string& language) {
    auto reg = c.post("/api/register", {{"username", username}, {"password", "et-langt-passord"}, {"name", "Kari Lege"},
                                        {"email", username + "@example.no"}, {"language", language}});
    REQUIRE(reg.status == 201);
    const std::string doctor = reg.json()["user"]["doctor_id"];
    json push = {{"client_id", username},
                 {"mutations", {{{"id", 1}, {"name", "register_doctor"},
                                 {"args", {{"id", doctor}, {"name", "Kari Lege"}, {"hpr_number", "1234567"}, {"municipality_id", "bergen"},
                                           {"general_practice_start", "2020-01-01"}}}},
                                {{"id", 2}, {"name", "put_wish"},
                                 {"args", {{"id", "w-" + username}, {"doctor_id", doctor}, {"rank", 1}, {"specialty", "psykiatri"}}}}}}};
    REQUIRE(c.post("/api/push", push).json()["applied"].size() == 2);
    REQUIRE(s.app().sync().inactive_step(doctor, {2027, 1, 4}, std::nullopt, 24) == alis::sync::InactiveStep::keep);
    return reg.json()["user"]["id"];
}

}  // namespace

TEST_CASE("inactive GP: warned on the day 30 days before, once by mail in nynorsk without a subscription; deleted on the day") {
    TestServer s;  // 2027-01-04; the deletion day under the defaults is 2029-01-04, the warning from 2028-12-05
    auto kari = s.client();
    const std::string id = register_idle_gp(s, kari, "kari.lege", "nn");
    const std::string doctor = s.app().storage().user_by_id(id)->doctor_id;
    auto hospital = s.client();
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);
    const json before = hospital.post("/api/pull", {{"client_id", "hf"}, {"cookie", 0}}).json();
    REQUIRE(has_change(before, "doctor", doctor, false));

    set_day(s, "2028-12-04");
    auto report = apply_inactivity(s.app(), defaults(), false);
    CHECK(s.app().storage().user_by_id(id)->warned_on.empty());
    set_day(s, "2028-12-05");
    auto dry = apply_inactivity(s.app(), defaults(), true);
    CHECK(dry.warned >= 1);
    CHECK(s.app().storage().user_by_id(id)->warned_on.empty());  // a dry run changes nothing
    report = apply_inactivity(s.app(), defaults(), false);
    CHECK(report.warned == dry.warned);
    CHECK(s.app().storage().user_by_id(id)->warned_on == "2028-12-05");
    CHECK(s.app().storage().unread_notifications(id) == 0);  // a mail, not an alert in the portal
    // Again the same day, and after a "restart" of the job: the warning stands, no second mail.
    CHECK(apply_inactivity(s.app(), defaults(), false).warned == 0);

    TempDir mail_dir;
    const unsigned short port = free_port();
    const alis::server::MailConfig config = sink_mail_config(port);
    SmtpSink sink(port, mail_dir.path() + "/maildir");
    alis::server::Outbox outbox(s.app().storage(), s.app().clock(), config, "http://portal.example/");
    outbox.run();
    outbox.run();
    std::vector<std::string> to_kari;
    for (const auto& m : sink.messages()) {
        if (header(m, "To") == "kari.lege@example.no") to_kari.push_back(m);
    }
    REQUIRE(to_kari.size() == 1);
    const std::string& m = to_kari.front();
    CHECK(decode_subject(header(m, "Subject")) == "ALIS-portalen Vest: Profilen din blir sletta 04.01.2029");
    CHECK(header(m, "List-Unsubscribe").empty());  // not an alert one can unsubscribe from
    const auto blank = m.find("\n\n") != std::string::npos ? m.find("\n\n") + 2 : m.find("\r\n\r\n") + 4;
    const std::string body = unbase64(m.substr(blank));
    CHECK(body.find("Sletting: 04.01.2029") != std::string::npos);
    CHECK(body.find("loggar du inn før den dagen") != std::string::npos);
    CHECK(body.find("http://portal.example/") != std::string::npos);

    set_day(s, "2029-01-03");
    apply_inactivity(s.app(), defaults(), false);
    CHECK(s.app().storage().user_by_id(id));
    s.app().storage().compact(false);
    REQUIRE(data_holds(s.data_dir(), "kari.lege@example.no"));
    set_day(s, "2029-01-04");
    REQUIRE(hospital.login("demo-sykehus", kDemo).status == 200);  // the hospital keeps its own account
    report = apply_inactivity(s.app(), defaults(), false);
    CHECK(report.accounts["gp"] >= 1);
    CHECK(report.records["doctor"] >= 1);
    CHECK(report.records["wish"] >= 1);
    CHECK_FALSE(s.app().storage().user_by_id(id));
    CHECK(kari.login("kari.lege", "et-langt-passord").status == 401);
    const json after = hospital.post("/api/pull", {{"client_id", "hf"}, {"cookie", before["cookie"]}}).json();
    CHECK(has_change(after, "doctor", doctor, true));
    CHECK(has_change(after, "wish", "w-kari.lege", true));
    // The audit log keeps the fact: the account went, by the system, with no mail address or name.
    alis::server::AuditQuery q;
    q.doctor_id = doctor;
    bool account_deleted = false;
    for (const auto& e : s.app().storage().audit(q)) {
        if (e.action == "delete" && e.kind == "account") {
            account_deleted = true;
            CHECK(e.user_id == "system");
            CHECK(e.detail.find("@") == std::string::npos);
        }
    }
    CHECK(account_deleted);
    CHECK_FALSE(data_holds(s.data_dir(), "kari.lege@example.no"));
}

TEST_CASE("inactive GP: a log-in after the warning keeps the profile, and the clock starts again from it") {
    TestServer s;
    auto ola = s.client();
    const std::string id = register_idle_gp(s, ola, "ola.lege", "en");
    set_day(s, "2028-12-05");
    apply_inactivity(s.app(), defaults(), false);
    REQUIRE(s.app().storage().user_by_id(id)->warned_on == "2028-12-05");
    set_day(s, "2028-12-20");
    REQUIRE(ola.login("ola.lege", "et-langt-passord").status == 200);
    CHECK(s.app().storage().user_by_id(id)->last_login_on == "2028-12-20");
    set_day(s, "2029-01-04");
    auto report = apply_inactivity(s.app(), defaults(), false);
    CHECK(s.app().storage().user_by_id(id));
    CHECK(s.app().storage().user_by_id(id)->warned_on == "2028-12-05");  // not warned again
    // The new deletion day is 2030-12-20: warned from 2030-11-20, not the day before.
    set_day(s, "2030-11-19");
    apply_inactivity(s.app(), defaults(), false);
    CHECK(s.app().storage().user_by_id(id)->warned_on == "2028-12-05");
    set_day(s, "2030-11-20");
    apply_inactivity(s.app(), defaults(), false);
    CHECK(s.app().storage().user_by_id(id)->warned_on == "2030-11-20");
    (void)report;
}

TEST_CASE("inactive accounts: hospital and municipality warned then deleted on their days; the office keeps one account") {
    TestServer s;  // the demo accounts, created 2027-01-04, none logged in
    alis::sync::RetentionPolicy p;
    p.inactive_account_months = 6;      // deletion day 2027-07-04, warning from 2027-06-04
    p.inactive_profile_months = 60;     // the GPs stay out of it
    auto hospital = s.client();
    set_day(s, "2027-06-03");
    CHECK(apply_inactivity(s.app(), p, false).warned == 0);
    set_day(s, "2027-06-04");
    const auto warned = apply_inactivity(s.app(), p, false);
    CHECK(warned.warned >= 4);  // two hospitals, two municipalities, one of the two office accounts
    const auto sykehus = s.app().storage().user_by_username("demo-sykehus");
    REQUIRE(sykehus);
    CHECK(sykehus->warned_on == "2027-06-04");
    set_day(s, "2027-07-03");
    auto none = apply_inactivity(s.app(), p, false);
    CHECK(none.accounts.empty());
    set_day(s, "2027-07-04");
    REQUIRE(s.client().login("demo-sykehus2", kDemo).status == 200);  // a log-in the last day keeps it
    auto erased = apply_inactivity(s.app(), p, false);
    CHECK(erased.accounts["hospital"] == 1);
    CHECK(erased.accounts["municipality"] == 2);
    CHECK(erased.accounts["alis_office"] == 1);
    CHECK_FALSE(s.app().storage().user_by_username("demo-sykehus"));
    CHECK(s.app().storage().user_by_username("demo-sykehus2"));
    CHECK(s.app().storage().user_by_username("demo-lege"));
    std::size_t office = 0;
    for (const auto& u : s.app().storage().users()) office += u.role == "alis_office";
    CHECK(office == 1);
    // The kept office account is never warned: the next year nothing happens to it.
    set_day(s, "2028-07-04");
    CHECK(apply_inactivity(s.app(), p, false).accounts["alis_office"] == 0);
    (void)hospital;
}

TEST_CASE("audit entries past audit_years fold into counts on the day, in one go, and leave no personal data in the file") {
    TestServer s;  // 2027-01-04: under 5 years, entries of 2022-01-04 and before fold today
    auto at = [](const char* iso, int hour) { return alis::days_from_civil(*alis::parse_iso(iso)) * 86400 + hour * 3600; };
    s.app().storage().append_audit({
        {0, at("2021-12-01", 9), "u-secret-user", "gp", "login", "", "", "d-secret-doctor", "from 203.0.113.77"},
        {0, at("2021-12-31", 23), "u-secret-user", "gp", "login", "", "", "d-secret-doctor", "from 203.0.113.77"},
        {0, at("2022-01-04", 23), "u-other", "hospital", "write", "period", "p-secret-period", "", "secret detail text"},
        {0, at("2022-01-05", 0), "u-other", "hospital", "write", "period", "p-kept-period", "", ""},
    });
    s.app().storage().compact(false);
    REQUIRE(data_holds(s.data_dir(), "203.0.113.77"));  // the check below can fail
    const auto dry = apply_inactivity(s.app(), defaults(), true);
    CHECK(dry.audit_folded == 3);
    CHECK(s.app().storage().audit_counts().empty());
    const auto report = apply_inactivity(s.app(), defaults(), false);
    CHECK(report.audit_folded == 3);
    const auto counts = s.app().storage().audit_counts();
    REQUIRE(counts.size() == 2);
    CHECK(counts[0].month == "2021-12");
    CHECK(counts[0].role == "gp");
    CHECK(counts[0].action == "login");
    CHECK(counts[0].count == 2);
    CHECK(counts[1].month == "2022-01");
    CHECK(counts[1].kind == "period");
    CHECK(counts[1].count == 1);
    alis::server::AuditQuery q;
    q.user_id = "u-other";
    const auto left = s.app().storage().audit(q);
    REQUIRE(left.size() == 1);
    CHECK(left[0].record_id == "p-kept-period");
    for (const char* text : {"u-secret-user", "d-secret-doctor", "203.0.113.77", "p-secret-period", "secret detail text"}) {
        INFO(text);
        CHECK_FALSE(data_holds(s.data_dir(), text));
    }
    // The next day the next entry folds into the same month's count.
    set_day(s, "2027-01-05");
    CHECK(apply_inactivity(s.app(), defaults(), false).audit_folded == 1);
    CHECK(s.app().storage().audit_counts()[1].count == 2);
}

TEST_CASE("a database from before the inactivity rule takes each user's last log-in from its audit log") {
    TempDir dir;
    {
        // The tables migrations 7 and 8 read or change, as schema version 6 left them (sqlite_storage.cpp).
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir.path() + "/alis.sqlite3").c_str(), &db) == SQLITE_OK);
        const char* sql = R"sql(
            CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                role TEXT NOT NULL, organisation_id TEXT NOT NULL DEFAULT '', doctor_id TEXT NOT NULL DEFAULT '',
                display_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT 'nb',
                must_change_password INTEGER NOT NULL DEFAULT 0, disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
            CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL,
                role TEXT NOT NULL, action TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '', record_id TEXT NOT NULL DEFAULT '',
                doctor_id TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
            CREATE TABLE period_facts (period_id TEXT PRIMARY KEY, hospital_id TEXT NOT NULL, department_id TEXT NOT NULL,
                specialty TEXT NOT NULL DEFAULT '', places INTEGER NOT NULL, published_on TEXT NOT NULL, outcome TEXT NOT NULL,
                matched_on TEXT, days_to_match INTEGER, municipality_id TEXT NOT NULL DEFAULT '');
            INSERT INTO users(id, username, password_hash, role, created_at) VALUES ('u-1', 'kari', 'x', 'gp', 0), ('u-2', 'ola', 'x', 'gp', 0);
            INSERT INTO audit_log(at, user_id, role, action) VALUES (1796558400, 'u-1', 'gp', 'login'), (1799150400, 'u-1', 'gp', 'login'),
                (1801828800, 'u-1', 'gp', 'logout'), (1801828800, 'u-2', 'gp', 'login_failed');
            PRAGMA user_version = 6;
        )sql";
        REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    auto storage = alis::server::open_sqlite_storage(dir.path());
    CHECK(storage->schema_version() >= 7);
    CHECK(storage->user_by_id("u-1")->last_login_on == "2027-01-05");  // the later log-in; a log-out is none
    CHECK(storage->user_by_id("u-2")->last_login_on.empty());          // never: the rule counts from creation
    CHECK(storage->user_by_id("u-2")->warned_on.empty());
}

TEST_CASE("the daily job applies the office's stored inactivity months and reports the deleted accounts by role") {
    TestServer s;  // 2027-01-04
    auto office = s.client();
    REQUIRE(office.login("demo-kontor", kDemo).status == 200);
    json push = {{"client_id", "office-pc"},
                 {"mutations", {{{"id", 1}, {"name", "set_retention"}, {"args", {{"retention", {{"inactive_account_months", 6}}}}}}}}};
    REQUIRE(office.post("/api/push", push).json()["applied"] == json::array({1}));
    set_day(s, "2027-06-03");
    REQUIRE(s.app().expire_daily());
    CHECK(s.app().storage().user_by_username("demo-sykehus")->warned_on.empty());
    set_day(s, "2027-06-04");  // the flags say 24 months: the office's 6 win
    REQUIRE(s.app().expire_daily());
    CHECK(s.app().storage().user_by_username("demo-sykehus")->warned_on == "2027-06-04");
    CHECK(s.app().storage().user_by_username("demo-lege")->warned_on.empty());  // GPs: 24 months by default
    set_day(s, "2027-07-04");
    auto report = s.app().expire_daily();
    REQUIRE(report);
    CHECK(report->deleted["account (hospital, inactive)"] == 2);
    CHECK(report->deleted["account (municipality, inactive)"] == 2);
    // Of the two office accounts the one that logged in stays, the one never used goes.
    CHECK(report->deleted["account (alis_office, inactive)"] == 1);
    CHECK(s.app().storage().user_by_username("demo-kontor"));
    CHECK_FALSE(s.app().storage().user_by_username("admin"));
}
