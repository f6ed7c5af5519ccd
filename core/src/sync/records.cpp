#include "alis/sync/records.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <set>

#include "alis/json_fields.hpp"
#include "alis/rules.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

using nlohmann::json;
using namespace detail;

namespace {
constexpr std::array kRoles{Role::gp, Role::hospital, Role::municipality, Role::alis_office};
constexpr std::array kTopics{SubscriptionTopic::new_periods, SubscriptionTopic::offers, SubscriptionTopic::released_periods,
                             SubscriptionTopic::new_candidates, SubscriptionTopic::wishes_for_my_departments};
constexpr std::array kChannels{Channel::in_app, Channel::email};
constexpr std::array kFrequencies{Frequency::immediate, Frequency::daily, Frequency::weekly};
constexpr std::array kOfferStatuses{OfferStatus::pending, OfferStatus::accepted, OfferStatus::declined,
                                    OfferStatus::withdrawn, OfferStatus::lapsed};
}  // namespace

namespace detail {
std::vector<std::string> read_id_list(const json& object, const char* name, const std::string& prefix, Problems& out,
                                      bool required) {
    const std::string path = prefix.empty() ? std::string(name) : prefix + "." + name;
    std::vector<std::string> ids;
    if (!object.is_object()) return ids;
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) {
        if (required) out.push_back({path, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."}});
        return ids;
    }
    if (!it->is_array()) {
        out.push_back({path, "not_a_list", {"Må være en liste.", "Må vera ei liste.", "Must be a list."}});
        return ids;
    }
    if (it->size() > kMaxListLength) {
        const std::string n = std::to_string(kMaxListLength);
        out.push_back({path, "too_long", {"Høyst " + n + " elementer.", "Høgst " + n + " element.", "At most " + n + " items."}});
        return ids;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        const std::string ipath = path + "[" + std::to_string(i) + "]";
        if (!v.is_string() || v.get_ref<const std::string&>().empty() || v.get_ref<const std::string&>().size() > kIdBytes) {
            out.push_back({ipath, "not_an_id", {"Må være en id (tekst, 1 til 64 byte).", "Må vera ein id (tekst, 1 til 64 byte).",
                                                "Must be an id (text, 1 to 64 bytes)."}});
            continue;
        }
        if (!seen.insert(v.get<std::string>()).second) {
            out.push_back({ipath, "duplicate", {"Står to ganger i lista.", "Står to gonger i lista.", "Appears twice in the list."}});
            continue;
        }
        ids.push_back(v.get<std::string>());
    }
    return ids;
}
}  // namespace detail

std::string to_string(RecordKind kind) {
    switch (kind) {
        case RecordKind::organisation: return "organisation";
        case RecordKind::user: return "user";
        case RecordKind::doctor: return "doctor";
        case RecordKind::available_time: return "available_time";
        case RecordKind::wish: return "wish";
        case RecordKind::period: return "period";
        case RecordKind::candidate: return "candidate";
        case RecordKind::regional_list: return "regional_list";
        case RecordKind::subscription: return "subscription";
        case RecordKind::offer: return "offer";
        case RecordKind::setting: return "setting";
        case RecordKind::document: return "document";
    }
    return "?";
}

const std::vector<RecordKind>& all_record_kinds() {
    static const std::vector<RecordKind> kinds{RecordKind::organisation, RecordKind::user,         RecordKind::doctor,
                                               RecordKind::available_time, RecordKind::wish,       RecordKind::period,
                                               RecordKind::candidate,    RecordKind::regional_list, RecordKind::subscription,
                                               RecordKind::offer,        RecordKind::setting,       RecordKind::document};
    return kinds;
}

std::optional<RecordKind> record_kind_from_string(const std::string& s) {
    for (RecordKind k : all_record_kinds()) {
        if (to_string(k) == s) return k;
    }
    return std::nullopt;
}

std::string to_string(const RecordKey& key) { return to_string(key.kind) + "/" + key.id; }

std::string to_string(Role role) {
    switch (role) {
        case Role::gp: return "gp";
        case Role::hospital: return "hospital";
        case Role::municipality: return "municipality";
        case Role::alis_office: return "alis_office";
    }
    return "?";
}

std::optional<Role> role_from_string(const std::string& s) {
    for (Role r : kRoles) {
        if (to_string(r) == s) return r;
    }
    return std::nullopt;
}

std::string to_string(SubscriptionTopic topic) {
    switch (topic) {
        case SubscriptionTopic::new_periods: return "new_periods";
        case SubscriptionTopic::offers: return "offers";
        case SubscriptionTopic::released_periods: return "released_periods";
        case SubscriptionTopic::new_candidates: return "new_candidates";
        case SubscriptionTopic::wishes_for_my_departments: return "wishes_for_my_departments";
    }
    return "?";
}

std::string to_string(Channel channel) { return channel == Channel::email ? "email" : "in_app"; }

std::string to_string(Frequency frequency) {
    switch (frequency) {
        case Frequency::immediate: return "immediate";
        case Frequency::daily: return "daily";
        case Frequency::weekly: return "weekly";
    }
    return "?";
}

std::string to_string(OfferStatus status) {
    switch (status) {
        case OfferStatus::pending: return "pending";
        case OfferStatus::accepted: return "accepted";
        case OfferStatus::declined: return "declined";
        case OfferStatus::withdrawn: return "withdrawn";
        case OfferStatus::lapsed: return "lapsed";
    }
    return "?";
}

void to_json(json& j, const User& u) {
    j = {{"id", u.id}, {"role", to_string(u.role)}, {"organisation_id", u.organisation_id},
         {"doctor_id", u.doctor_id}, {"name", u.name}, {"email", u.email}};
}

void to_json(json& j, const Candidate& c) {
    j = {{"id", c.id},
         {"municipality_id", c.municipality_id},
         {"doctor_id", c.doctor_id},
         {"position", c.position},
         {"wished_service", c.wished_service},
         {"education_plan", c.education_plan},
         {"application_text", c.application_text},
         {"struck", c.struck},
         {"struck_reason", c.struck_reason},
         {"struck_on", optional_date_json(c.struck_on)}};
}

void to_json(json& j, const RegionalList& r) {
    j = {{"id", r.id}, {"doctor_ids", r.doctor_ids}, {"updated_on", optional_date_json(r.updated_on)}};
}

void to_json(json& j, const Subscription& s) {
    j = {{"id", s.id}, {"user_id", s.user_id}, {"topic", to_string(s.topic)}, {"channel", to_string(s.channel)},
         {"hospital_id", s.hospital_id}, {"specialty", s.specialty}, {"department_id", s.department_id},
         {"from", optional_date_json(s.from)}, {"to", optional_date_json(s.to)},
         {"frequency", to_string(s.frequency)}, {"paused", s.paused}};
}

void to_json(json& j, const Offer& o) {
    j = {{"id", o.id},
         {"period_id", o.period_id},
         {"hospital_id", o.hospital_id},
         {"doctor_id", o.doctor_id},
         {"status", to_string(o.status)},
         {"start", to_iso(o.range.start)},
         {"end", to_iso(o.range.end)},
         {"offered_on", to_iso(o.offered_on)},
         {"answer_by", to_iso(o.answer_by)},
         {"answered_on", optional_date_json(o.answered_on)},
         {"message", o.message}};
}

std::optional<User> parse_user(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    User u;
    u.id = f.text("id", kIdBytes, true);
    if (auto r = read_enum(f, "role", kRoles, Role::gp, true)) u.role = *r;
    u.organisation_id = f.text("organisation_id", kIdBytes, false);
    u.doctor_id = f.text("doctor_id", kIdBytes, false);
    u.name = f.text("name", kNameBytes, true);
    u.email = f.text("email", kNameBytes, false);
    if (out.size() == before) {
        if (u.role == Role::gp && u.doctor_id.empty()) {
            f.add("doctor_id", "gp_needs_doctor",
                  {"En fastlegebruker må ha en legeprofil-id.", "Ein fastlegebrukar må ha ein legeprofil-id.",
                   "A GP user must have a doctor profile id."});
        }
        if ((u.role == Role::hospital || u.role == Role::municipality) && u.organisation_id.empty()) {
            f.add("organisation_id", "role_needs_organisation",
                  {"Brukeren må høre til en organisasjon.", "Brukaren må høyra til ein organisasjon.",
                   "The user must belong to an organisation."});
        }
    }
    if (out.size() != before) return std::nullopt;
    return u;
}

std::optional<Candidate> parse_candidate(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Candidate c;
    c.id = f.text("id", kIdBytes, true);
    c.municipality_id = f.text("municipality_id", kIdBytes, true);
    c.doctor_id = f.text("doctor_id", kIdBytes, true);
    c.position = f.integer("position", 1, static_cast<int>(kMaxListLength), 1, false);
    c.wished_service = f.text("wished_service", kNoteBytes, false);
    c.education_plan = f.text("education_plan", kLongTextBytes, false);
    c.application_text = f.text("application_text", kLongTextBytes, false);
    c.struck = f.boolean("struck", false);
    c.struck_reason = f.text("struck_reason", kNoteBytes, false);
    c.struck_on = f.date("struck_on", false);
    if (out.size() != before) return std::nullopt;
    return c;
}

std::optional<RegionalList> parse_regional_list(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    RegionalList r;
    r.id = f.text("id", kIdBytes, true);
    r.doctor_ids = read_id_list(j, "doctor_ids", prefix, out, true);
    r.updated_on = f.date("updated_on", false);
    if (out.size() != before) return std::nullopt;
    return r;
}

std::optional<Subscription> parse_subscription(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Subscription s;
    s.id = f.text("id", kIdBytes, true);
    s.user_id = f.text("user_id", kIdBytes, true);
    if (auto t = read_enum(f, "topic", kTopics, SubscriptionTopic::new_periods, true)) s.topic = *t;
    if (auto c = read_enum(f, "channel", kChannels, Channel::in_app, false)) s.channel = *c;
    s.hospital_id = f.text("hospital_id", kIdBytes, false);
    s.specialty = f.text("specialty", kNameBytes, false);
    s.department_id = f.text("department_id", kIdBytes, false);
    s.from = f.date("from", false);
    s.to = f.date("to", false);
    if (s.from && s.to && *s.to < *s.from) {
        f.add("to", "to_before_from",
              {"Til-datoen kan ikke være før fra-datoen.", "Til-datoen kan ikkje vera før frå-datoen.",
               "The to date cannot be before the from date."});
    }
    if (auto q = read_enum(f, "frequency", kFrequencies, Frequency::immediate, false)) s.frequency = *q;
    s.paused = f.boolean("paused", false);
    if (out.size() != before) return std::nullopt;
    return s;
}

std::optional<Offer> parse_offer(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Offer o;
    o.id = f.text("id", kIdBytes, true);
    o.period_id = f.text("period_id", kIdBytes, true);
    o.hospital_id = f.text("hospital_id", kIdBytes, false);
    o.doctor_id = f.text("doctor_id", kIdBytes, true);
    if (auto s = read_enum(f, "status", kOfferStatuses, OfferStatus::pending, false)) o.status = *s;
    const auto start = f.date("start", true);
    const auto end = f.date("end", true);
    if (start && end) {
        if (*end < *start) {
            f.add("end", "end_before_start",
                  {"Sluttdato kan ikke være før startdato.", "Sluttdato kan ikkje vera før startdato.",
                   "The end date cannot be before the start date."});
        }
        o.range = {*start, *end};
    }
    if (auto d = f.date("offered_on", false)) o.offered_on = *d;
    // A date like the others, and not before the offer was made; which days a hospital may choose
    // is the mutation's rule (rules.hpp: answer_deadline), judged on the day the offer is made.
    if (auto d = f.date("answer_by", false)) {
        o.answer_by = *d;
        if (*d < o.offered_on) {
            f.add("answer_by", "deadline_before_offer",
                  {"Svarfristen kan ikke være før tilbudet ble gitt.", "Svarfristen kan ikkje vera før tilbodet vart gitt.",
                   "The answer deadline cannot be before the offer was made."});
        }
    } else {
        o.answer_by = add_days(o.offered_on, kAnswerDays);  // a record from before deadlines existed
    }
    o.answered_on = f.date("answered_on", false);
    o.message = f.text("message", kNoteBytes, false);
    if (out.size() != before) return std::nullopt;
    return o;
}

}  // namespace alis::sync
