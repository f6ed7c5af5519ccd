#pragma once
// A piece of a mail's text in the three languages, chosen by the account's language code ("nb",
// "nn", "en"; anything else reads as bokmål). The outbox's mails and the inactivity warning use it.
#include <string>

namespace alis::server {

struct Words {
    const char* nb;
    const char* nn;
    const char* en;
    const char* in(const std::string& lang) const { return lang == "nn" ? nn : lang == "en" ? en : nb; }
};

}  // namespace alis::server
