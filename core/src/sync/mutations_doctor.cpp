// GP-side mutations: the doctor profile, available time and ranked wishes.
#include <algorithm>
#include <map>

#include "alis/rules.hpp"
#include "mutation_context.hpp"
#include "read_helpers.hpp"

namespace alis::sync::detail {

namespace {

void check_municipality(Ctx& c, const std::string& id, const std::string& field) {
    const Organisation* m = find_organisation(c.s, id);
    if (!m || m->kind != OrganisationKind::municipality) {
        c.fail(field, "unknown_municipality", {"Ukjent kommune.", "Ukjend kommune.", "Unknown municipality."});
    }
}

void put_doctor(Ctx& c, bool must_exist) {
    const auto d = parse_doctor_profile(c.args, c.p, "doctor");
    if (!d) return;
    if (!c.own_doctor(d->id)) return c.not_allowed("doctor.id");
    const bool exists = c.s.doctors.count(d->id) > 0;
    if (must_exist && !exists) return c.not_found("doctor.id");
    if (!must_exist && exists) return c.already_exists(RecordKind::doctor, d->id, "doctor.id");
    check_municipality(c, d->municipality_id, "doctor.municipality_id");
    if (!c.ok()) return;
    c.s.doctors[d->id] = *d;
    c.touch(RecordKind::doctor, d->id);
}

}  // namespace

void register_doctor(Ctx& c) { put_doctor(c, false); }
void update_doctor(Ctx& c) { put_doctor(c, true); }

// Personal data is kept no longer than needed: deleting a profile deletes everything about the doctor.
void delete_doctor(Ctx& c) {
    const std::string id = c.arg_id("doctor_id");
    if (!c.ok()) return;
    if (!c.lookup(c.s.doctors, RecordKind::doctor, id, "args.doctor_id")) return;
    if (!c.own_doctor(id)) return c.not_allowed("args.doctor_id");
    auto erase_where = [&](auto& map, RecordKind kind, auto pred) {
        for (auto it = map.begin(); it != map.end();) {
            if (pred(it->second)) {
                c.touch(kind, it->first);
                it = map.erase(it);
            } else {
                ++it;
            }
        }
    };
    auto of_doctor = [&](const auto& r) { return r.doctor_id == id; };
    for (const auto& [oid, o] : c.s.offers) {
        if (o.doctor_id == id) c.touch(RecordKind::period, o.period_id);
    }
    erase_where(c.s.available_times, RecordKind::available_time, of_doctor);
    erase_where(c.s.wishes, RecordKind::wish, of_doctor);
    erase_where(c.s.candidates, RecordKind::candidate, of_doctor);
    erase_where(c.s.offers, RecordKind::offer, of_doctor);
    for (auto& [lid, list] : c.s.regional_lists) {
        auto& ids = list.doctor_ids;
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
            ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
            c.touch(RecordKind::regional_list, lid);
        }
    }
    c.s.doctors.erase(id);
    c.touch(RecordKind::doctor, id);
}

void put_available_time(Ctx& c) {
    const auto a = parse_available_time(c.args, c.p, "available_time");
    if (!a) return;
    if (!c.own_doctor(a->doctor_id)) return c.not_allowed("available_time.doctor_id");
    if (auto it = c.s.available_times.find(a->id); it != c.s.available_times.end() && it->second.doctor_id != a->doctor_id) {
        return c.already_exists(RecordKind::available_time, a->id, "available_time.id");  // ids are chosen by clients; another GP's id is taken
    }
    if (!c.lookup(c.s.doctors, RecordKind::doctor, a->doctor_id, "available_time.doctor_id")) return;
    c.check_cap(c.s.available_times, a->id, [&](const AvailableTime& x) { return x.doctor_id == a->doctor_id; }, "available_time.id");
    if (a->range.end < c.today) {
        c.fail("available_time.end", "in_past",
               {"Tiden er allerede passert.", "Tida er alt passert.", "This time has already passed."});
    }
    if (!c.ok()) return;
    c.s.available_times[a->id] = *a;
    c.touch(RecordKind::available_time, a->id);
}

void delete_available_time(Ctx& c) {
    const std::string id = c.arg_id("id");
    if (!c.ok()) return;
    const AvailableTime* a = c.lookup(c.s.available_times, RecordKind::available_time, id, "args.id");
    if (!a) return;
    if (!c.own_doctor(a->doctor_id)) return c.not_allowed("args.id");
    c.s.available_times.erase(id);
    c.touch(RecordKind::available_time, id);
}

