#pragma once
// Log in with username and password; the server's answer decides the role and the home screen.
#include <string>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

class LoginScreen {
public:
    enum class Next { stay, register_gp };
    Next draw(Context& ctx);

private:
    std::string username_;
    std::string password_;
    Problems problems_;
    bool busy_ = false;
};

}  // namespace alis::web
