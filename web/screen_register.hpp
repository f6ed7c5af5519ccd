#pragma once
// First-time registration of a GP account. The profile itself is filled in after logging in.
#include <string>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

class RegisterScreen {
public:
    enum class Next { stay, log_in };
    Next draw(Context& ctx);

private:
    std::string name_, email_, username_, password_;
    Problems problems_;  // from the server
    bool busy_ = false;
};

// The core's registration rules (alis/sync/account.hpp) a person gets while typing, before the server
// has its say: the server checks the same rules again, and whether the password is a common one.
Problems check_registration(const std::string& name, const std::string& email, const std::string& username,
                            const std::string& password);

}  // namespace alis::web
