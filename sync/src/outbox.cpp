#include "outbox.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include "crypto.hpp"
#include "unsubscribe.hpp"

namespace alis::server {

namespace {

struct Words {
    const char* nb;
    const char* nn;
    const char* en;
    const char* in(const std::string& lang) const { return lang == "nn" ? nn : lang == "en" ? en : nb; }
};

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

}  // namespace

MailText mail_text(const std::string& kind, const std::string& on, const std::string& language, const std::string& portal_url) {
    const auto it = kinds().find(kind);
    const std::string what = it == kinds().end() ? kind : it->second.in(language);
    const Words open{"Se varselet i ALIS-portalen Vest under Varsler:", "Sjå varselet i ALIS-portalen Vest under Varsel:",
                     "See the alert in the ALIS portal West under Alerts:"};
    const Words why{"Du får denne e-posten fordi du abonnerer på varsler på e-post. Abonnementene endrer du under Varsler.",
                    "Du får denne e-posten fordi du abonnerer på varsel på e-post. Abonnementa endrar du under Varsel.",
                    "You get this e-mail because you subscribe to alerts by e-mail. Change your subscriptions under Alerts."};
    return {"ALIS-portalen Vest: " + what,
            what + " (" + on + ").\n\n" + open.in(language) + "\n" + portal_url + "\n\n" + why.in(language) + "\n"};
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
    for (const auto& n : storage_.notifications_to_mail(policy_.batch)) {
        OutboxRow r;
        r.key = n.key;
        r.message_id = token_hash(n.key).substr(0, 32) + "@" + domain_of(config_.from);
        r.next_attempt_at = now;
        const auto user = storage_.user_by_id(n.user_id);
        const std::string language = user ? user->language : "nb";
        const MailText text = mail_text(n.kind, n.on, language, portal_url_);
        r.subject = text.subject;
        r.body = text.body;
        r.to = user ? user->email : "";
        r.unsubscribe_url = base + "/api/unsubscribe?token=" + unsubscribe_token(key, n.user_id);
        rows.push_back(std::move(r));
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
