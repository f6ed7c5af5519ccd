#include "alis/domain.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

#include "alis/json_fields.hpp"

namespace alis {

using nlohmann::json;

namespace {

constexpr size_t kIdBytes = 64;
constexpr size_t kNameBytes = 200;
constexpr size_t kNoteBytes = 2000;
constexpr size_t kCvBytes = 20000;

// A start and an end given in the wrong order is a mistake to report, not to silently swap.
std::optional<DateRange> read_range(JsonFields& f, const char* start_name, const char* end_name) {
    const auto start = f.date(start_name, true);
    const auto end = f.date(end_name, true);
    if (!start || !end) return std::nullopt;
    if (*end < *start) {
        f.add(end_name, "end_before_start",
              {"Sluttdato kan ikke være før startdato.", "Sluttdato kan ikkje vera før startdato.",
               "The end date cannot be before the start date."});
        return std::nullopt;
    }
    return DateRange{*start, *end};
}

void put_optional_date(json& j, const char* name, const std::optional<Date>& d) {
    j[name] = d ? json(to_iso(*d)) : json(nullptr);
}

constexpr std::array kOrganisationKinds{OrganisationKind::hospital_trust, OrganisationKind::department,
                                        OrganisationKind::municipality, OrganisationKind::alis_office};
constexpr std::array kSchemes{Scheme::new_scheme, Scheme::old_scheme};
constexpr std::array kSectors{Sector::municipal, Sector::private_practice};
constexpr std::array kPeriodStatuses{PeriodStatus::published, PeriodStatus::withdrawn, PeriodStatus::released,
                                     PeriodStatus::filled};

}  // namespace

std::string to_string(OrganisationKind kind) {
    switch (kind) {
        case OrganisationKind::hospital_trust: return "hospital_trust";
        case OrganisationKind::department: return "department";
        case OrganisationKind::municipality: return "municipality";
        case OrganisationKind::alis_office: return "alis_office";
    }
    return "?";
}

std::string to_string(Scheme scheme) { return scheme == Scheme::old_scheme ? "old" : "new"; }
std::string to_string(Sector sector) { return sector == Sector::private_practice ? "private" : "municipal"; }

std::string to_string(PeriodStatus status) {
    switch (status) {
        case PeriodStatus::published: return "published";
        case PeriodStatus::withdrawn: return "withdrawn";
        case PeriodStatus::released: return "released";
        case PeriodStatus::filled: return "filled";
    }
    return "?";
}

bool is_valid_hpr_number(const std::string& s) {
    return s.size() >= 4 && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void to_json(json& j, const DateRange& r) { j = {{"start", to_iso(r.start)}, {"end", to_iso(r.end)}}; }

void to_json(json& j, const Organisation& o) {
    j = {{"id", o.id}, {"kind", to_string(o.kind)}, {"name", o.name}, {"parent_id", o.parent_id},
         {"specialty", o.specialty}, {"party_to_agreement", o.party_to_agreement}};
}

void to_json(json& j, const DoctorProfile& d) {
    j = {{"id", d.id},
         {"name", d.name},
         {"hpr_number", d.hpr_number},
         {"municipality_id", d.municipality_id},
         {"general_practice_start", to_iso(d.general_practice_start)},
         {"scheme", to_string(d.scheme)},
         {"learning_objectives_fulfilled", d.learning_objectives_fulfilled},
         {"mandatory_courses", d.mandatory_courses},
         {"module_courses", d.module_courses},
         {"guidance_group", d.guidance_group},
         {"sector", to_string(d.sector)},
         {"email", d.email},
         {"phone", d.phone},
         {"cv_text", d.cv_text}};
    put_optional_date(j, "alis_start", d.alis_start);
}

void to_json(json& j, const Period& p) {
    j = {{"id", p.id},
         {"hospital_id", p.hospital_id},
         {"department_id", p.department_id},
         {"specialty", p.specialty},
         {"start", to_iso(p.range.start)},
         {"end", to_iso(p.range.end)},
         {"places", p.places},
         {"published_on", to_iso(p.published_on)},
         {"on_call", p.on_call},
         {"supervisor", p.supervisor},
         {"reason", p.reason},
         {"status", to_string(p.status)}};
    put_optional_date(j, "released_on", p.released_on);
}

void to_json(json& j, const AvailableTime& a) {
    j = {{"id", a.id}, {"doctor_id", a.doctor_id}, {"start", to_iso(a.range.start)}, {"end", to_iso(a.range.end)}};
}

void to_json(json& j, const Wish& w) {
    j = {{"id", w.id},
         {"doctor_id", w.doctor_id},
         {"rank", w.rank},
         {"hospital_id", w.hospital_id},
         {"department_id", w.department_id},
         {"specialty", w.specialty}};
    put_optional_date(j, "earliest_start", w.earliest_start);
    put_optional_date(j, "latest_end", w.latest_end);
}

std::optional<Organisation> parse_organisation(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Organisation o;
    o.id = f.text("id", kIdBytes, true);
    const auto kind = read_enum(f, "kind", kOrganisationKinds, OrganisationKind::hospital_trust, true);
    o.name = f.text("name", kNameBytes, true);
    o.parent_id = f.text("parent_id", kIdBytes, false);
    o.specialty = f.text("specialty", kNameBytes, false);
    o.party_to_agreement = f.boolean("party_to_agreement", false);
    if (kind) o.kind = *kind;
    if (kind == OrganisationKind::department && o.parent_id.empty()) {
        f.add("parent_id", "department_needs_hospital",
              {"En avdeling må høre til et helseforetak.", "Ei avdeling må høyra til eit helseføretak.",
               "A department must belong to a hospital trust."});
    }
    if (out.size() != before) return std::nullopt;
    return o;
}

std::optional<DoctorProfile> parse_doctor_profile(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    DoctorProfile d;
    d.id = f.text("id", kIdBytes, true);
    d.name = f.text("name", kNameBytes, true);
    d.hpr_number = f.text("hpr_number", 16, true);
    if (!d.hpr_number.empty() && !is_valid_hpr_number(d.hpr_number)) {
        f.add("hpr_number", "hpr_format",
              {"HPR-nummeret må være 4 til 9 sifre.", "HPR-nummeret må vera 4 til 9 siffer.",
               "The HPR number must be 4 to 9 digits."});
    }
    d.municipality_id = f.text("municipality_id", kIdBytes, true);
    const auto gp_start = f.date("general_practice_start", true);
    if (gp_start) d.general_practice_start = *gp_start;
    d.alis_start = f.date("alis_start", false);
    if (auto s = read_enum(f, "scheme", kSchemes, Scheme::new_scheme, false)) d.scheme = *s;
    d.learning_objectives_fulfilled = f.integer("learning_objectives_fulfilled", 0, 1000, 0, false);
    d.mandatory_courses = f.integer("mandatory_courses", 0, 100, 0, false);
    d.module_courses = f.integer("module_courses", 0, 100, 0, false);
    d.guidance_group = f.boolean("guidance_group", false);
    if (auto s = read_enum(f, "sector", kSectors, Sector::municipal, false)) d.sector = *s;
    d.email = f.text("email", kNameBytes, false);
    if (!d.email.empty() && (d.email.find('@') == std::string::npos || d.email.find(' ') != std::string::npos)) {
        f.add("email", "email_format",
              {"E-postadressen må ha formen navn@domene.no.", "E-postadressa må ha forma namn@domene.no.",
               "The e-mail address must look like name@domain.no."});
    }
    d.phone = f.text("phone", 32, false);
    d.cv_text = f.text("cv_text", kCvBytes, false);
    if (out.size() != before) return std::nullopt;
    return d;
}

std::optional<Period> parse_period(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Period p;
    p.id = f.text("id", kIdBytes, true);
    p.hospital_id = f.text("hospital_id", kIdBytes, true);
    p.department_id = f.text("department_id", kIdBytes, true);
    p.specialty = f.text("specialty", kNameBytes, false);
    if (auto r = read_range(f, "start", "end")) p.range = *r;
    p.places = f.integer("places", 1, 100, 1, false);
    if (auto d = f.date("published_on", true)) p.published_on = *d;
    p.on_call = f.boolean("on_call", false);
    p.supervisor = f.text("supervisor", kNameBytes, false);
    p.reason = f.text("reason", kNoteBytes, false);
    if (auto s = read_enum(f, "status", kPeriodStatuses, PeriodStatus::published, false)) p.status = *s;
    p.released_on = f.date("released_on", false);
    if (out.size() != before) return std::nullopt;
    return p;
}

std::optional<AvailableTime> parse_available_time(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    AvailableTime a;
    a.id = f.text("id", kIdBytes, true);
    a.doctor_id = f.text("doctor_id", kIdBytes, true);
    if (auto r = read_range(f, "start", "end")) a.range = *r;
    if (out.size() != before) return std::nullopt;
    return a;
}

std::optional<Wish> parse_wish(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Wish w;
    w.id = f.text("id", kIdBytes, true);
    w.doctor_id = f.text("doctor_id", kIdBytes, true);
    w.rank = f.integer("rank", 1, 1000, 1, true);
    w.hospital_id = f.text("hospital_id", kIdBytes, false);
    w.department_id = f.text("department_id", kIdBytes, false);
    w.specialty = f.text("specialty", kNameBytes, false);
    if (w.hospital_id.empty() && w.department_id.empty() && w.specialty.empty()) {
        f.add("department_id", "wish_needs_place",
              {"Et ønske må nevne et sykehus, en avdeling eller et fagområde.",
               "Eit ønske må nemna eit sjukehus, ei avdeling eller eit fagområde.",
               "A wish must name a hospital, a department or a specialty."});
    }
    w.earliest_start = f.date("earliest_start", false);
    w.latest_end = f.date("latest_end", false);
    if (w.earliest_start && w.latest_end && *w.latest_end < *w.earliest_start) {
        f.add("latest_end", "end_before_start",
              {"Sluttdato kan ikke være før startdato.", "Sluttdato kan ikkje vera før startdato.",
               "The end date cannot be before the start date."});
    }
    if (out.size() != before) return std::nullopt;
    return w;
}

}  // namespace alis
