#pragma once
// The portal's records. Each type has to_json and a parse_* function that validates every field and
// names each one that is wrong; ids are opaque strings chosen by whoever creates the record.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"

namespace alis {

enum class OrganisationKind { hospital_trust, department, municipality, alis_office };

struct Organisation {
    std::string id;
    OrganisationKind kind = OrganisationKind::hospital_trust;
    std::string name;
    std::string parent_id;         // a department's hospital trust; empty otherwise
    std::string specialty;         // a department's specialty, e.g. "indremedisin"
    bool party_to_agreement = false;  // a municipality that signed the ALIS hospital-service agreement

    bool operator==(const Organisation&) const = default;
};

// New scheme (from 2019): 6 months of continuous hospital service; old scheme: 12.
enum class Scheme { new_scheme, old_scheme };

enum class Sector { municipal, private_practice };

struct DoctorProfile {
    std::string id;
    std::string name;
    std::string hpr_number;        // Norway's health personnel register number, digits only
    std::string municipality_id;
    Date general_practice_start;   // first day in general practice (eligibility counts from here)
    std::optional<Date> alis_start;
    Scheme scheme = Scheme::new_scheme;
    int learning_objectives_fulfilled = 0;
    int mandatory_courses = 0;
    int module_courses = 0;
    bool guidance_group = false;   // took part in the 2-year guidance group
    Sector sector = Sector::municipal;
    std::string email;
    std::string phone;
    std::string cv_text;

    bool operator==(const DoctorProfile&) const = default;
};

enum class PeriodStatus { published, withdrawn, released, filled };

// Time a hospital department publishes because one of its residents has planned leave.
struct Period {
    std::string id;
    std::string hospital_id;
    std::string department_id;
    std::string specialty;
    DateRange range;
    int places = 1;
    Date published_on;
    bool on_call = false;
    std::string supervisor;
    std::string reason;  // e.g. parental leave; no personal detail about the absent resident
    PeriodStatus status = PeriodStatus::published;
    // The day the two-month rule released it: set by the release job, which may run later than
    // release_date(published_on) when an offer held the period (rules.hpp: released_day).
    std::optional<Date> released_on;

    bool operator==(const Period&) const = default;
};

// Time a GP is free to serve in a hospital.
struct AvailableTime {
    std::string id;
    std::string doctor_id;
    DateRange range;

    bool operator==(const AvailableTime&) const = default;
};

// One ranked wish of a GP: where (a hospital, and a department or a specialty) and when.
struct Wish {
    std::string id;
    std::string doctor_id;
    int rank = 1;  // 1 is the most wanted
    std::string hospital_id;    // empty: any hospital
    std::string department_id;  // empty: any department with the specialty
    std::string specialty;      // empty: any specialty of the department
    std::optional<Date> earliest_start;
    std::optional<Date> latest_end;

    bool operator==(const Wish&) const = default;
};

// Names used on the wire and in storage.
std::string to_string(OrganisationKind kind);
std::string to_string(Scheme scheme);
std::string to_string(Sector sector);
std::string to_string(PeriodStatus status);

void to_json(nlohmann::json& j, const DateRange& r);
void to_json(nlohmann::json& j, const Organisation& o);
void to_json(nlohmann::json& j, const DoctorProfile& d);
void to_json(nlohmann::json& j, const Period& p);
void to_json(nlohmann::json& j, const AvailableTime& a);
void to_json(nlohmann::json& j, const Wish& w);

// Each returns the record when every field holds its rule, and otherwise adds one Problem per broken
// rule (with the field's path under `prefix`) and returns nothing.
std::optional<Organisation> parse_organisation(const nlohmann::json& j, Problems& out, const std::string& prefix = "organisation");
std::optional<DoctorProfile> parse_doctor_profile(const nlohmann::json& j, Problems& out, const std::string& prefix = "profile");
std::optional<Period> parse_period(const nlohmann::json& j, Problems& out, const std::string& prefix = "period");
std::optional<AvailableTime> parse_available_time(const nlohmann::json& j, Problems& out, const std::string& prefix = "available_time");
std::optional<Wish> parse_wish(const nlohmann::json& j, Problems& out, const std::string& prefix = "wish");

// HPR numbers are 4 to 9 digits.
bool is_valid_hpr_number(const std::string& s);

}  // namespace alis
