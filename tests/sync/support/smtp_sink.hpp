#pragma once
// A real SMTP server on loopback for the mail tests: Debian's python3-aiosmtpd with its Mailbox
// handler, which writes every message it accepts to maildir/new before it answers 250. And what a
// mail reader does with a message: a header's value (unfolded), an RFC 2047 subject decoded.
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

#include "mailer.hpp"

namespace alis::test {

// A loopback port nothing listens on now.
unsigned short free_port();
// Whether something accepts connections on the loopback port.
bool accepts(unsigned short port);

// The server's mail settings for a sink on the loopback port: the portal's sender, a bounded wait.
inline alis::server::MailConfig sink_mail_config(unsigned short port) {
    alis::server::MailConfig config;
    config.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
    config.from = "varsel@alis-vest.no";
    config.timeout_seconds = 10;
    return config;
}

class SmtpSink {
public:
    // Starts aiosmtpd on 127.0.0.1:port and waits (polling, bounded) until it accepts.
    SmtpSink(unsigned short port, std::string maildir);
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    std::size_t count() const;                  // messages received so far
    std::vector<std::string> messages() const;  // each as received, in no particular order

private:
    std::string maildir_;
    pid_t pid_ = -1;
};

// The value of header `name` of `message` with folded lines joined, or "".
std::string header(const std::string& message, const std::string& name);
// RFC 2047 B-encoded UTF-8 words, decoded and joined as a mail reader shows them.
std::string decode_subject(const std::string& value);
std::string unbase64(const std::string& text);

}  // namespace alis::test
