#include "alis/sync/overview.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "alis/rules.hpp"

namespace alis::sync {

OverviewFigures overview_figures(const PortalState& state) {
    OverviewFigures f;
    for (const auto& [id, p] : state.periods) {
        switch (p.status) {
            case PeriodStatus::published: ++f.open, f.open_places += static_cast<std::size_t>(p.places); break;
            case PeriodStatus::filled: ++f.filled; break;
            case PeriodStatus::released: ++f.released; break;
            case PeriodStatus::withdrawn: ++f.withdrawn; break;
        }
    }
    std::set<std::string> placed, with_time, with_wishes, struck, on_regional_list;
    for (const auto& [id, o] : state.offers) {
        if (o.status == OfferStatus::accepted) ++f.accepted, placed.insert(o.doctor_id);
    }
    for (const auto& [id, a] : state.available_times) with_time.insert(a.doctor_id);
    for (const auto& [id, w] : state.wishes) with_wishes.insert(w.doctor_id);
    for (const auto& [id, c] : state.candidates) {
        if (c.struck) struck.insert(c.doctor_id);
    }
    for (const auto& [id, list] : state.regional_lists) on_regional_list.insert(list.doctor_ids.begin(), list.doctor_ids.end());
    f.profiles = state.doctors.size();
    f.with_free_time = with_time.size();
    f.with_wishes = with_wishes.size();
    f.on_regional_list = on_regional_list.size();
    f.placed = placed.size();
    f.struck = struck.size();
    return f;
}

std::vector<ReleasingSoon> releasing_soon(const PortalState& state, const Date& today, long within_days) {
    std::vector<ReleasingSoon> soon;
    for (const auto& [id, p] : state.periods) {
        if (p.status != PeriodStatus::published) continue;
        const long days = days_until_release(p, today);
        if (days <= within_days) soon.push_back({days, &p});
    }
    std::sort(soon.begin(), soon.end(), [](const ReleasingSoon& a, const ReleasingSoon& b) {
        return a.days != b.days ? a.days < b.days : a.period->id < b.period->id;
    });
    return soon;
}

}  // namespace alis::sync
