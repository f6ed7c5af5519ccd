#pragma once
// The rules for an account's own fields, in one place: the register, password and office-users
// screens check them before sending, the server (accounts.cpp) and `alis-sync user add|passwd`
// check them again. Each rule has one name (the Problem's `rule`) wherever it is broken.
//
// Password policy after NIST SP 800-63B §5.1.1.2: at least 10 characters counted as Unicode code
// points, at most 256 bytes (bounds the hashing work), never containing the username, and not a
// common or easily guessed password. What counts as common needs a dictionary, which the core does
// not carry (it is standard library only and also runs in the browser): the host passes the check
// in. The server passes libzxcvbn's (sync/src/crypto.cpp); the browser passes none and shows the
// server's `common_password` answer on the same field.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "alis/domain.hpp"
#include "alis/problem.hpp"
#include "alis/sync/records.hpp"

namespace alis::sync {

inline constexpr std::size_t kUsernameMinBytes = 3;
inline constexpr std::size_t kUsernameMaxBytes = 64;
inline constexpr std::size_t kNameMaxBytes = 200;
inline constexpr std::size_t kEmailMaxBytes = 254;   // RFC 5321's path limit
inline constexpr std::size_t kEmailLocalMaxBytes = 64;
inline constexpr std::size_t kPasswordMinChars = 10;  // Unicode code points
inline constexpr std::size_t kPasswordMaxBytes = 256;

// True when the password is common or easily guessed (a dictionary's judgement, from the host).
using CommonPasswordCheck = std::function<bool(std::string_view password)>;

// Unicode code points in UTF-8 text (continuation bytes are not counted).
std::size_t code_points(std::string_view utf8);
// ASCII letters to lower case; other bytes unchanged (usernames are ASCII).
std::string lower_ascii(std::string_view s);

// 3–64 of a–z, 0–9 and . _ - @, after lower-casing (the server stores usernames lower-cased).
bool valid_username(std::string_view username);
// local@domain: one @, a local part of 1–64 bytes, a domain of at least two non-empty labels of
// letters, digits and hyphens (or non-ASCII), no spaces or control characters, at most 254 bytes.
bool valid_email(std::string_view email);

// Field checks. Each adds at most one problem for `field`; an empty value is left to `required`.
void check_required(Problems& out, const std::string& field, std::string_view value);
void check_username(Problems& out, std::string_view username, const std::string& field = "username");
void check_name(Problems& out, std::string_view name, const std::string& field = "name");
void check_email(Problems& out, std::string_view email, const std::string& field = "email");
void check_language(Problems& out, std::string_view language, const std::string& field = "language");
// Rules, in order (the first broken one is reported): too_short (code points), too_long (bytes),
// contains_username (case-insensitive), common_password (only when `is_common` is given).
void check_password(Problems& out, std::string_view password, std::string_view username,
                    const CommonPasswordCheck& is_common, const std::string& field = "password");

// The organisation kind an account of `role` belongs to (GPs belong to none).
std::optional<OrganisationKind> organisation_kind_for(Role role);
// The roles the office may create: gp_registers_self for "gp", unknown_role for anything else.
// Returns the role when it is one the office creates.
std::optional<Role> check_office_role(Problems& out, std::string_view role, const std::string& field = "role");
// organisation_kind: the chosen organisation is of another kind than the role needs.
Problem organisation_kind_problem(Role role, const std::string& field = "organisation_id");

// Whole forms, as a screen checks them before sending (the server reads the same fields from JSON
// and calls the field checks above).
struct Registration {
    std::string username, password, name, email, language;
};
Problems check_registration(const Registration& r, const CommonPasswordCheck& is_common = {});

struct NewAccount {
    std::string username, role, organisation_id, name, email, language;
};
Problems check_new_account(const NewAccount& a);

}  // namespace alis::sync
