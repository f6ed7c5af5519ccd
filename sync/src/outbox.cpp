#include "outbox.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <tuple>

#include "crypto.hpp"
#include "inactivity.hpp"
#include "mail_words.hpp"
#include "unsubscribe.hpp"

namespace alis::server {

namespace {


const std::map<std::string, Words>& kinds() {
    static const std::map<std::string, Words> k{
        {"period_fits", {"Ny periode som passer ønskene dine", "Ny periode som passar ønska dine", "A new period fits your wishes"}},
        {"period_new", {"Ny periode lyst ut", "Ny periode lyst ut", "A new period was published"}},
        {"offer_made", {"Du har fått et tilbud", "Du har fått eit tilbod", "You have an offer"}},
        {"offer_withdrawn", {"Et tilbud til deg er trukket", "Eit tilbod til deg er trekt", "An offer to you was withdrawn"}},
        {"offer_lapsed", {"Et tilbud ble ikke besvart innen svarfristen", "Eit tilbod vart ikkje svara på innan svarfristen",
                          "An offer was not answered by its deadline"}},
        {"offer_accepted", {"Tilbudet deres er akseptert", "Tilbodet dykkar er akseptert", "Your offer was accepted"}},
        {"offer_declined", {"Tilbudet deres er avslått", "Tilbodet dykkar er avslått", "Your offer was declined"}},
        {"release_warning", {"Perioden lyses ut som vikariat om 14 dager", "Perioden blir lyst ut som vikariat om 14 dagar",
                             "The period is released as a substitute post in 14 days"}},
        {"period_released", {"Periode lyst ut som ordinært vikariat", "Periode lyst ut som ordinært vikariat",
                             "Period released as an ordinary substitute post"}},
        {"doctor_fits", {"Ny lege med ønske som passer avdelingene deres", "Ny lege med ønske som passar avdelingane dykkar",
                         "A GP's wish fits your departments"}},
        {"doctor_struck", {"Du er strøket fra kommunens liste", "Du er stroken frå lista til kommunen", "You were struck from the municipality's list"}},
        {"doctor_placed", {"En kandidat på listen fikk sykehustjeneste", "Ein kandidat på lista fekk sjukehusteneste",
                           "A candidate on your list got hospital service"}},
    };
    return k;
}

std::string rfc5322_date(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string domain_of(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? "alis-portal.invalid" : address.substr(at + 1);
}

// The digest a daily or weekly notification belongs to, by the server's day of its making: its
// label (the day, or the ISO week as 2026-W49) and the second after which it is complete.
struct Bucket {
    std::string label;
    std::int64_t ends = 0;
};

Bucket bucket_of(const std::string& frequency, std::int64_t created_at) {
    const long day = static_cast<long>(created_at >= 0 ? created_at / 86400 : (created_at - 86399) / 86400);
    const Date d = civil_from_days(day);
    if (frequency != "weekly") return {to_iso(d), (std::int64_t{day} + 1) * 86400};
    const long monday = day - weekday(d);
    const Date thursday = civil_from_days(monday + 3);  // ISO 8601: the week belongs to its Thursday's year
    const int week = static_cast<int>(days_between(Date{thursday.year, 1, 1}, thursday) / 7) + 1;
    char label[16];
    std::snprintf(label, sizeof label, "%04d-W%02d", thursday.year, week);
    return {label, (std::int64_t{monday} + 7) * 86400};
}

std::string what_of(const std::string& kind, const std::string& language) {
    const auto it = kinds().find(kind);
    return it == kinds().end() ? kind : it->second.in(language);
}

const Words kOpen{"Se varselet i ALIS-portalen Vest under Varsler:", "Sjå varselet i ALIS-portalen Vest under Varsel:",
                  "See the alert in the ALIS portal West under Alerts:"};
const Words kWhy{"Du får denne e-posten fordi du abonnerer på varsler på e-post. Abonnementene endrer du under Varsler.",
                 "Du får denne e-posten fordi du abonnerer på varsel på e-post. Abonnementa endrar du under Varsel.",
                 "You get this e-mail because you subscribe to alerts by e-mail. Change your subscriptions under Alerts."};

}  // namespace

MailText digest_text(const std::vector<std::pair<std::string, std::string>>& events, const std::string& frequency,
                     const std::string& label, const std::string& language, const std::string& portal_url) {
    const bool weekly = frequency == "weekly";
    std::string when = label;
    if (weekly) {
        const std::string week = std::to_string(std::stoi(label.substr(6))) + ", " + label.substr(0, 4);
        when = (language == "en" ? "week " : "uke ") + week;
        if (language == "nn") when = "veke " + week;
    } else if (const auto d = parse_iso(label)) {
        when = to_norwegian(*d);
    }
    const Words title{"Varsler for ", "Varsel for ", "Alerts for "};
    const Words see{"Se dem i ALIS-portalen Vest under Varsler.", "Sjå dei i ALIS-portalen Vest under Varsel.",
                    "See them in the ALIS portal West under Alerts."};
    std::string body = title.in(language) + when + ":\n\n";
    for (const auto& [kind, on] : events) body += "- " + what_of(kind, language) + " (" + on + ")\n  " + portal_url + "\n";
    body += "\n" + std::string(see.in(language)) + "\n\n" + kWhy.in(language) + "\n";
    return {std::string("ALIS-portalen Vest: ") + title.in(language) + when, body};
}

MailText mail_text(const std::string& kind, const std::string& on, const std::string& language, const std::string& portal_url) {
    const std::string what = what_of(kind, language);
    return {"ALIS-portalen Vest: " + what,
            what + " (" + on + ").\n\n" + kOpen.in(language) + "\n" + portal_url + "\n\n" + kWhy.in(language) + "\n"};
}

Outbox::Outbox(Storage& storage, const Clock& clock, MailConfig config, std::string portal_url, OutboxPolicy policy, SendFn send)
    : storage_(storage), clock_(clock), config_(std::move(config)), portal_url_(std::move(portal_url)), policy_(policy),
      send_(std::move(send)) {}

std::size_t Outbox::queue() {
    std::vector<OutboxRow> rows;
    const std::int64_t now = clock_.now();
    const std::string key = unsubscribe_key(storage_);
    std::string base = portal_url_;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // The link opens the Alerts page (web/role_home.cpp: its address), after the log-in if needed.
    const std::string alerts_url = base + "/#/home/varsler";
    const auto message_id = [&](const std::string& k) { return token_hash(k).substr(0, 32) + "@" + domain_of(config_.from); };
    // Daily and weekly notifications wait for their day (week) to end, then go as one digest per
    // (frequency, day or week, user). The digest's key is UNIQUE like a single mail's, and each
    // notification in it gets a settled row under its own key in the same transaction, so a restart
    // makes neither a second digest nor a lost line. Waiting ones are read past, up to a bound, so
    // they do not hold back the mails due now.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<NotificationRow>> digests;
    std::size_t singles = 0;
    for (auto& n : storage_.notifications_to_mail(policy_.batch * 20)) {
        const std::string frequency = n.body.is_object() ? n.body.value("frequency", std::string("immediate")) : "immediate";
        if (frequency == "daily" || frequency == "weekly") {
            const Bucket b = bucket_of(frequency, n.created_at);
            if (now >= b.ends) digests[{n.user_id, frequency, b.label}].push_back(std::move(n));
            continue;
        }
        if (singles == static_cast<std::size_t>(policy_.batch)) continue;
        ++singles;
        OutboxRow r;
        r.key = n.key;
        r.message_id = message_id(n.key);
        r.next_attempt_at = now;
        const auto user = storage_.user_by_id(n.user_id);
        const std::string language = user ? user->language : "nb";
        r.to = user ? user->email : "";
        if (n.kind == kInactivityWarning) {
            // Not an alert one subscribed to: nothing to unsubscribe from (inactivity.hpp).
            const std::string delete_on = n.body.is_object() ? n.body.value("delete_on", std::string()) : std::string();
            const std::string what = n.body.is_object() ? n.body.value("what", std::string()) : std::string();
            const MailText text = inactivity_mail_text(what, delete_on, language, base + "/");
            r.subject = text.subject;
            r.body = text.body;
            rows.push_back(std::move(r));
            continue;
        }
        const MailText text = mail_text(n.kind, n.on, language, alerts_url);
        r.subject = text.subject;
        r.body = text.body;
        r.unsubscribe_url = base + "/api/unsubscribe?token=" + unsubscribe_token(key, n.user_id);
        rows.push_back(std::move(r));
    }
    // The bounded read may have cut a digest's day (week) short: each digest takes all of its user's
    // waiting notifications of that day (week), so no line is settled into a digest without being in it.
    for (auto& [id, members] : digests) {
        const auto& [user_id, frequency, label] = id;
        members.clear();
        for (auto& n : storage_.notifications_to_mail_of(user_id)) {
            const std::string f = n.body.is_object() ? n.body.value("frequency", std::string("immediate")) : "immediate";
            if (f == frequency && bucket_of(f, n.created_at).label == label) members.push_back(std::move(n));
        }
    }
    for (const auto& [id, members] : digests) {
        const auto& [user_id, frequency, label] = id;
        const auto user = storage_.user_by_id(user_id);
        const std::string language = user ? user->language : "nb";
        std::vector<std::pair<std::string, std::string>> lines;
        for (const auto& n : members) lines.emplace_back(n.kind, n.on);
        OutboxRow d;
        d.key = "digest/" + frequency + "/" + label + "/" + user_id;
        d.message_id = message_id(d.key);
        d.next_attempt_at = now;
        const MailText text = digest_text(lines, frequency, label, language, alerts_url);
        d.subject = text.subject;
        d.body = text.body;
        d.to = user ? user->email : "";
        d.unsubscribe_url = base + "/api/unsubscribe?token=" + unsubscribe_token(key, user_id);
        for (const auto& n : members) {
            OutboxRow m;
            m.key = n.key;
            m.to = d.to;
            m.body = "in " + d.key;  // the line's mail is the digest
            m.message_id = d.message_id;
            m.sent_at = now;
            rows.push_back(std::move(m));
        }
        rows.push_back(std::move(d));
    }
    const std::size_t added = storage_.add_mail(rows);
    // A user without an address (or whose account is gone) gets no mail; the row is settled, not retried.
    for (const auto& r : storage_.mail_due(now, policy_.batch)) {
        if (r.to.empty()) storage_.mail_failed(r.id, r.attempts, 0, "no e-mail address"), storage_.mail_sent(r.id, now);
    }
    return added;
}

OutboxRun Outbox::run() {
    OutboxRun out;
    out.queued = queue();
    const std::int64_t now = clock_.now();
    for (const auto& r : storage_.mail_due(now, policy_.batch)) {
        // A row still marked "sending" was cut off by a crash: the relay may or may not have taken
        // it. It goes again, at once and with the same Message-ID: a mail is never lost, and a copy
        // the relay had taken is recognisably the same mail (docs/sync-server.md, Mail).
        if (r.last_error == kSending) ++out.resent;
        // Each step its own short write: "sending" before the relay is asked, "sent" the moment it
        // answers (before the connection's QUIT), so only a crash between its answer and that one
        // UPDATE can send a mail twice.
        storage_.mail_failed(r.id, r.attempts, r.next_attempt_at, kSending);
        bool marked = false;
        MailMessage m{r.to, r.subject, r.body, r.message_id, rfc5322_date(now), r.unsubscribe_url, [&] {
                          storage_.mail_sent(r.id, clock_.now());
                          marked = true;
                      }};
        const std::string error = send_(config_, m);
        if (error.empty()) {
            if (!marked) storage_.mail_sent(r.id, clock_.now());  // a SendFn that does not call on_accepted
            ++out.sent;
            continue;
        }
        const int attempts = r.attempts + 1;
        std::int64_t wait = policy_.first_retry;
        for (int i = 1; i < attempts && wait < policy_.max_retry; ++i) wait *= 2;
        storage_.mail_failed(r.id, attempts, now + std::min(wait, policy_.max_retry), error);
        ++out.failed;
    }
    return out;
}

}  // namespace alis::server
