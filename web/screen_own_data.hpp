#pragma once
// "Dine opplysninger" on the GP's profile (GDPR articles 15 and 17): download everything the portal
// holds about the GP as JSON (POST /api/me/export, handed to the browser's downloads), and delete
// the account after a confirmation with the password (POST /api/me/delete); then the session
// forgets the account on this machine and the app shows the start screen. The server decides what
// is in the file and what is deleted; this section only asks and shows the answer.
#include <string>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

class OwnDataSection {
public:
    void draw(Context& ctx);

private:
    void download(Context& ctx);
    void delete_account(Context& ctx);

    bool downloading_ = false;
    bool downloaded_ = false;
    bool confirming_ = false;
    bool deleting_ = false;
    std::string password_;
    Problems problems_;  // the server's answer to the last request, when it refused
};

}  // namespace alis::web
