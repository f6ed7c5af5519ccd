#pragma once
// Choosing a new password: forced after a log-in with a one-time password (nothing else is shown
// until it is done), and reachable by every logged-in user from the top bar.
#include <string>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

// The server's rules for a new password (as at registration), checked before sending so the button
// stays disabled until they hold; the server checks them again.
Problems check_new_password(const std::string& username, const std::string& current, const std::string& next,
                            const std::string& repeat);

class PasswordScreen {
public:
    enum class Next { stay, done, back };
    // `forced`: after a one-time password; there is no way back, only log-out.
    Next draw(Context& ctx, bool forced);

private:
    std::string current_, next_, repeat_;
    Problems problems_;  // the server's answer
    bool busy_ = false;
    bool done_ = false;
};

}  // namespace alis::web
