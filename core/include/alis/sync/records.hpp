#pragma once
// The records the portal synchronises, beyond the domain types of alis/domain.hpp. Every record is
// addressed by (kind, id) and travels as a JSON body; each type has to_json and a parse_* function
// that validates every field and names each one that is wrong, in the style of domain.hpp.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"

namespace alis::sync {

// The kinds of record in a PortalState. The wire names are the to_string forms.
enum class RecordKind {
    organisation,
    user,
    doctor,          // alis::DoctorProfile
    available_time,  // alis::AvailableTime
    wish,            // alis::Wish
    period,          // alis::Period
    candidate,
    regional_list,
    subscription,
    offer,
    setting,         // Setting (settings.hpp): the office's settings, such as the score's weights
    document,        // DocumentRecord (document_record.hpp): a stored file's metadata; only the server writes it
};

std::string to_string(RecordKind kind);
std::optional<RecordKind> record_kind_from_string(const std::string& s);
const std::vector<RecordKind>& all_record_kinds();

struct RecordKey {
    RecordKind kind = RecordKind::organisation;
    std::string id;

    // Spelled out rather than a defaulted <=>: Emscripten 3.1.6's libc++ has no <=> for std::string.
    bool operator==(const RecordKey& o) const { return kind == o.kind && id == o.id; }
    bool operator!=(const RecordKey& o) const { return !(*this == o); }
    bool operator<(const RecordKey& o) const { return kind != o.kind ? kind < o.kind : id < o.id; }
};

// "period/p1": for logs and problem fields.
std::string to_string(const RecordKey& key);

enum class Role { gp, hospital, municipality, alis_office };

std::string to_string(Role role);  // "gp", "hospital", "municipality", "alis_office"
std::optional<Role> role_from_string(const std::string& s);

// The public part of a user account. Passwords, hashes and sessions live only in the server's
// storage and never in a record: the state is sent to browsers.
struct User {
    std::string id;
    Role role = Role::gp;
    std::string organisation_id;  // hospital trust, municipality or ALIS office; empty for a GP
    std::string doctor_id;        // the GP's doctor profile id; empty for the other roles
    std::string name;
    std::string email;

    bool operator==(const User&) const = default;
};

// One entry on a municipality's prioritized list of its own ALIS candidates [002 §6.1].
struct Candidate {
    std::string id;
    std::string municipality_id;
    std::string doctor_id;
    int position = 1;  // 1 is the municipality's first priority; kept 1..n by the mutations
    std::string wished_service;    // wished type and time of hospital service
    std::string education_plan;    // the updated education plan (utdanningsplan)
    std::string application_text;
    bool struck = false;           // got hospital service elsewhere, or otherwise off the list
    std::string struck_reason;
    std::optional<Date> struck_on;

    bool operator==(const Candidate&) const = default;
};

// The one prioritized list ALIS-kontor Vest forwards to the hospitals. There is normally one record,
// id kRegionalListId.
inline constexpr const char* kRegionalListId = "vest";
struct RegionalList {
    std::string id = kRegionalListId;
    std::vector<std::string> doctor_ids;  // in priority order, no duplicates
    std::optional<Date> updated_on;

    bool operator==(const RegionalList&) const = default;
};

enum class SubscriptionTopic { new_periods, offers, released_periods, new_candidates, wishes_for_my_departments };
enum class Channel { in_app, email };

// How often e-mail for a subscription goes out: each at once, or gathered into one mail a day or an
// ISO week. A record from before frequencies existed reads as immediate.
enum class Frequency { immediate, daily, weekly };

std::string to_string(SubscriptionTopic topic);
std::string to_string(Channel channel);
std::string to_string(Frequency frequency);

// An alert subscription of one user; the server's alert job reads these.
struct Subscription {
    std::string id;
    std::string user_id;
    SubscriptionTopic topic = SubscriptionTopic::new_periods;
    Channel channel = Channel::in_app;
    std::string hospital_id;    // optional filter
    std::string specialty;      // optional filter
    std::string department_id;  // optional filter; a department of hospital_id when both are given
    std::optional<Date> from;   // optional date range: a period overlapping [from, to] fits
    std::optional<Date> to;     // (either end may be open)
    Frequency frequency = Frequency::immediate;
    bool paused = false;        // alerts nobody while paused

    bool operator==(const Subscription&) const = default;
};

// pending -> accepted | declined (by the GP) | withdrawn (by the hospital, or when the period is
// withdrawn or filled) | lapsed (its answer deadline passed unanswered; set by the daily job).
// A pending offer holds its period against the two-month release (rules.hpp: kAnswerDays).
enum class OfferStatus { pending, accepted, declined, withdrawn, lapsed };
std::string to_string(OfferStatus status);

// A hospital's offer of (part of) a period to one GP.
struct Offer {
    std::string id;
    std::string period_id;
    std::string hospital_id;  // copied from the period when the offer is made, for authorization
    std::string doctor_id;
    OfferStatus status = OfferStatus::pending;
    DateRange range;          // the service offered: inside the period
    Date offered_on;
    // The last day the GP may answer ("Svar innen"); a record stored before deadlines existed
    // reads as offered_on + 14 days (rules.hpp: kAnswerDays).
    Date answer_by;
    std::optional<Date> answered_on;
    std::string message;

    bool operator==(const Offer&) const = default;
};

void to_json(nlohmann::json& j, const User& u);
void to_json(nlohmann::json& j, const Candidate& c);
void to_json(nlohmann::json& j, const RegionalList& r);
void to_json(nlohmann::json& j, const Subscription& s);
void to_json(nlohmann::json& j, const Offer& o);

// Each returns the record when every field holds its rule, and otherwise adds one Problem per broken
// rule (with the field's path under `prefix`) and returns nothing.
std::optional<User> parse_user(const nlohmann::json& j, Problems& out, const std::string& prefix = "user");
std::optional<Candidate> parse_candidate(const nlohmann::json& j, Problems& out, const std::string& prefix = "candidate");
std::optional<RegionalList> parse_regional_list(const nlohmann::json& j, Problems& out, const std::string& prefix = "regional_list");
std::optional<Subscription> parse_subscription(const nlohmann::json& j, Problems& out, const std::string& prefix = "subscription");
std::optional<Offer> parse_offer(const nlohmann::json& j, Problems& out, const std::string& prefix = "offer");

}  // namespace alis::sync
