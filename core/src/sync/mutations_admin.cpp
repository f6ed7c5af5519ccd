// Subscriptions (every role, own only), and the ALIS office's organisations and users.
#include <algorithm>

#include "mutation_context.hpp"
#include "read_helpers.hpp"

namespace alis::sync::detail {

void put_subscription(Ctx& c) {
    const auto sub = parse_subscription(c.args, c.p, "subscription");
    if (!sub) return;
    if (!c.own_user(sub->user_id)) return c.not_allowed("subscription.user_id");
    if (auto it = c.s.subscriptions.find(sub->id); it != c.s.subscriptions.end() && it->second.user_id != sub->user_id) {
        return c.already_exists(RecordKind::subscription, sub->id, "subscription.id");
    }
    c.check_cap(c.s.subscriptions, sub->id, [&](const Subscription& x) { return x.user_id == sub->user_id; }, "subscription.id");
    if (!c.ok()) return;
    if (!sub->hospital_id.empty()) {
        const Organisation* h = find_organisation(c.s, sub->hospital_id);
        if (!h || h->kind != OrganisationKind::hospital_trust) {
            return c.fail("subscription.hospital_id", "unknown_hospital",
                          {"Ukjent helseforetak.", "Ukjent helseføretak.", "Unknown hospital trust."});
        }
    }
    if (!sub->department_id.empty()) {
        const Organisation* d = find_organisation(c.s, sub->department_id);
        if (!d || d->kind != OrganisationKind::department) {
            return c.fail("subscription.department_id", "unknown_department",
                          {"Ukjent avdeling.", "Ukjend avdeling.", "Unknown department."});
        }
        // The department's hospital: the one named, or a coordinator's own (they hear only of it).
        const std::string hospital = sub->hospital_id.empty() && c.a.role == Role::hospital ? c.a.organisation_id : sub->hospital_id;
        if (!hospital.empty() && d->parent_id != hospital) {
            return c.fail("subscription.department_id", "department_not_in_hospital",
                          {"Avdelingen hører ikke til helseforetaket.", "Avdelinga høyrer ikkje til helseføretaket.",
                           "The department does not belong to the hospital trust."});
        }
    }
    c.s.subscriptions[sub->id] = *sub;
    c.touch(RecordKind::subscription, sub->id);
}

void delete_subscription(Ctx& c) {
    const std::string id = c.arg_id("subscription_id");
    if (!c.ok()) return;
    const Subscription* sub = c.lookup(c.s.subscriptions, RecordKind::subscription, id, "args.subscription_id");
    if (!sub) return;
    if (!c.own_user(sub->user_id)) return c.not_allowed("args.subscription_id");
    c.s.subscriptions.erase(id);
    c.touch(RecordKind::subscription, id);
}

void put_organisation(Ctx& c) {
    const auto o = parse_organisation(c.args, c.p, "organisation");
    if (!o) return;
    if (!c.office()) return c.not_allowed("name");
    if (o->kind == OrganisationKind::department) {
        const Organisation* parent = find_organisation(c.s, o->parent_id);
        if (!parent || parent->kind != OrganisationKind::hospital_trust) {
            return c.fail("organisation.parent_id", "unknown_hospital",
                          {"Ukjent helseforetak.", "Ukjent helseføretak.", "Unknown hospital trust."});
        }
    }
    if (auto it = c.s.organisations.find(o->id); it != c.s.organisations.end() && it->second.kind != o->kind) {
        return c.immutable("organisation.kind");  // periods, users and wishes rely on what it is
    }
    c.s.organisations[o->id] = *o;
    c.touch(RecordKind::organisation, o->id);
}

// Refused while anything refers to the organisation: deleting it would leave records pointing nowhere.
void delete_organisation(Ctx& c) {
    const std::string id = c.arg_id("organisation_id");
    if (!c.ok()) return;
    if (!c.office()) return c.not_allowed("name");
    if (!c.s.organisations.count(id)) return c.not_found("args.organisation_id");
    const auto& s = c.s;
    const bool used =
        std::any_of(s.organisations.begin(), s.organisations.end(), [&](const auto& kv) { return kv.second.parent_id == id; }) ||
        std::any_of(s.users.begin(), s.users.end(), [&](const auto& kv) { return kv.second.organisation_id == id; }) ||
        std::any_of(s.doctors.begin(), s.doctors.end(), [&](const auto& kv) { return kv.second.municipality_id == id; }) ||
        std::any_of(s.periods.begin(), s.periods.end(),
                    [&](const auto& kv) { return kv.second.hospital_id == id || kv.second.department_id == id; }) ||
        std::any_of(s.wishes.begin(), s.wishes.end(),
                    [&](const auto& kv) { return kv.second.hospital_id == id || kv.second.department_id == id; }) ||
        std::any_of(s.candidates.begin(), s.candidates.end(), [&](const auto& kv) { return kv.second.municipality_id == id; });
    if (used) {
        return c.fail("args.organisation_id", "in_use",
                      {"Organisasjonen er i bruk.", "Organisasjonen er i bruk.", "The organisation is in use."});
    }
    c.s.organisations.erase(id);
    c.touch(RecordKind::organisation, id);
}

void put_user(Ctx& c) {
    const auto u = parse_user(c.args, c.p, "user");
    if (!u) return;
    if (!c.office()) return c.not_allowed("name");
    if (!u->organisation_id.empty() && !c.s.organisations.count(u->organisation_id)) {
        return c.fail("user.organisation_id", "unknown_organisation",
                      {"Ukjent organisasjon.", "Ukjend organisasjon.", "Unknown organisation."});
    }
    c.s.users[u->id] = *u;
    c.touch(RecordKind::user, u->id);
}

void delete_user(Ctx& c) {
    const std::string id = c.arg_id("user_id");
    if (!c.ok()) return;
    if (!c.office()) return c.not_allowed("name");
    if (!c.s.users.count(id)) return c.not_found("args.user_id");
    for (auto it = c.s.subscriptions.begin(); it != c.s.subscriptions.end();) {
        if (it->second.user_id == id) {
            c.touch(RecordKind::subscription, it->first);
            it = c.s.subscriptions.erase(it);
        } else {
            ++it;
        }
    }
    c.s.users.erase(id);
    c.touch(RecordKind::user, id);
}

}  // namespace alis::sync::detail
