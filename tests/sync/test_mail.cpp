// Mail against a real SMTP server on loopback (Debian's python3-aiosmtpd, writing a Maildir): the
// relay down, then up: every mail arrives exactly once, to the right address, with the subject
// encoded per RFC 2047 and the body in the recipient's language.
#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <thread>

#include "notifications.hpp"
#include "outbox.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("mail: relay down, then up: every mail once, to the subscriber, RFC 2047 subject, body in nynorsk") {
    TestServer s;  // demo: three published periods
    auto kari = s.client();
    auto reg = kari.post("/api/register", {{"username", "kari.lege"}, {"password", "et-langt-passord"}, {"name", "Kari Lege"},
                                           {"email", "kari@example.no"}, {"language", "nn"}});
    REQUIRE(reg.status == 201);
    const std::string user_id = reg.json()["user"]["id"];
    json push = {{"client_id", "laptop"},
                 {"mutations", {{{"id", 1}, {"name", "put_subscription"},
                                 {"args", {{"id", "s-mail"}, {"user_id", user_id}, {"topic", "new_periods"}, {"channel", "email"}}}}}}};
    REQUIRE(kari.post("/api/push", push).json()["applied"].size() == 1);
    REQUIRE(alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock()) >= 3);

    TempDir mail_dir;
    const unsigned short port = free_port();
    const alis::server::MailConfig config = sink_mail_config(port);
    alis::server::Outbox outbox(s.app().storage(), s.app().clock(), config, "http://portal.example/");

    // The relay is down: every mail waits, none is lost.
    auto down = outbox.run();
    CHECK(down.queued == 3);
    CHECK(down.sent == 0);
    CHECK(down.failed == 3);
    auto again = outbox.run();  // backoff: not yet due, and no second copy queued
    CHECK(again.queued == 0);
    CHECK(again.failed == 0);
    CHECK(alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock()) == 0);

    SmtpSink sink(port, mail_dir.path() + "/maildir");
    CHECK(outbox.run().sent == 0);  // still waiting out the backoff
    s.clock().advance(61);
    auto up = outbox.run();
    CHECK(up.sent == 3);
    CHECK(up.failed == 0);
    CHECK(outbox.run().sent == 0);

    const auto messages = sink.messages();
    REQUIRE(messages.size() == 3);
    std::set<std::string> ids;
    for (const auto& m : messages) {
        CHECK(header(m, "To") == "kari@example.no");
        CHECK(header(m, "X-RcptTo").find("kari@example.no") != std::string::npos);
        CHECK(header(m, "From") == "varsel@alis-vest.no");
        CHECK(decode_subject(header(m, "Subject")) == "ALIS-portalen Vest: Ny periode lyst ut");
        CHECK(header(m, "Content-Type") == "text/plain; charset=UTF-8");
        const auto blank = m.find("\n\n") != std::string::npos ? m.find("\n\n") + 2 : m.find("\r\n\r\n") + 4;
        const std::string body = unbase64(m.substr(blank));
        CHECK(body.find("Sjå varselet i ALIS-portalen Vest") != std::string::npos);
        CHECK(body.find("http://portal.example/#/home/varsler") != std::string::npos);  // the Alerts page
        ids.insert(header(m, "Message-ID"));
        CHECK(header(m, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
        CHECK(header(m, "List-Unsubscribe").rfind("<http://portal.example/api/unsubscribe?token=", 0) == 0);
    }
    CHECK(ids.size() == 3);

    // One click, without a session, as a mail provider posts it (RFC 8058): the e-mail subscription goes.
    std::string link = header(messages[0], "List-Unsubscribe");
    const std::string target = link.substr(link.find("/api/"), link.size() - link.find("/api/") - 1);
    auto anonymous = s.client();
    auto page = anonymous.get(target);
    CHECK(page.status == 200);
    CHECK(page.body.find("<form method=\"post\"") != std::string::npos);
    CHECK(s.app().sync().email_subscriptions(user_id).size() == 1);  // a GET changes nothing
    CHECK(anonymous.request("POST", target.substr(0, target.size() - 2) + "xx", "List-Unsubscribe=One-Click",
                            {{"Content-Type", "application/x-www-form-urlencoded"}}).status == 400);  // forged
    auto done = anonymous.request("POST", target, "List-Unsubscribe=One-Click", {{"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(done.status == 200);
    CHECK(s.app().sync().email_subscriptions(user_id).empty());
}

TEST_CASE("mail: a long subject becomes several encoded-words of at most 75 characters that decode to it") {
    const std::string subject = "ALIS-portalen Vest: Perioden blir lyst ut som vikariat om 14 dagar – Haukeland, Førde, Ålesund";
    const std::string encoded = alis::server::encode_subject(subject);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        if (end == std::string::npos) end = encoded.size();
        CHECK(end - start <= 75);
        start = end + 3;
    }
    CHECK(encoded.find("\r\n ") != std::string::npos);
    CHECK(decode_subject(encoded) == subject);
}

TEST_CASE("mail: a row a crash left \"sending\" is sent again at once, with the same Message-ID, and counted") {
    TestServer s;  // demo: three published periods
    auto kari = s.client();
    auto reg = kari.post("/api/register", {{"username", "kari.lege"}, {"password", "et-langt-passord"}, {"name", "Kari Lege"},
                                           {"email", "kari@example.no"}, {"language", "nb"}});
    REQUIRE(reg.status == 201);
    const std::string user_id = reg.json()["user"]["id"];
    json push = {{"client_id", "laptop"},
                 {"mutations", {{{"id", 1}, {"name", "put_subscription"},
                                 {"args", {{"id", "s-mail"}, {"user_id", user_id}, {"topic", "new_periods"}, {"channel", "email"}}}}}}};
    REQUIRE(kari.post("/api/push", push).json()["applied"].size() == 1);
    REQUIRE(alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock()) >= 3);
    alis::server::MailConfig config;
    config.smtp_url = "smtp://127.0.0.1:9";
    config.from = "varsel@alis-vest.no";

    // The second mail's sending never returns: the process dies while the relay is asked. While it
    // is asked, its row says "sending".
    std::vector<std::string> first_ids;
    alis::server::Outbox dying(s.app().storage(), s.app().clock(), config, "http://portal.example/", {},
                               [&](const alis::server::MailConfig&, const alis::server::MailMessage& m) -> std::string {
                                   for (const auto& row : s.app().storage().mail_of(user_id, 10)) {
                                       if (row.message_id == m.message_id) CHECK(row.last_error == alis::server::kSending);
                                   }
                                   first_ids.push_back(m.message_id);
                                   if (first_ids.size() == 2) throw std::runtime_error("SIGKILL");
                                   return "";
                               });
    CHECK_THROWS(dying.run());
    REQUIRE(first_ids.size() == 2);

    // After the restart (no clock advance: it is due at once) the cut-off mail goes again, with the
    // same Message-ID, then the one never tried; the first, marked sent, does not.
    // The relay's acceptance (send_mail calls on_accepted before curl's QUIT) marks the row sent
    // at once, before the send returns.
    std::vector<std::string> ids;
    alis::server::Outbox restarted(s.app().storage(), s.app().clock(), config, "http://portal.example/", {},
                                   [&](const alis::server::MailConfig&, const alis::server::MailMessage& m) {
                                       ids.push_back(m.message_id);
                                       REQUIRE(m.on_accepted);
                                       m.on_accepted();
                                       for (const auto& row : s.app().storage().mail_of(user_id, 10)) {
                                           if (row.message_id == m.message_id) CHECK(row.sent_at != 0);
                                       }
                                       return std::string();
                                   });
    const auto run = restarted.run();
    CHECK(run.sent == 2);
    CHECK(run.resent == 1);
    REQUIRE(ids.size() == 2);
    CHECK(ids[0] == first_ids[1]);
    CHECK(ids[1] != first_ids[0]);
    CHECK(restarted.run().sent == 0);
    for (const auto& row : s.app().storage().mail_of(user_id, 10)) {
        CHECK(row.sent_at != 0);
        CHECK(row.last_error == "");
    }
}

namespace {

// Registers a GP with one e-mail subscription to new periods (`extra`: frequency, paused).
std::string subscriber(TestServer& s, const std::string& name, const json& extra) {
    auto c = s.client();
    auto reg = c.post("/api/register", {{"username", name}, {"password", "et-langt-passord"}, {"name", name},
                                        {"email", name + "@example.no"}, {"language", "nb"}});
    REQUIRE(reg.status == 201);
    const std::string user_id = reg.json()["user"]["id"];
    json sub = {{"id", "s-" + name}, {"user_id", user_id}, {"topic", "new_periods"}, {"channel", "email"}};
    sub.update(extra);
    json push = {{"client_id", "laptop-" + name}, {"mutations", {{{"id", 1}, {"name", "put_subscription"}, {"args", sub}}}}};
    REQUIRE(c.post("/api/push", push).json()["applied"].size() == 1);
    return user_id;
}

std::string body_of(const std::string& m) {
    const auto blank = m.find("\n\n") != std::string::npos ? m.find("\n\n") + 2 : m.find("\r\n\r\n") + 4;
    return unbase64(m.substr(blank));
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("mail: daily and weekly digests go out once after their day or week ends, with every line; a paused subscription makes none") {
    TestServer s;  // demo: three published periods, all new on the same day
    const std::string dag = subscriber(s, "kari.dag", {{"frequency", "daily"}});
    const std::string uke = subscriber(s, "ola.uke", {{"frequency", "weekly"}});
    subscriber(s, "per.pause", {{"frequency", "daily"}, {"paused", true}});
    alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock());

    TempDir mail_dir;
    const unsigned short port = free_port();
    SmtpSink sink(port, mail_dir.path() + "/maildir");
    const alis::server::MailConfig config = sink_mail_config(port);
    auto outbox = std::make_unique<alis::server::Outbox>(s.app().storage(), s.app().clock(), config, "http://portal.example/");

    // The day has not ended: nothing goes.
    CHECK(outbox->run().sent == 0);
    const std::int64_t midnight = s.clock().now() - s.clock().now() % 86400 + 86400;
    s.clock().set(midnight - 1);
    CHECK(outbox->run().sent == 0);

    // After midnight: one mail for the daily subscriber with the three lines, each with its link.
    s.clock().set(midnight);
    CHECK(outbox->run().sent == 1);
    auto messages = sink.messages();
    REQUIRE(messages.size() == 1);
    const std::string day = messages[0];
    CHECK(header(day, "To") == "kari.dag@example.no");
    const alis::Date today = alis::civil_from_days(static_cast<long>(midnight / 86400) - 1);
    CHECK(decode_subject(header(day, "Subject")) == "ALIS-portalen Vest: Varsler for " + alis::to_norwegian(today));
    const std::string body = body_of(day);
    CHECK(count_of(body, "- Ny periode lyst ut (") == 3);
    CHECK(count_of(body, "\n  http://portal.example/#/home/varsler") == 3);  // under each line
    CHECK(header(day, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
    CHECK(header(day, "List-Unsubscribe").rfind("<http://portal.example/api/unsubscribe?token=", 0) == 0);

    // A restart (a new outbox on the same storage) neither loses nor doubles it.
    outbox = std::make_unique<alis::server::Outbox>(s.app().storage(), s.app().clock(), config, "http://portal.example/");
    const auto after_restart = outbox->run();
    CHECK(after_restart.queued == 0);
    CHECK(after_restart.sent == 0);
    CHECK(alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock()) == 0);

    // The weekly one after the ISO week's end: the next Monday at 00:00 UTC.
    const long monday = static_cast<long>(midnight / 86400) - 1 - alis::weekday(today) + 7;
    s.clock().set(std::int64_t{monday} * 86400 - 1);
    CHECK(outbox->run().sent == 0);
    s.clock().set(std::int64_t{monday} * 86400);
    CHECK(outbox->run().sent == 1);
    messages = sink.messages();
    REQUIRE(messages.size() == 2);
    const std::string week = messages[0] == day ? messages[1] : messages[0];
    CHECK(header(week, "To") == "ola.uke@example.no");
    CHECK(decode_subject(header(week, "Subject")).rfind("ALIS-portalen Vest: Varsler for uke ", 0) == 0);
    CHECK(count_of(body_of(week), "- Ny periode lyst ut (") == 3);
    CHECK(header(week, "Message-ID") != header(day, "Message-ID"));

    // A person's own data has their digests; deleting the account deletes them (found by the key).
    const auto has_digest = [&](const std::string& user_id, const std::string& key) {
        const auto mails = s.app().storage().mail_of(user_id, 100);
        return std::any_of(mails.begin(), mails.end(), [&](const auto& r) { return r.key == key; });
    };
    const std::string day_key = "digest/daily/" + alis::to_iso(today) + "/" + dag;
    CHECK(has_digest(dag, day_key));
    CHECK_FALSE(has_digest(uke, day_key));
    const auto weekly_mails = s.app().storage().mail_of(uke, 100);
    CHECK(std::any_of(weekly_mails.begin(), weekly_mails.end(), [](const auto& r) { return r.key.rfind("digest/weekly/", 0) == 0; }));
    CHECK(s.app().storage().forget_user(dag));
    CHECK_FALSE(has_digest(dag, day_key));
    CHECK(s.app().storage().mail_of(uke, 100).size() == 4);  // the other's digest and its three lines stay

    // The paused subscriber got nothing, ever.
    s.clock().advance(14 * 86400);
    CHECK(outbox->run().sent == 0);
    for (const auto& m : sink.messages()) CHECK(header(m, "To") != "per.pause@example.no");
}

TEST_CASE("mail: a digest holds every line of its day even when more wait than one run reads") {
    TestServer s;  // demo: three published periods, all new on the same day
    constexpr int kSubscribers = 8;  // 24 waiting lines; a run with batch 1 reads 20 of them
    for (int i = 0; i < kSubscribers; ++i) subscriber(s, "lege" + std::to_string(i), {{"frequency", "daily"}});
    REQUIRE(alis::server::collect_notifications(s.app().storage(), s.app().sync(), s.app().clock()) == 3 * kSubscribers);

    TempDir mail_dir;
    const unsigned short port = free_port();
    SmtpSink sink(port, mail_dir.path() + "/maildir");
    const alis::server::MailConfig config = sink_mail_config(port);
    alis::server::Outbox outbox(s.app().storage(), s.app().clock(), config, "http://portal.example/", {1, 60, 3600});
    s.clock().set(s.clock().now() - s.clock().now() % 86400 + 86400);
    for (int run = 0; run < 3 * kSubscribers && sink.count() < kSubscribers; ++run) outbox.run();
    const auto messages = sink.messages();
    REQUIRE(messages.size() == kSubscribers);
    for (const auto& m : messages) {
        CAPTURE(header(m, "To"));
        CHECK(count_of(body_of(m), "- Ny periode lyst ut (") == 3);
    }
}
