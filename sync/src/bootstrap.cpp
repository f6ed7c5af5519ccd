#include "bootstrap.hpp"

#include <stdexcept>

#include "crypto.hpp"

namespace alis::server {

using nlohmann::json;

void put_organisation(App& app, const json& organisation) {
    json problems = app.sync().apply_direct("put_organisation", organisation);
    if (!problems.empty()) throw std::runtime_error("organisation refused: " + problems.dump());
}

namespace {
json org(const std::string& id, const std::string& kind, const std::string& name, const std::string& parent = "",
         const std::string& specialty = "", bool party = false) {
    return {{"id", id}, {"kind", kind}, {"name", name}, {"parent_id", parent}, {"specialty", specialty},
            {"party_to_agreement", party}};
}
}  // namespace

std::optional<std::string> ensure_administrator(App& app) {
    if (app.storage().count_users() > 0) return std::nullopt;
    put_organisation(app, org(kOfficeOrganisationId, "alis_office", "ALIS-kontor Vest"));
    std::string password = random_password();
    UserRecord admin;
    admin.username = "admin";
    admin.role = "alis_office";
    admin.organisation_id = kOfficeOrganisationId;
    admin.display_name = "ALIS-kontor Vest (administrator)";
    admin.must_change_password = true;
    create_account(app.storage(), app.sync(), app.clock(), admin, password);
    return password;
}

void seed_demo(App& app, std::ostream& out) {
    const json orgs[] = {
        org(kOfficeOrganisationId, "alis_office", "ALIS-kontor Vest"),
        org("helse-bergen", "hospital_trust", "Helse Bergen (Haukeland universitetssjukehus)"),
        org("helse-bergen-indremedisin", "department", "Medisinsk avdeling", "helse-bergen", "indremedisin"),
        org("helse-bergen-psykiatri", "department", "Divisjon psykisk helsevern", "helse-bergen", "psykiatri"),
        org("helse-bergen-barn", "department", "Barne- og ungdomsklinikken", "helse-bergen", "pediatri"),
        org("helse-bergen-rehab", "department", "Avdeling for fysikalsk medisin og rehabilitering", "helse-bergen",
            "fysikalsk medisin og rehabilitering"),
        org("haraldsplass", "hospital_trust", "Haraldsplass Diakonale Sykehus"),
        org("haraldsplass-indremedisin", "department", "Medisinsk avdeling", "haraldsplass", "indremedisin"),
        org("haraldsplass-geriatri", "department", "Geriatrisk seksjon", "haraldsplass", "geriatri"),
        org("helse-stavanger", "hospital_trust", "Helse Stavanger (Stavanger universitetssjukehus)"),
        org("helse-stavanger-nevrologi", "department", "Nevrologisk avdeling", "helse-stavanger", "nevrologi"),
        org("helse-stavanger-palliasjon", "department", "Palliativ enhet", "helse-stavanger", "palliativ medisin"),
        org("bergen", "municipality", "Bergen kommune", "", "", true),
        org("askoy", "municipality", "Askøy kommune", "", "", true),
        org("voss", "municipality", "Voss herad", "", "", true),
        org("stavanger", "municipality", "Stavanger kommune", "", "", true),
    };
    for (const auto& o : orgs) put_organisation(app, o);

    struct Demo {
        const char* username;
        const char* role;
        const char* organisation;
        const char* name;
        const char* what;
    };
    const Demo users[] = {
        {"demo-lege", "gp", "", "Kari Nordmann (demo)", "GP / ALIS"},
        {"demo-lege2", "gp", "", "Ola Fjordheim (demo)", "a second GP"},
        {"demo-sykehus", "hospital", "helse-bergen", "Koordinator Helse Bergen (demo)", "hospital coordinator, Helse Bergen"},
        {"demo-sykehus2", "hospital", "helse-stavanger", "Koordinator Helse Stavanger (demo)", "hospital coordinator, Helse Stavanger"},
        {"demo-kommune", "municipality", "bergen", "Bergen kommune (demo)", "municipality, Bergen"},
        {"demo-kommune2", "municipality", "askoy", "Askøy kommune (demo)", "municipality, Askøy"},
        {"demo-kontor", "alis_office", kOfficeOrganisationId, "ALIS-kontor Vest (demo)", "ALIS office"},
    };
    out << "  (password for every demo account: " << kDemoPassword << ")\n";
    for (const auto& d : users) {
        if (!app.storage().user_by_username(d.username)) {
            UserRecord u;
            u.username = d.username;
            u.role = d.role;
            u.organisation_id = d.organisation;
            u.display_name = d.name;
            u.email = std::string(d.username) + "@demo.invalid";
            if (std::string(d.role) == "gp") u.doctor_id = std::string("d-") + d.username;
            create_account(app.storage(), app.sync(), app.clock(), u, kDemoPassword);
        }
        out << "  " << d.username << "  (" << d.what << ")\n";
    }
}

}  // namespace alis::server
