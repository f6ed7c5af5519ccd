// The account rules every front end shares (alis/sync/account.hpp): one name per rule, the same
// verdict in the browser (this suite also runs as WebAssembly), on the server and in the CLI.
#include <doctest/doctest.h>

#include "../has_problem.hpp"
#include "alis/sync/account.hpp"

using namespace alis;
using namespace alis::sync;
using alis::testing::has_problem;

TEST_CASE("a password's length counts Unicode code points, not bytes") {
    CHECK(code_points("ærø-kåpe-9") == 10);
    CHECK(std::string("ærø-kåpe-9").size() == 13);
    Problems ok, short_one;
    check_password(ok, "ærø-kåpe-9", "kari", {});
    CHECK(ok.empty());
    check_password(short_one, "ærø-kåpe9", "kari", {});  // 12 bytes, 9 characters
    CHECK(has_problem(short_one, "password", "too_short"));
    Problems long_one;
    check_password(long_one, std::string(257, 'x'), "kari", {});
    CHECK(has_problem(long_one, "password", "too_long"));
}

TEST_CASE("a password never contains the username, in any case") {
    Problems p;
    check_password(p, "mitt-KARI.LEGE-passord", "kari.lege", {});
    CHECK(has_problem(p, "password", "contains_username"));
}

TEST_CASE("the common-password check is the host's, and its refusal is named common_password") {
    const CommonPasswordCheck list = [](std::string_view pw) { return pw == "password12" || pw == "1234567890"; };
    for (const char* weak : {"password12", "1234567890"}) {
        Problems p;
        check_password(p, weak, "kari", list, "new_password");
        CHECK(has_problem(p, "new_password", "common_password"));
    }
    Problems without;  // the browser has no list: the server decides
    check_password(without, "password12", "kari", {});
    CHECK(without.empty());
}

TEST_CASE("e-mail addresses: one rule for the browser and the server") {
    for (const char* good : {"kari@example.no", "kari.nordmann+alis@helse-bergen.no", "ola@sub.domene.no", "åse@bø.no"}) {
        CHECK_MESSAGE(valid_email(good), good);
    }
    for (const char* bad : {"", "kari", "kari@x", "@x.no", "kari@", "kari@@x.no", "kari@x..no", "kari@.x.no", "kari@x.no.",
                            "kari@-x.no", ".kari@x.no", "ka..ri@x.no", "ka ri@x.no", "kari@x .no", "kari@x_y.no"}) {
        CHECK_MESSAGE(!valid_email(bad), bad);
    }
    CHECK_FALSE(valid_email(std::string(65, 'k') + "@x.no"));
    CHECK_FALSE(valid_email("k@" + std::string(250, 'x') + ".no"));
}

TEST_CASE("usernames, names, languages and office roles") {
    CHECK(valid_username("Kari.Lege"));  // stored lower-cased
    CHECK_FALSE(valid_username("ka"));
    CHECK_FALSE(valid_username("kari lege"));
    CHECK_FALSE(valid_username(std::string(65, 'k')));
    const Problems p = check_new_account({"ka ri", "gp", "", std::string(201, 'n'), "k@x", "de"});
    CHECK(has_problem(p, "username", "username_format"));
    CHECK(has_problem(p, "role", "gp_registers_self"));
    CHECK(has_problem(p, "organisation_id", "required"));
    CHECK(has_problem(p, "name", "too_long"));
    CHECK(has_problem(p, "email", "email_format"));
    CHECK(has_problem(p, "language", "unknown_language"));
    CHECK(has_problem(check_new_account({"kari", "pilot", "x", "K", "k@x.no", ""}), "role", "unknown_role"));
    CHECK(check_new_account({"kari", "municipality", "bergen", "Kari", "k@x.no", "nn"}).empty());
    CHECK(organisation_kind_for(Role::municipality) == OrganisationKind::municipality);
    CHECK(organisation_kind_problem(Role::hospital).rule == "organisation_kind");
}

TEST_CASE("a registration form names every broken field once") {
    const Problems p = check_registration({"", "", "", "", ""});
    for (const char* field : {"username", "password", "name", "email"}) CHECK(has_problem(p, field, "required"));
    CHECK(p.size() == 4);
}
