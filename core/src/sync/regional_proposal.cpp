#include "alis/sync/regional_proposal.hpp"

#include <algorithm>
#include <set>

namespace alis::sync {

std::vector<std::string> regional_list_proposal(const PortalState& state, const std::map<std::string, int>& score) {
    const auto score_of = [&](const std::string& doctor_id) {
        const auto it = score.find(doctor_id);
        return it == score.end() ? 0 : it->second;
    };
    std::vector<const Candidate*> active;
    for (const auto& [id, c] : state.candidates) {
        if (!c.struck) active.push_back(&c);
    }
    std::sort(active.begin(), active.end(), [&](const Candidate* a, const Candidate* b) {
        if (a->position != b->position) return a->position < b->position;
        const int sa = score_of(a->doctor_id), sb = score_of(b->doctor_id);
        if (sa != sb) return sa > sb;
        return a->doctor_id < b->doctor_id;
    });
    std::vector<std::string> proposed;
    std::set<std::string> seen;  // a set, not a search of `proposed`: a region's list has thousands
    for (const Candidate* c : active) {
        if (seen.insert(c->doctor_id).second) proposed.push_back(c->doctor_id);
    }
    return proposed;
}

}  // namespace alis::sync
