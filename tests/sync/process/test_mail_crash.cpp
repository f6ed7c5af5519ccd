// The real server killed with SIGKILL while its outbox sends to a real SMTP server on loopback
// (Debian's python3-aiosmtpd writing a Maildir), three times, then left to finish.
//
// What is guaranteed, and so asserted: no mail is lost (every notification's mail arrives), each
// mail's Message-ID is a function of its notification (the same across restarts), and a mail
// arrives twice only when a kill fell between the relay's acceptance and the one UPDATE that marks
// the row sent; SMTP cannot make that window zero. The outbox sends one mail at a time, so each kill
// can leave at most one such copy, and it carries the same Message-ID, by which mail programs drop
// it (docs/sync-server.md, Mail). Anything beyond one copy per kill would be a fault.
#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "../portal_data.hpp"
#include "bootstrap.hpp"
#include "crypto.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"
#include "storage.hpp"
#include "test_server.hpp"

using namespace alis::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Polls `done` every millisecond until it holds or `seconds` pass: a wait for a state, bounded.
template <class F>
bool wait_for(F done, int seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// The message without the sink's own trace headers (X-Peer, X-MailFrom, X-RcptTo), which differ per
// delivery: two deliveries of one mail must be equal in everything the server wrote.
std::string as_sent(const std::string& message) {
    std::string out;
    std::size_t i = 0;
    while (i < message.size()) {
        auto end = message.find('\n', i);
        end = end == std::string::npos ? message.size() : end + 1;
        const std::string line = message.substr(i, end - i);
        if (line.rfind("X-Peer:", 0) != 0 && line.rfind("X-MailFrom:", 0) != 0 && line.rfind("X-RcptTo:", 0) != 0) out += line;
        i = end;
    }
    return out;
}

}  // namespace

