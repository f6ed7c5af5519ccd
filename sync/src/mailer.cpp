#include "mailer.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <mutex>
#include <vector>

namespace alis::server {

namespace {

std::string base64(const std::string& bytes) {
    std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL));
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return out.data();
}

struct Upload {
    const std::string* text;
    std::size_t at = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, up->text->size() - up->at);
    std::memcpy(buffer, up->text->data() + up->at, n);
    up->at += n;
    return n;
}

}  // namespace

std::string encode_subject(const std::string& utf8) {
    // 45 bytes make 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays within 75.
    std::string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t end = std::min(utf8.size(), i + 45);
        while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;  // no split character
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
        i = end;
    }
    return out.empty() ? std::string("=?UTF-8?B?") + "?=" : out;
}

std::string build_message(const MailConfig& config, const MailMessage& m) {
    std::string body;
    for (char c : m.body) {
        if (c == '\n') body += "\r\n";
        else if (c != '\r') body += c;
    }
    std::string text = "From: " + config.from + "\r\n" + "To: " + m.to + "\r\n" + "Subject: " + encode_subject(m.subject) +
                       "\r\n" + "Date: " + m.date + "\r\n" + "Message-ID: <" + m.message_id + ">\r\n" +
                       (m.unsubscribe_url.empty() ? std::string()
                                                    : "List-Unsubscribe: <" + m.unsubscribe_url + ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") +
                       "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n" +
                       "Content-Transfer-Encoding: base64\r\n" + "\r\n";
    // Base64 in lines of 76: any UTF-8 text passes any relay unchanged.
    const std::string encoded = base64(body);
    for (std::size_t i = 0; i < encoded.size(); i += 76) text += encoded.substr(i, 76) + "\r\n";
    return text;
}

std::string send_mail(const MailConfig& config, const MailMessage& m) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL* curl = curl_easy_init();
    if (!curl) return "curl_easy_init failed";
    const std::string text = build_message(config, m);
    Upload up{&text};
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, config.smtp_url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + config.from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, config.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // A password never crosses the network in clear: with a user, smtp:// must upgrade by STARTTLS.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, config.user.empty() ? static_cast<long>(CURLUSESSL_TRY) : static_cast<long>(CURLUSESSL_ALL));
    if (!config.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, config.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, config.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl);
    // The relay answered 250 to the message; curl_easy_cleanup still sends QUIT and waits for it.
    if (rc == CURLE_OK && m.on_accepted) m.on_accepted();
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? "" : curl_easy_strerror(rc);
}

}  // namespace alis::server
