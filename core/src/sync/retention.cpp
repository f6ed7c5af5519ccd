#include "alis/sync/retention.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "alis/sync/documents.hpp"

namespace alis::sync {

std::vector<RecordKey> expire_outdated(PortalState& s, const Date& today, const RetentionPolicy& policy) {
    std::set<RecordKey> changed;
    for (auto it = s.available_times.begin(); it != s.available_times.end();) {
        if (it->second.range.end < today) {
            changed.insert({RecordKind::available_time, it->first});
            it = s.available_times.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = s.wishes.begin(); it != s.wishes.end();) {
        if (it->second.latest_end && *it->second.latest_end < today) {
            changed.insert({RecordKind::wish, it->first});
            changed.insert({RecordKind::doctor, it->second.doctor_id});  // hospitals see doctors through wishes
            it = s.wishes.erase(it);
        } else {
            ++it;
        }
    }
    std::set<std::string> lists;
    for (auto it = s.candidates.begin(); it != s.candidates.end();) {
        const Candidate& c = it->second;
        if (c.struck && c.struck_on && days_between(*c.struck_on, today) > policy.struck_candidate_days) {
            changed.insert({RecordKind::candidate, it->first});
            changed.insert({RecordKind::doctor, c.doctor_id});  // municipalities see doctors through entries
            lists.insert(c.municipality_id);
            it = s.candidates.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = s.periods.begin(); it != s.periods.end();) {
        if (add_months(it->second.range.end, policy.ended_period_months) < today) {
            for (auto o = s.offers.begin(); o != s.offers.end();) {
                if (o->second.period_id == it->first) {
                    changed.insert({RecordKind::offer, o->first});
                    changed.insert({RecordKind::doctor, o->second.doctor_id});  // hospitals see doctors through offers
                    o = s.offers.erase(o);
                } else {
                    ++o;
                }
            }
            changed.insert({RecordKind::period, it->first});
            it = s.periods.erase(it);
        } else {
            ++it;
        }
    }
    // Keep each touched list's positions 1..n in their current order.
    for (const std::string& m : lists) {
        std::vector<Candidate*> list;
        for (auto& [id, c] : s.candidates) {
            if (c.municipality_id == m) list.push_back(&c);
        }
        std::sort(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) {
            return a->position != b->position ? a->position < b->position : a->id < b->id;
        });
        for (size_t i = 0; i < list.size(); ++i) {
            if (list[i]->position != static_cast<int>(i) + 1) {
                list[i]->position = static_cast<int>(i) + 1;
                changed.insert({RecordKind::candidate, list[i]->id});
            }
        }
    }
    // An expired entry takes its application along; a GP's documents follow the GP's visibility.
    for (const RecordKey& k : erase_orphaned_documents(s)) changed.insert(k);
    add_documents_of_touched_doctors(s, changed);
    // A doctor deleted meanwhile has no record to re-version; stamping it as a tombstone is harmless.
    return {changed.begin(), changed.end()};
}

}  // namespace alis::sync