void put_wish(Ctx& c) {
    const auto w = parse_wish(c.args, c.p, "wish");
    if (!w) return;
    if (!c.own_doctor(w->doctor_id)) return c.not_allowed("wish.doctor_id");
    if (auto it = c.s.wishes.find(w->id); it != c.s.wishes.end() && it->second.doctor_id != w->doctor_id) {
        return c.already_exists(RecordKind::wish, w->id, "wish.id");
    }
    if (!c.lookup(c.s.doctors, RecordKind::doctor, w->doctor_id, "wish.doctor_id")) return;
    c.check_cap(c.s.wishes, w->id, [&](const Wish& x) { return x.doctor_id == w->doctor_id; }, "wish.id");
    if (!w->hospital_id.empty()) {
        const Organisation* h = find_organisation(c.s, w->hospital_id);
        if (!h || h->kind != OrganisationKind::hospital_trust) {
            c.fail("wish.hospital_id", "unknown_hospital", {"Ukjent helseforetak.", "Ukjent helseføretak.", "Unknown hospital trust."});
        }
    }
    if (!w->department_id.empty()) {
        const Organisation* d = find_organisation(c.s, w->department_id);
        if (!d || d->kind != OrganisationKind::department) {
            c.fail("wish.department_id", "unknown_department", {"Ukjent avdeling.", "Ukjend avdeling.", "Unknown department."});
        } else if (!w->hospital_id.empty() && d->parent_id != w->hospital_id) {
            c.fail("wish.department_id", "department_of_other_hospital",
                   {"Avdelingen hører ikke til det valgte helseforetaket.", "Avdelinga høyrer ikkje til det valde helseføretaket.",
                    "The department does not belong to the chosen hospital trust."});
        }
    }
    if (!c.ok()) return;
    c.s.wishes[w->id] = *w;
    c.touch(RecordKind::wish, w->id);
    c.touch(RecordKind::doctor, w->doctor_id);  // hospitals see doctors through their wishes
}

void delete_wish(Ctx& c) {
    const std::string id = c.arg_id("id");
    if (!c.ok()) return;
    const Wish* w = c.lookup(c.s.wishes, RecordKind::wish, id, "args.id");
    if (!w) return;
    if (!c.own_doctor(w->doctor_id)) return c.not_allowed("args.id");
    c.touch(RecordKind::doctor, w->doctor_id);
    c.touch(RecordKind::wish, id);
    c.s.wishes.erase(id);
}

void rank_wishes(Ctx& c) {
    const std::string doctor_id = c.arg_id("doctor_id");
    const auto ids = read_id_list(c.args, "wish_ids", "args", c.p, true);
    if (!c.ok()) return;
    if (!c.own_doctor(doctor_id)) return c.not_allowed("args.doctor_id");
    if (ids.size() > 1000) {  // a wish's rank is 1..1000 (parse_wish)
        return c.fail("args.wish_ids", "too_many", {"Høyst 1000 ønsker.", "Høgst 1000 ønske.", "At most 1000 wishes."});
    }
    std::map<std::string, int> rank;
    for (size_t i = 0; i < ids.size(); ++i) rank[ids[i]] = static_cast<int>(i) + 1;
    size_t count = 0;
    for (const auto& [id, w] : c.s.wishes) {
        if (w.doctor_id != doctor_id) continue;
        ++count;
        if (!rank.count(id)) {
            return c.fail("args.wish_ids", "must_list_all_wishes",
                          {"Lista må ta med alle ønskene, hvert én gang.", "Lista må ta med alle ønska, kvart éin gong.",
                           "The list must name every wish exactly once."});
        }
    }
    if (count != ids.size()) {
        return c.fail("args.wish_ids", "must_list_all_wishes",
                      {"Lista må ta med alle ønskene, hvert én gang.", "Lista må ta med alle ønska, kvart éin gong.",
                       "The list must name every wish exactly once."});
    }
    for (auto& [id, w] : c.s.wishes) {
        if (w.doctor_id != doctor_id || w.rank == rank[id]) continue;
        w.rank = rank[id];
        c.touch(RecordKind::wish, id);
    }
}

}  // namespace alis::sync::detail
