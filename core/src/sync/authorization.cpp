#include "alis/sync/authorization.hpp"

#include <algorithm>

namespace alis::sync {

namespace {

bool is_on_regional_list(const PortalState& s, const std::string& doctor_id) {
    for (const auto& [id, list] : s.regional_lists) {
        if (std::find(list.doctor_ids.begin(), list.doctor_ids.end(), doctor_id) != list.doctor_ids.end()) return true;
    }
    return false;
}

bool gp_may_see_period(const PortalState& s, const Actor& a, const Period& p) {
    if (p.status == PeriodStatus::published) return true;
    return std::any_of(s.offers.begin(), s.offers.end(), [&](const auto& kv) {
        return kv.second.period_id == p.id && kv.second.doctor_id == a.doctor_id;
    });
}

bool hospital_may_see_doctor(const PortalState& s, const std::string& hospital_id, const std::string& doctor_id) {
    for (const auto& [id, w] : s.wishes) {
        if (w.doctor_id == doctor_id && wish_targets_hospital(s, w, hospital_id)) return true;
    }
    for (const auto& [id, o] : s.offers) {
        if (o.doctor_id == doctor_id && o.hospital_id == hospital_id) return true;
    }
    return is_on_regional_list(s, doctor_id);
}

bool municipality_may_see_doctor(const PortalState& s, const std::string& municipality_id, const DoctorProfile& d) {
    if (d.municipality_id == municipality_id) return true;
    return std::any_of(s.candidates.begin(), s.candidates.end(), [&](const auto& kv) {
        return kv.second.doctor_id == d.id && kv.second.municipality_id == municipality_id;
    });
}

template <typename Map>
const typename Map::mapped_type* get(const Map& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? nullptr : &it->second;
}

}  // namespace

bool wish_targets_hospital(const PortalState& s, const Wish& w, const std::string& hospital_id) {
    if (hospital_id.empty()) return false;
    if (w.hospital_id == hospital_id) return true;
    if (!w.department_id.empty()) {
        const Organisation* dept = find_organisation(s, w.department_id);
        return dept && dept->parent_id == hospital_id;
    }
    if (!w.hospital_id.empty() || w.specialty.empty()) return false;
    return std::any_of(s.organisations.begin(), s.organisations.end(), [&](const auto& kv) {
        const Organisation& o = kv.second;
        return o.kind == OrganisationKind::department && o.parent_id == hospital_id && o.specialty == w.specialty;
    });
}

bool may_see(const PortalState& s, const Actor& a, const RecordKey& key) {
    if (!contains(s, key)) return false;
    if (a.role == Role::alis_office) return true;
    const bool own_org = !a.organisation_id.empty();
    switch (key.kind) {
        case RecordKind::organisation: return true;  // names of hospitals, departments and municipalities are public
        case RecordKind::user: return key.id == a.user_id;
        case RecordKind::subscription: return get(s.subscriptions, key.id)->user_id == a.user_id;
        case RecordKind::period: {
            const Period& p = *get(s.periods, key.id);
            if (p.status == PeriodStatus::published) return true;  // published periods are the portal's public offer
            if (a.role == Role::gp) return gp_may_see_period(s, a, p);
            return a.role == Role::hospital && own_org && p.hospital_id == a.organisation_id;
        }
        case RecordKind::doctor: {
            const DoctorProfile& d = *get(s.doctors, key.id);
            if (a.role == Role::gp) return !a.doctor_id.empty() && d.id == a.doctor_id;
            if (a.role == Role::hospital) return own_org && hospital_may_see_doctor(s, a.organisation_id, d.id);
            return a.role == Role::municipality && own_org && municipality_may_see_doctor(s, a.organisation_id, d);
        }
        case RecordKind::available_time: {
            // Free time goes with the doctor: a hospital that may see a GP (who wished its
            // departments) needs it to see which periods fit; a municipality does not.
            const AvailableTime& t = *get(s.available_times, key.id);
            if (a.role == Role::gp) return !a.doctor_id.empty() && t.doctor_id == a.doctor_id;
            return a.role == Role::hospital && own_org && hospital_may_see_doctor(s, a.organisation_id, t.doctor_id);
        }
        case RecordKind::wish: {
            const Wish& w = *get(s.wishes, key.id);
            if (a.role == Role::gp) return !a.doctor_id.empty() && w.doctor_id == a.doctor_id;
            return a.role == Role::hospital && wish_targets_hospital(s, w, a.organisation_id);
        }
        case RecordKind::candidate: {
            const Candidate& c = *get(s.candidates, key.id);
            if (a.role == Role::gp) return !a.doctor_id.empty() && c.doctor_id == a.doctor_id;
            return a.role == Role::municipality && own_org && c.municipality_id == a.organisation_id;
        }
        case RecordKind::regional_list: return a.role == Role::hospital;
        case RecordKind::setting: return true;  // not personal data; every replica runs the matching with it
        case RecordKind::document:  // a document goes wherever its GP's profile goes (check_may_read_documents)
            return may_see(s, a, {RecordKind::doctor, get(s.documents, key.id)->doctor_id});
        case RecordKind::offer: {
            const Offer& o = *get(s.offers, key.id);
            if (a.role == Role::gp) return !a.doctor_id.empty() && o.doctor_id == a.doctor_id;
            return a.role == Role::hospital && own_org && o.hospital_id == a.organisation_id;
        }
    }
    return false;  // deny by default
}

namespace {

// The hospital trusts a wish is addressed to (wish_targets_hospital, from the wish's side).
void hospitals_targeted(const PortalState& s, const Wish& w, std::set<std::string>& out) {
    if (!w.hospital_id.empty()) out.insert("org:" + w.hospital_id);
    if (!w.department_id.empty()) {
        const Organisation* dept = find_organisation(s, w.department_id);
        if (dept && !dept->parent_id.empty()) out.insert("org:" + dept->parent_id);
        return;
    }
    if (!w.hospital_id.empty() || w.specialty.empty()) return;
    for (const auto& [oid, o] : s.organisations) {
        if (o.kind == OrganisationKind::department && o.specialty == w.specialty && !o.parent_id.empty()) {
            out.insert("org:" + o.parent_id);
        }
    }
}

// The hospital trusts that may see the doctor (hospital_may_see_doctor, from the doctor's side), as
// tokens; "role:hospital" when the doctor is on the regional list (every hospital sees it).
void hospitals_seeing_doctor(const PortalState& s, const std::string& doctor_id, std::set<std::string>& out) {
    if (is_on_regional_list(s, doctor_id)) out.insert("role:hospital");
    for (const auto& [id, w] : s.wishes) {
        if (w.doctor_id == doctor_id) hospitals_targeted(s, w, out);
    }
    for (const auto& [id, o] : s.offers) {
        if (o.doctor_id == doctor_id && !o.hospital_id.empty()) out.insert("org:" + o.hospital_id);
    }
}

void add(std::set<std::string>& out, const char* prefix, const std::string& id) {
    if (!id.empty()) out.insert(prefix + id);
}

}  // namespace

std::set<std::string> audience(const PortalState& s, const RecordKey& key) {
    std::set<std::string> out;
    if (!contains(s, key)) return out;
    using K = RecordKind;
    switch (key.kind) {
        case K::organisation:
        case K::period: out.insert("*"); break;
        case K::user: add(out, "user:", key.id); break;
        case K::subscription: add(out, "user:", get(s.subscriptions, key.id)->user_id); break;
        case K::regional_list: out.insert("role:hospital"); break;
        case K::setting: out.insert("*"); break;
        case K::doctor: {
            const DoctorProfile& d = *get(s.doctors, key.id);
            add(out, "doctor:", d.id);
            add(out, "org:", d.municipality_id);
            for (const auto& [id, c] : s.candidates) {
                if (c.doctor_id == d.id) add(out, "org:", c.municipality_id);
            }
            hospitals_seeing_doctor(s, d.id, out);
            break;
        }
        case K::available_time: {
            const AvailableTime& t = *get(s.available_times, key.id);
            add(out, "doctor:", t.doctor_id);
            hospitals_seeing_doctor(s, t.doctor_id, out);
            break;
        }
        case K::wish: {
            const Wish& w = *get(s.wishes, key.id);
            add(out, "doctor:", w.doctor_id);
            hospitals_targeted(s, w, out);
            break;
        }
        case K::candidate: {
            const Candidate& c = *get(s.candidates, key.id);
            add(out, "doctor:", c.doctor_id);
            add(out, "org:", c.municipality_id);
            break;
        }
        case K::offer: {
            const Offer& o = *get(s.offers, key.id);
            add(out, "doctor:", o.doctor_id);
            add(out, "org:", o.hospital_id);
            break;
        }
        case K::document: out = audience(s, {K::doctor, get(s.documents, key.id)->doctor_id}); break;
    }
    return out;
}

std::map<RecordKey, std::set<std::string>> all_audiences(const PortalState& s) {
    // What audience() finds per doctor by scanning wishes, offers, candidates and the list, gathered
    // in one pass each, so the whole state costs time linear in its size.
    std::map<std::string, std::set<std::string>> hospitals, municipalities;
    for (const auto& [id, w] : s.wishes) hospitals_targeted(s, w, hospitals[w.doctor_id]);
    for (const auto& [id, o] : s.offers) add(hospitals[o.doctor_id], "org:", o.hospital_id);
    for (const auto& [id, list] : s.regional_lists) {
        for (const std::string& d : list.doctor_ids) hospitals[d].insert("role:hospital");
    }
    for (const auto& [id, c] : s.candidates) add(municipalities[c.doctor_id], "org:", c.municipality_id);
    auto merged = [](std::set<std::string>& out, const std::map<std::string, std::set<std::string>>& m, const std::string& d) {
        if (auto it = m.find(d); it != m.end()) out.insert(it->second.begin(), it->second.end());
    };
    std::map<RecordKey, std::set<std::string>> out;
    for (const RecordKey& key : all_keys(s)) {
        std::set<std::string>& aud = out[key];
        if (key.kind == RecordKind::doctor) {
            const DoctorProfile& d = *get(s.doctors, key.id);
            add(aud, "doctor:", d.id);
            add(aud, "org:", d.municipality_id);
            merged(aud, municipalities, d.id);
            merged(aud, hospitals, d.id);
        } else if (key.kind == RecordKind::available_time) {
            const AvailableTime& t = *get(s.available_times, key.id);
            add(aud, "doctor:", t.doctor_id);
            merged(aud, hospitals, t.doctor_id);
        } else if (key.kind == RecordKind::document) {
            // Doctors come before documents in all_keys, so the GP's audience is already here.
            const auto doctor = out.find({RecordKind::doctor, get(s.documents, key.id)->doctor_id});
            if (doctor != out.end()) aud = doctor->second;
        } else {
            aud = audience(s, key);
        }
    }
    return out;
}

bool in_audience(const std::set<std::string>& aud, const Actor& a) {
    if (a.role == Role::alis_office || aud.count("*")) return true;
    if (!a.user_id.empty() && aud.count("user:" + a.user_id)) return true;
    if (a.role == Role::gp) return !a.doctor_id.empty() && aud.count("doctor:" + a.doctor_id);
    if (a.role == Role::hospital && aud.count("role:hospital")) return true;
    return !a.organisation_id.empty() && aud.count("org:" + a.organisation_id);
}

PortalState visible_state(const PortalState& state, const Actor& actor) {
    PortalState out;
    Problems ignored;
    for (const RecordKey& key : all_keys(state)) {
        if (may_see(state, actor, key)) put_record(out, key.kind, *record_body(state, key), ignored);
    }
    return out;
}

}  // namespace alis::sync
