#include "unsubscribe.hpp"

#include <sodium.h>

#include <vector>

#include "crypto.hpp"

namespace alis::server {

namespace {

std::string b64url(const unsigned char* bytes, std::size_t n) {
    std::vector<char> out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out.data();
}

std::optional<std::string> unb64url(const std::string& text, std::size_t max) {
    std::string out(max, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                          nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

std::string mac(const std::string& key, const std::string& user_id) {
    unsigned char k[crypto_auth_KEYBYTES] = {};
    crypto_generichash(k, sizeof k, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
    unsigned char tag[crypto_auth_BYTES];
    crypto_auth(tag, reinterpret_cast<const unsigned char*>(user_id.data()), user_id.size(), k);
    return b64url(tag, sizeof tag);
}

Response page(int status, const std::string& lang, const std::string& title, const std::string& inner) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    r.body = "<!doctype html><html lang=\"" + lang + "\"><meta charset=\"utf-8\"><title>" + title + "</title><body><h1>" + title +
             "</h1>" + inner + "</body></html>\n";
    return r;
}

// The page's words in the language the mail was written in (the account's; others: nb).
struct Words {
    const char* nb;
    const char* nn;
    const char* en;
    std::string in(const std::string& lang) const { return lang == "nn" ? nn : lang == "en" ? en : nb; }
};
const Words kConfirmTitle{"Meld av e-postvarsler", "Meld av e-postvarsel", "Unsubscribe from e-mail alerts"};
const Words kConfirmButton{"Meld av alle e-postvarsler", "Meld av alle e-postvarsel", "Unsubscribe from all e-mail alerts"};
const Words kDoneTitle{"Avmeldt", "Avmeld", "Unsubscribed"};
const Words kDoneText{"Du får ikke flere varsler på e-post. Abonnementer slettet: ", "Du får ikkje fleire varsel på e-post. Abonnement sletta: ",
                      "You will get no more e-mail alerts. Subscriptions deleted: "};

}  // namespace

std::string unsubscribe_key(Storage& storage) { return storage.secret("unsubscribe", random_token()); }

std::string unsubscribe_token(const std::string& key, const std::string& user_id) {
    return b64url(reinterpret_cast<const unsigned char*>(user_id.data()), user_id.size()) + "." + mac(key, user_id);
}

std::optional<std::string> verify_unsubscribe(const std::string& key, const std::string& token) {
    if (token.size() > 512) return std::nullopt;
    const auto dot = token.find('.');
    if (dot == std::string::npos) return std::nullopt;
    auto user_id = unb64url(token.substr(0, dot), token.size());
    if (!user_id) return std::nullopt;
    const std::string expected = mac(key, *user_id), given = token.substr(dot + 1);
    if (given.size() != expected.size() || sodium_memcmp(given.data(), expected.data(), given.size()) != 0) return std::nullopt;
    return user_id;
}

Response unsubscribe_request(Storage& storage, SyncService& sync, const std::string& method, const std::string& token) {
    const auto user_id = verify_unsubscribe(unsubscribe_key(storage), token);
    if (!user_id) {
        return page(400, "nb", "Ugyldig lenke / Invalid link",
                    "<p>Lenken for å melde seg av er ugyldig. / Lenkja for å melde seg av er ugyldig. / The unsubscribe link is invalid.</p>");
    }
    const auto user = storage.user_by_id(*user_id);
    const std::string lang = user && (user->language == "nn" || user->language == "en") ? user->language : "nb";
    if (method == "GET") {
        // The token is base64url and a dot: safe inside the attribute as it is.
        return page(200, lang, kConfirmTitle.in(lang),
                    "<form method=\"post\" action=\"/api/unsubscribe?token=" + token + "\"><button type=\"submit\">" +
                        kConfirmButton.in(lang) + "</button></form>");
    }
    std::size_t removed = 0;
    for (const std::string& id : sync.email_subscriptions(*user_id)) {
        if (sync.apply_direct("delete_subscription", {{"subscription_id", id}}).empty()) ++removed;
    }
    return page(200, lang, kDoneTitle.in(lang), "<p>" + kDoneText.in(lang) + std::to_string(removed) + ".</p>");
}

}  // namespace alis::server
