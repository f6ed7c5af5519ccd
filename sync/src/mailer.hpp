#pragma once
// E-mail through libcurl's SMTP (STARTTLS or implicit TLS, AUTH), never a hand-written SMTP client.
// build_message makes the RFC 5322 text: UTF-8 plain text, the subject as RFC 2047 encoded-words,
// a stable Message-ID (the sink can tell a resent mail from a new one).
#include <functional>
#include <string>

namespace alis::server {

struct MailConfig {
    std::string smtp_url;  // smtp://host:port (STARTTLS when offered; required with a user) or smtps://host:port
    std::string user;
    std::string password;   // read from --smtp-password-file, never a flag
    std::string from;       // the sender address, e.g. varsel@alis-vest.no
    long timeout_seconds = 30;
    bool enabled() const { return !smtp_url.empty() && !from.empty(); }
};

struct MailMessage {
    std::string to;
    std::string subject;  // UTF-8
    std::string body;     // UTF-8 plain text, lines separated by \n
    std::string message_id;  // without angle brackets
    std::string date;        // RFC 5322 date, e.g. "Thu, 04 Mar 2027 12:00:00 +0000"
    std::string unsubscribe_url;  // RFC 8058 one-click (List-Unsubscribe + List-Unsubscribe-Post); none when empty
    // Called the moment the relay has accepted the message, before the connection is closed (curl
    // keeps it open after the transfer; its cleanup sends QUIT and waits for the answer), so the
    // outbox marks the mail sent as early as it can (outbox.hpp).
    std::function<void()> on_accepted;
};

// "=?UTF-8?B?...?=" words of at most 75 characters, split on character boundaries, joined by CRLF SP.
std::string encode_subject(const std::string& utf8);
std::string build_message(const MailConfig& config, const MailMessage& m);

// Sends one message; "" on success, else the reason (the outbox retries).
std::string send_mail(const MailConfig& config, const MailMessage& m);

}  // namespace alis::server
