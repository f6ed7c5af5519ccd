#pragma once
// The ALIS office's "Brukere" tab: the server's accounts (not replica data, so fetched from the
// server when the tab opens and after each change, and unavailable offline), a form to create an
// account with a one-time password, and per account a new one-time password or disable/enable.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

// One row of GET /api/users (the server's account list).
struct Account {
    std::string id, username, role, organisation_id, name, email;
    bool disabled = false;
    bool must_change_password = false;
    std::int64_t created_at = 0;  // seconds since 1970
};
std::vector<Account> accounts_from_answer(const nlohmann::json& answer);

// The core's rules for a new account (alis/sync/account.hpp, the server checks the same), checked
// before sending so Create stays disabled until they hold. `organisation` is "" until one is chosen.
Problems check_new_account(const std::string& username, const std::string& organisation, const std::string& name,
                           const std::string& email, const std::string& role);

class OfficeUsersScreen {
public:
    void draw(Context& ctx);

private:
    void fetch(Session& session);
    void draw_one_time_password(Context& ctx);
    void draw_form(Context& ctx);
    void draw_table(Context& ctx);
    // Reset, disable or enable one account; the list is fetched again with the answer.
    void act(Context& ctx, const char* path, const std::string& user_id);

    std::vector<Account> accounts_;
    bool loaded_ = false;
    bool loading_ = false;
    bool offline_ = false;
    Problems list_problems_;
    int last_frame_ = -10;  // the ImGui frame this tab was last drawn: a gap means it was opened again

    int role_ = 0, organisation_ = -1;
    std::string username_, name_, email_;
    bool creating_ = false;
    bool created_ = false;
    Problems form_problems_;  // the server's answer to Create

    bool acting_ = false;
    Problems action_problems_;
    std::string shown_password_, shown_for_;  // a one-time password, shown once
    bool copied_ = false;
};

}  // namespace alis::web
