// The inactivity and audit rules of the retention policy, applied by the daily job and the sweep.
// The decisions are core's (alis/sync/inactive_profiles.hpp); this file reads the days from the users
// table, queues the warning, erases as the owner's own deletion does, and folds the audit log.
#include "inactivity.hpp"

#include <optional>
#include <tuple>
#include <vector>

#include "alis/sync/inactive_profiles.hpp"
#include "app.hpp"
#include "mail_words.hpp"
#include "personal_data_api.hpp"

namespace alis::server {

namespace {


Date day_of(std::int64_t seconds) {
    return civil_from_days(static_cast<long>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400));
}

// The day the rule counts from: the last log-in, or the creation day of an account never logged in.
Date last_login_of(const UserRecord& u) {
    if (auto d = parse_iso(u.last_login_on)) return *d;
    return day_of(u.created_at);
}

// The office account that keeps the portal administrable: the active one logged in last (on the same
// day, one that did log in before one never used; then the first by username); nothing when there is
// no office account.
std::string kept_office_account(const std::vector<UserRecord>& users) {
    const UserRecord* kept = nullptr;
    const auto rank = [](const UserRecord& u) { return std::tuple(!u.disabled, last_login_of(u), !u.last_login_on.empty()); };
    for (const auto& u : users) {
        if (u.role == "alis_office" && (!kept || rank(*kept) < rank(u))) kept = &u;
    }
    return kept ? kept->id : std::string();
}

}  // namespace

MailText inactivity_mail_text(const std::string& what, const std::string& delete_on, const std::string& language,
                              const std::string& portal_url) {
    const auto d = parse_iso(delete_on);
    const std::string day = !d ? delete_on : language == "en" ? to_iso(*d) : to_norwegian(*d);
    const bool profile = what == "profile";
    const Words subject = profile ? Words{"Profilen din slettes ", "Profilen din blir sletta ", "Your profile will be deleted on "}
                                  : Words{"Kontoen din slettes ", "Kontoen din blir sletta ", "Your account will be deleted on "};
    const Words since{"Du har ikke logget inn i ALIS-portalen Vest på lenge",
                      "Du har ikkje logga inn i ALIS-portalen Vest på lenge",
                      "You have not logged in to the ALIS portal West for a long time"};
    const Words nothing{", og profilen din har ikke noe aktuelt (ledig tid, ønsker eller tilbud).",
                        ", og profilen din har ikkje noko aktuelt (ledig tid, ønske eller tilbod).",
                        ", and your profile has nothing current (free time, wishes or offers)."};
    const Words goes = profile
                           ? Words{"Da slettes profilen, kontoen og alt du har lagt inn: ledig tid, ønsker, abonnementer og plassen din på kommunens liste.",
                                   "Då blir profilen, kontoen og alt du har lagt inn sletta: ledig tid, ønske, abonnement og plassen din på lista til kommunen.",
                                   "Then your profile, your account and everything you entered are deleted: free time, wishes, subscriptions and your place on the municipality's list."}
                           : Words{"Da slettes kontoen og abonnementene dine.", "Då blir kontoen og abonnementa dine sletta.",
                                   "Then your account and your subscriptions are deleted."};
    const Words keep{"Vil du beholde den, logger du inn før den dagen:", "Vil du halde på han, loggar du inn før den dagen:",
                     "To keep it, log in before that day:"};
    const Words why{"Du får denne e-posten én gang, uansett varselinnstillinger: opplysninger om leger skal ikke lagres lenger enn de trengs.",
                    "Du får denne e-posten éin gong, uansett varselinnstillingar: opplysningar om legar skal ikkje lagrast lenger enn dei trengst.",
                    "You get this e-mail once, whatever your alert settings: data about doctors is kept no longer than needed."};
    const Words on{"Sletting: ", "Sletting: ", "Deletion: "};
    std::string body = std::string(since.in(language)) + (profile ? nothing.in(language) : std::string(".")) + "\n\n" + on.in(language) + day +
                       ". " + goes.in(language) + "\n\n" + keep.in(language) + "\n" + portal_url + "\n\n" + why.in(language) + "\n";
    return {std::string("ALIS-portalen Vest: ") + subject.in(language) + day, body};
}

InactivityReport apply_inactivity(App& app, const sync::RetentionPolicy& policy, bool dry_run) {
    InactivityReport report;
    const Date today = app.clock().today();
    const auto users = app.storage().users();
    const std::string kept_office = kept_office_account(users);
    for (const auto& u : users) {
        if (u.id == kept_office) continue;
        const Date last = last_login_of(u);
        const std::optional<Date> warned = parse_iso(u.warned_on);
        const bool gp = u.role == "gp";
        const int months = gp ? policy.inactive_profile_months : policy.inactive_account_months;
        // A GP without a profile yet has nothing current: the log-in rule alone.
        const sync::InactiveStep step = gp && !u.doctor_id.empty() ? app.sync().inactive_step(u.doctor_id, last, warned, months)
                                                                   : sync::inactivity_step(last, warned, today, months);
        if (step == sync::InactiveStep::warn) {
            ++report.warned;
            if (dry_run) continue;
            const std::string delete_on = to_iso(sync::inactivity_deletion_day(last, today, months));
            NotificationRow n;
            n.key = "inactive/" + u.id + "/" + delete_on;
            n.user_id = u.id;
            n.kind = kInactivityWarning;
            n.on = to_iso(today);
            n.created_at = app.clock().now();
            n.email = true;
            n.body = {{"frequency", "immediate"}, {"delete_on", delete_on}, {"what", gp ? "profile" : "account"}};
            app.storage().record_inactivity_warning(u.id, to_iso(today), n);
        } else if (step == sync::InactiveStep::erase) {
            if (!dry_run) {
                // A log-in since the list was read keeps the account (the job runs beside the server).
                const auto now = app.storage().user_by_id(u.id);
                if (!now || now->last_login_on != u.last_login_on) continue;
            }
            ++report.accounts[u.role];
            if (dry_run) continue;
            const std::string why = "inactive: no log-in since " + to_iso(last) + ", warned " + u.warned_on;
            for (const auto& [kind, n] : erase_account(app, u, {"system", "alis_office", why})) report.records[kind] += n;
        }
    }
    // An entry of day D is folded on the day audit_years after D.
    const Date first_kept = add_days(add_months(today, -12 * policy.audit_years), 1);
    app.audit().flush();
    report.audit_folded = app.storage().fold_audit(std::int64_t{days_from_civil(first_kept)} * 86400, dry_run);
    if (!dry_run && report.audit_folded) app.storage().compact(false);
    return report;
}

}  // namespace alis::server
