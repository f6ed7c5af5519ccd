#include "alis/sync/account.hpp"

#include <algorithm>

namespace alis::sync {

namespace {

const Text kRequired{"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."};

Text too_long_bytes(std::size_t max) {
    const std::string n = std::to_string(max);
    return {"Kan ha høyst " + n + " byte.", "Kan ha høgst " + n + " byte.", "At most " + n + " bytes."};
}

bool username_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
}

// A domain label: letters, digits, hyphens, or any non-ASCII byte (internationalised names in
// UTF-8); not starting or ending with a hyphen.
bool valid_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](unsigned char c) {
        return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

}  // namespace

std::size_t code_points(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool valid_username(std::string_view username) {
    const std::string u = lower_ascii(username);
    return u.size() >= kUsernameMinBytes && u.size() <= kUsernameMaxBytes &&
           std::all_of(u.begin(), u.end(), username_char);
}

bool valid_email(std::string_view email) {
    if (email.size() > kEmailMaxBytes) return false;
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at > kEmailLocalMaxBytes) return false;
    const std::string_view local = email.substr(0, at);
    const std::string_view domain = email.substr(at + 1);
    // Printable, no spaces, no second @ (quoted local parts are not accepted: no one needs them here).
    for (unsigned char c : email.substr(0, at)) {
        if (c <= 0x20 || c == 0x7F || c == '@' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' ||
            c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') {
            return false;
        }
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (true) {
        const auto dot = domain.find('.', start);
        const std::string_view label = domain.substr(start, dot == std::string_view::npos ? domain.npos : dot - start);
        if (!valid_label(label)) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return labels >= 2;
}

void check_required(Problems& out, const std::string& field, std::string_view value) {
    if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) out.push_back({field, "required", kRequired});
}

void check_username(Problems& out, std::string_view username, const std::string& field) {
    if (username.empty() || valid_username(username)) return;
    out.push_back({field, "username_format",
                   {"Brukernavnet må ha 3–64 tegn: små bokstaver a–z, sifre og . _ - @.",
                    "Brukarnamnet må ha 3–64 teikn: små bokstavar a–z, siffer og . _ - @.",
                    "The username must have 3–64 characters: lower-case letters a–z, digits and . _ - @."}});
}

void check_name(Problems& out, std::string_view name, const std::string& field) {
    if (name.size() > kNameMaxBytes) out.push_back({field, "too_long", too_long_bytes(kNameMaxBytes)});
}

void check_email(Problems& out, std::string_view email, const std::string& field) {
    if (email.empty() || valid_email(email)) return;
    out.push_back({field, "email_format",
                   {"E-postadressen må ha formen navn@domene.no.", "E-postadressa må ha forma namn@domene.no.",
                    "The e-mail address must look like name@domain.no."}});
}

void check_language(Problems& out, std::string_view language, const std::string& field) {
    if (language.empty() || language_from_code(language)) return;
    out.push_back({field, "unknown_language",
                   {"Språket må være nb, nn eller en.", "Språket må vera nb, nn eller en.",
                    "The language must be nb, nn or en."}});
}

void check_password(Problems& out, std::string_view password, std::string_view username,
                    const CommonPasswordCheck& is_common, const std::string& field) {
    if (password.empty()) return;  // "required" says it
    if (code_points(password) < kPasswordMinChars) {
        out.push_back({field, "too_short",
                       {"Passordet må ha minst 10 tegn.", "Passordet må ha minst 10 teikn.",
                        "The password must have at least 10 characters."}});
    } else if (password.size() > kPasswordMaxBytes) {
        out.push_back({field, "too_long", too_long_bytes(kPasswordMaxBytes)});
    } else if (!username.empty() && lower_ascii(password).find(lower_ascii(username)) != std::string::npos) {
        out.push_back({field, "contains_username",
                       {"Passordet kan ikke inneholde brukernavnet.", "Passordet kan ikkje innehalde brukarnamnet.",
                        "The password must not contain the username."}});
    } else if (is_common && is_common(password)) {
        out.push_back({field, "common_password",
                       {"Passordet er for vanlig eller lett å gjette. Velg en lengre setning av ord som ikke hører sammen.",
                        "Passordet er for vanleg eller lett å gjetta. Vel ei lengre setning av ord som ikkje høyrer saman.",
                        "The password is too common or easy to guess. Choose a longer phrase of unrelated words."}});
    }
}

std::optional<OrganisationKind> organisation_kind_for(Role role) {
    switch (role) {
        case Role::hospital: return OrganisationKind::hospital_trust;
        case Role::municipality: return OrganisationKind::municipality;
        case Role::alis_office: return OrganisationKind::alis_office;
        case Role::gp: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Role> check_office_role(Problems& out, std::string_view role, const std::string& field) {
    if (role.empty()) return std::nullopt;  // "required" says it
    auto r = role_from_string(std::string(role));
    if (r == Role::gp) {
        out.push_back({field, "gp_registers_self",
                       {"Fastleger oppretter kontoen sin selv under «Registrer deg som fastlege».",
                        "Fastlegar opprettar kontoen sin sjølve under «Registrer deg som fastlege».",
                        "GPs create their own account under “Register as a GP”."}});
        return std::nullopt;
    }
    if (!r) {
        out.push_back({field, "unknown_role",
                       {"Rollen må være hospital, municipality eller alis_office.",
                        "Rolla må vera hospital, municipality eller alis_office.",
                        "The role must be hospital, municipality or alis_office."}});
    }
    return r;
}

Problem organisation_kind_problem(Role role, const std::string& field) {
    if (role == Role::hospital) {
        return {field, "organisation_kind",
                {"En sykehuskoordinator må høre til et helseforetak.", "Ein sjukehuskoordinator må høyra til eit helseføretak.",
                 "A hospital coordinator must belong to a hospital trust."}};
    }
    if (role == Role::municipality) {
        return {field, "organisation_kind",
                {"En kommunebruker må høre til en kommune.", "Ein kommunebrukar må høyra til ein kommune.",
                 "A municipal user must belong to a municipality."}};
    }
    return {field, "organisation_kind",
            {"En bruker på ALIS-kontoret må høre til ALIS-kontoret.", "Ein brukar på ALIS-kontoret må høyra til ALIS-kontoret.",
             "An ALIS office user must belong to the ALIS office."}};
}

Problems check_registration(const Registration& r, const CommonPasswordCheck& is_common) {
    Problems out;
    check_required(out, "name", r.name);
    check_name(out, r.name);
    check_required(out, "email", r.email);
    check_email(out, r.email);
    check_required(out, "username", r.username);
    check_username(out, r.username);
    check_required(out, "password", r.password);
    check_password(out, r.password, lower_ascii(r.username), is_common);
    check_language(out, r.language);
    return out;
}

Problems check_new_account(const NewAccount& a) {
    Problems out;
    check_required(out, "username", a.username);
    check_username(out, a.username);
    check_required(out, "role", a.role);
    check_office_role(out, a.role);
    check_required(out, "organisation_id", a.organisation_id);
    check_required(out, "name", a.name);
    check_name(out, a.name);
    check_required(out, "email", a.email);
    check_email(out, a.email);
    check_language(out, a.language);
    return out;
}

}  // namespace alis::sync
