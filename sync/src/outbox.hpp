#pragma once
// The mail outbox: notifications an e-mail subscription asks for become one mail each (UNIQUE by the
// notification's key), in the recipient's language, and are sent through the relay until it takes
// them. A relay that is down or refuses delays a mail (backoff doubling from `first_retry` up to
// `max_retry`); none is lost. Each mail has a stable Message-ID made from its key, so should the
// process die between the relay's acceptance and the row's update, the resent copy is recognisably
// the same mail. A row is marked "sending" (last_error) just before the relay is asked and "sent"
// just after it answers, each in its own short write; a row found "sending" is resent at once.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "clock.hpp"
#include "mailer.hpp"
#include "storage.hpp"

namespace alis::server {

struct OutboxPolicy {
    int batch = 50;                   // mails made and sent per run
    std::int64_t first_retry = 60;    // seconds after the first failure
    std::int64_t max_retry = 3600;    // the longest wait between attempts
};

struct OutboxRun {
    std::size_t queued = 0, sent = 0, failed = 0;
    std::size_t resent = 0;  // of `sent + failed`: mails a crash left "sending", tried again
};

// The last_error of a row while the relay is being asked; found on a due row, it means a crash.
inline constexpr const char* kSending = "sending";

using SendFn = std::function<std::string(const MailConfig&, const MailMessage&)>;

class Outbox {
public:
    Outbox(Storage& storage, const Clock& clock, MailConfig config, std::string portal_url, OutboxPolicy policy = {},
           SendFn send = send_mail);
    // Makes the mails for new notifications, then sends those due.
    OutboxRun run();

private:
    std::size_t queue();

    Storage& storage_;
    const Clock& clock_;
    MailConfig config_;
    std::string portal_url_;
    OutboxPolicy policy_;
    SendFn send_;
};

// The subject and body of a notification's mail in `language` (nb, nn, en; others: nb).
struct MailText {
    std::string subject, body;
};
MailText mail_text(const std::string& kind, const std::string& on, const std::string& language, const std::string& portal_url);
// A digest's subject and body: one line per (event kind, date), each with the portal's link.
// `label` is the day (YYYY-MM-DD) or the ISO week (YYYY-Www).
MailText digest_text(const std::vector<std::pair<std::string, std::string>>& events, const std::string& frequency,
                     const std::string& label, const std::string& language, const std::string& portal_url);

}  // namespace alis::server
