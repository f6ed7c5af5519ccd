#include "alis/sync/personal_data.hpp"

#include <algorithm>
#include <set>

#include "alis/sync/documents.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

// The records of `map` that `pred` picks, as a JSON array in id order (maps are sorted by id).
template <typename Map, typename Pred>
json records_where(const Map& map, Pred pred) {
    json out = json::array();
    for (const auto& [id, r] : map) {
        if (pred(r)) out.push_back(r);
    }
    return out;
}

template <typename Map, typename Pred>
void erase_where(Map& map, RecordKind kind, Pred pred, std::set<RecordKey>& changed) {
    for (auto it = map.begin(); it != map.end();) {
        if (pred(it->second)) {
            changed.insert({kind, it->first});
            it = map.erase(it);
        } else {
            ++it;
        }
    }
}

// Keeps a municipality's list at positions 1..n in its current order.
void renumber_list(PortalState& s, const std::string& municipality_id, std::set<RecordKey>& changed) {
    std::vector<Candidate*> list;
    for (auto& [id, c] : s.candidates) {
        if (c.municipality_id == municipality_id) list.push_back(&c);
    }
    std::sort(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) {
        return a->position != b->position ? a->position < b->position : a->id < b->id;
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
        const int position = static_cast<int>(i) + 1;
        if (list[i]->position == position) continue;
        list[i]->position = position;
        changed.insert({RecordKind::candidate, list[i]->id});
    }
}

}  // namespace

json personal_data(const PortalState& s, const DataSubject& who) {
    const std::string& d = who.doctor_id;
    const bool gp = !d.empty();
    auto of_doctor = [&](const auto& r) { return gp && r.doctor_id == d; };
    json out;
    auto user = s.users.find(who.user_id);
    out["user"] = user == s.users.end() ? json(nullptr) : json(user->second);
    const DoctorProfile* doctor = gp ? find_doctor(s, d) : nullptr;
    out["doctor"] = doctor ? json(*doctor) : json(nullptr);
    out["available_times"] = records_where(s.available_times, of_doctor);
    out["wishes"] = records_where(s.wishes, of_doctor);
    out["offers"] = records_where(s.offers, of_doctor);
    out["candidates"] = records_where(s.candidates, of_doctor);
    out["documents"] = records_where(s.documents, of_doctor);  // the metadata; the files by /api/documents/get
    json lists = json::array();
    for (const auto& [id, list] : s.regional_lists) {
        auto at = std::find(list.doctor_ids.begin(), list.doctor_ids.end(), d);
        if (gp && at != list.doctor_ids.end()) lists.push_back({{"id", id}, {"position", at - list.doctor_ids.begin() + 1}});
    }
    out["regional_lists"] = lists;
    out["subscriptions"] = records_where(s.subscriptions, [&](const Subscription& x) { return x.user_id == who.user_id; });
    return out;
}

std::vector<RecordKey> erase_personal_data(PortalState& s, const DataSubject& who, const Date& today) {
    std::set<RecordKey> changed;
    const std::string& d = who.doctor_id;
    if (!d.empty()) {
        auto of_doctor = [&](const auto& r) { return r.doctor_id == d; };
        // An accepted offer held a place: once it is gone, a period it filled is open again, so its
        // hospital's list shows the place as free (unless the period is already over, or another
        // accepted offer still takes every place).
        std::set<std::string> held;
        for (const auto& [id, o] : s.offers) {
            if (o.doctor_id == d && o.status == OfferStatus::accepted) held.insert(o.period_id);
        }
        erase_where(s.offers, RecordKind::offer, of_doctor, changed);
        for (const std::string& pid : held) {
            auto p = s.periods.find(pid);
            if (p == s.periods.end() || p->second.status != PeriodStatus::filled || p->second.range.end < today) continue;
            if (accepted_offer_count(s, pid) >= p->second.places) continue;
            p->second.status = PeriodStatus::published;
            changed.insert({RecordKind::period, pid});
        }
        std::set<std::string> lists;
        for (const auto& [id, c] : s.candidates) {
            if (c.doctor_id == d) lists.insert(c.municipality_id);
        }
        erase_where(s.candidates, RecordKind::candidate, of_doctor, changed);
        for (const std::string& m : lists) renumber_list(s, m, changed);
        for (auto& [id, list] : s.regional_lists) {
            auto& ids = list.doctor_ids;
            if (std::find(ids.begin(), ids.end(), d) == ids.end()) continue;
            ids.erase(std::remove(ids.begin(), ids.end(), d), ids.end());
            changed.insert({RecordKind::regional_list, id});
        }
        erase_where(s.available_times, RecordKind::available_time, of_doctor, changed);
        erase_where(s.wishes, RecordKind::wish, of_doctor, changed);
        if (s.doctors.erase(d)) changed.insert({RecordKind::doctor, d});
        for (const RecordKey& k : erase_orphaned_documents(s)) changed.insert(k);  // the GP's files go too
    }
    erase_where(s.subscriptions, RecordKind::subscription, [&](const Subscription& x) { return x.user_id == who.user_id; },
                changed);
    if (s.users.erase(who.user_id)) changed.insert({RecordKind::user, who.user_id});
    return {changed.begin(), changed.end()};
}

}  // namespace alis::sync
