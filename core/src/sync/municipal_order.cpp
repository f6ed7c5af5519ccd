#include "alis/sync/municipal_order.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace alis::sync {

std::vector<std::vector<std::string>> municipal_lists_of(const PortalState& s) {
    std::map<std::string, std::vector<const Candidate*>> by_municipality;
    for (const auto& [id, c] : s.candidates) {
        if (!c.struck) by_municipality[c.municipality_id].push_back(&c);
    }
    std::vector<std::vector<std::string>> lists;
    std::set<std::string> listed;
    for (auto& [municipality, entries] : by_municipality) {
        std::sort(entries.begin(), entries.end(),
                  [](const Candidate* a, const Candidate* b) { return std::tie(a->position, a->id) < std::tie(b->position, b->id); });
        std::vector<std::string> ids;
        for (const Candidate* c : entries) {
            if (listed.insert(c->doctor_id).second) ids.push_back(c->doctor_id);
        }
        if (!ids.empty()) lists.push_back(std::move(ids));
    }
    return lists;
}

}  // namespace alis::sync