TEST_SUITE("mail_crash") {
TEST_CASE("mail: SIGKILL during sending (3 kills) loses no mail, a Message-ID per notification, at most one resent copy per kill") {
    TempDir dir;
    const std::string data = dir.path() + "/data";
    const unsigned short smtp_port = free_port();
    SmtpSink sink(smtp_port, dir.path() + "/maildir");
    const std::vector<std::string> base = {"serve", "--listen", "127.0.0.1:0", "--data", data, "--test-clock", "--today",
                                           "2027-01-04", "--job-interval", "1", "--threads", "2",
                                           "--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port),
                                           "--mail-from", "varsel@alis-vest.no"};
    // 60 periods published by Helse Bergen and the demo's 3, to one GP subscribed by e-mail "at once"
    // to new periods: 63 mails, all due in the same minute.
    const int published = 60;
    const std::size_t expected = published + 3;
    std::string gp_id;
    std::size_t kills_while_sending = 0;
    {
        auto args = base;
        args.push_back("--demo");
        ServerProcess server(ALIS_SYNC_BINARY, args);
        HttpClient hospital("127.0.0.1", server.port);
        REQUIRE(hospital.login("demo-sykehus", alis::server::kDemoPassword).status == 200);
        for (int first = 0; first < published; first += 20) {
            json batch = json::array();
            for (int i = first; i < first + 20; ++i) {
                batch.push_back(mutation(i + 1, "publish_period",
                                         period_body("p-mail-" + std::to_string(i), "helse-bergen", "helse-bergen-indremedisin")));
            }
            auto r = hospital.post("/api/push", {{"client_id", "hospital"}, {"mutations", batch}});
            REQUIRE(r.status == 200);
            REQUIRE(r.json()["applied"].size() == 20);
        }
        HttpClient gp("127.0.0.1", server.port);
        auto login = gp.login("demo-lege", alis::server::kDemoPassword);
        REQUIRE(login.status == 200);
        gp_id = login.json()["user"]["id"];
        json sub = {{"id", "s-mail"}, {"user_id", gp_id}, {"topic", "new_periods"}, {"channel", "email"}};
        auto r = gp.post("/api/push", {{"client_id", "gp"}, {"mutations", {mutation(1, "put_subscription", sub)}}});
        REQUIRE(r.status == 200);
        REQUIRE(r.json()["applied"].size() == 1);
        // The first kill: once the sink holds some mails and before it holds them all.
        REQUIRE(wait_for([&] { return sink.count() >= expected / 4; }, 60));
        server.kill9();
        kills_while_sending += sink.count() < expected;
    }
    // Two more kills at later points, each after a restart that goes on where the last one stopped.
    for (const std::size_t at : {expected / 2, 3 * expected / 4}) {
        ServerProcess server(ALIS_SYNC_BINARY, base);
        REQUIRE(wait_for([&] { return sink.count() >= at; }, 60));
        server.kill9();
        kills_while_sending += sink.count() < expected;
    }
    // The first kill at least fell in the middle of the sending (a quarter of the mails had gone).
    CHECK(kills_while_sending >= 1);

    // A last start finishes the outbox; it is stopped in an orderly way once every mail is there.
    std::set<std::string> ids;
    auto distinct = [&] {
        ids.clear();
        for (const auto& m : sink.messages()) ids.insert(header(m, "Message-ID"));
        return ids.size();
    };
    {
        ServerProcess server(ALIS_SYNC_BINARY, base);
        REQUIRE(wait_for([&] { return sink.count() >= expected && distinct() == expected; }, 120));
        CHECK(server.terminate() == 0);
    }

    // The database: one notification per mail, each row marked sent (none left "sending"), its
    // Message-ID made from the notification's key.
    auto storage = alis::server::open_sqlite_storage(data);
    std::vector<alis::server::NotificationRow> notes;
    for (auto& n : storage->notifications(gp_id, 1000)) {
        if (n.email) notes.push_back(std::move(n));
    }
    CHECK(notes.size() == expected);
    std::map<std::string, std::string> id_of_key;
    for (const auto& row : storage->mail_of(gp_id, 1000)) {
        CAPTURE(row.key);
        CHECK(row.sent_at != 0);
        CHECK(row.last_error == "");
        CHECK(row.to == "demo-lege@demo.invalid");
        id_of_key[row.key] = row.message_id;
    }
    REQUIRE(id_of_key.size() == expected);
    std::set<std::string> stable;
    for (const auto& n : notes) {
        REQUIRE(id_of_key.count(n.key) == 1);
        CHECK(id_of_key[n.key] == alis::server::token_hash(n.key).substr(0, 32) + "@alis-vest.no");
        stable.insert("<" + id_of_key[n.key] + ">");
    }
    // Every mail arrived: the sink's Message-IDs are exactly the notifications' ones.
    CHECK(ids == stable);

    // Copies: only where a kill fell between the relay's 250 and the row's UPDATE, so at most one per
    // kill, and equal to the first delivery in everything the server wrote.
    std::map<std::string, std::vector<std::string>> copies;
    for (const auto& m : sink.messages()) copies[header(m, "Message-ID")].push_back(as_sent(m));
    std::size_t resent = 0;
    for (const auto& entry : copies) {
        const std::string& id = entry.first;  // not a structured binding: CAPTURE's lambda takes it (clang)
        const auto& versions = entry.second;
        CAPTURE(id);
        resent += versions.size() - 1;
        for (const auto& v : versions) {
            // The Date header is the attempt's; everything else is the mail's own.
            auto without_date = [](std::string text) {
                const auto at = text.find("\nDate: ");
                if (at != std::string::npos) text.erase(at, text.find('\n', at + 1) - at);
                return text;
            };
            CHECK(without_date(v) == without_date(versions.front()));
        }
    }
    MESSAGE(expected << " mails, " << kills_while_sending << " kills while sending, " << resent << " resent copies");
    CHECK(resent <= 3);
}
}
