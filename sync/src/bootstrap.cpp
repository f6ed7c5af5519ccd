#include "bootstrap.hpp"

#include <stdexcept>

#include "alis/date.hpp"

#include "crypto.hpp"

namespace alis::server {

using nlohmann::json;

void put_organisation(App& app, const json& organisation) {
    json problems = app.sync().apply_direct("put_organisation", organisation);
    if (!problems.empty()) throw std::runtime_error("organisation refused: " + problems.dump());
}

namespace {

void demo_change(App& app, const std::string& name, const json& args) {
    json problems = app.sync().apply_direct(name, args);
    if (!problems.empty()) throw std::runtime_error("demo " + name + " refused: " + problems.dump());
}

// A small story for every role to find something in: two GPs without a log-in who have profiles,
// free time and wishes, three published periods, and Bergen's list. The demo-lege accounts start
// empty, so a newcomer fills in a profile as a real GP would.
void seed_demo_story(App& app) {
    const Date today = app.clock().today();
    const Date first = add_months({today.year, today.month, 1}, 3);
    auto day = [&](int months, int days) { return to_iso(add_days(add_months(first, months), days)); };
    struct Gp { const char* id; const char* name; const char* hpr; const char* start; int objectives; };
    const Gp gps[] = {{"d-demo-ingrid", "Ingrid Haugland (demo)", "7654321", "2018-08-01", 45},
                      {"d-demo-nils", "Nils Aarø (demo)", "7654322", "2020-01-15", 20}};
    for (const auto& gp : gps) {
        const json doctor = {{"id", gp.id}, {"name", gp.name}, {"hpr_number", gp.hpr}, {"municipality_id", "bergen"},
                             {"general_practice_start", gp.start}, {"learning_objectives_fulfilled", gp.objectives},
                             {"mandatory_courses", 3}, {"guidance_group", true}};
        // A second start with --demo finds the story already told.
        if (!app.sync().apply_direct("register_doctor", doctor).empty()) return;
        demo_change(app, "put_available_time", {{"id", std::string("a-") + gp.id}, {"doctor_id", gp.id},
                                                {"start", day(0, 0)}, {"end", day(12, -1)}});
    }
    demo_change(app, "put_wish", {{"id", "w-demo-ingrid-1"}, {"doctor_id", "d-demo-ingrid"}, {"rank", 1},
                                  {"hospital_id", "helse-bergen"}, {"department_id", "helse-bergen-indremedisin"}});
    demo_change(app, "put_wish", {{"id", "w-demo-ingrid-2"}, {"doctor_id", "d-demo-ingrid"}, {"rank", 2},
                                  {"hospital_id", "haraldsplass"}, {"specialty", "indremedisin"}});
    demo_change(app, "put_wish", {{"id", "w-demo-nils-1"}, {"doctor_id", "d-demo-nils"}, {"rank", 1},
                                  {"hospital_id", "helse-bergen"}, {"department_id", "helse-bergen-indremedisin"}});
    demo_change(app, "put_wish", {{"id", "w-demo-nils-2"}, {"doctor_id", "d-demo-nils"}, {"rank", 2},
                                  {"hospital_id", "helse-bergen"}, {"department_id", "helse-bergen-psykiatri"}});
    const std::string iso_today = to_iso(today);
    auto period = [&](const char* id, const char* hospital, const char* department, int from, int places, const char* reason) {
        demo_change(app, "publish_period", {{"id", id}, {"hospital_id", hospital}, {"department_id", department},
                                            {"start", day(from, 0)}, {"end", day(from + 6, -1)}, {"places", places},
                                            {"published_on", iso_today}, {"on_call", true}, {"reason", reason}});
    };
    period("p-demo-hb-med", "helse-bergen", "helse-bergen-indremedisin", 0, 1, "Foreldrepermisjon");
    period("p-demo-hb-psyk", "helse-bergen", "helse-bergen-psykiatri", 1, 1, "Permisjon");
    period("p-demo-hds-med", "haraldsplass", "haraldsplass-indremedisin", 0, 2, "Foreldrepermisjon");
    int position = 1;
    for (const auto& gp : gps) {
        demo_change(app, "put_candidate", {{"id", std::string("c-") + gp.id}, {"municipality_id", "bergen"},
                                           {"doctor_id", gp.id}, {"position", position++},
                                           {"wished_service", "6 måneder indremedisin"}});
    }
}

}  // namespace

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
    seed_demo_story(app);
}

}  // namespace alis::server
