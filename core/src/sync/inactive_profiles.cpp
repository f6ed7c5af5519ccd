#include "alis/sync/inactive_profiles.hpp"

namespace alis::sync {

bool has_current(const PortalState& s, const std::string& doctor_id, const Date& today) {
    for (const auto& [id, t] : s.available_times) {
        if (t.doctor_id == doctor_id && !(t.range.end < today)) return true;
    }
    for (const auto& [id, w] : s.wishes) {
        if (w.doctor_id == doctor_id && w.latest_end && !(*w.latest_end < today)) return true;
    }
    for (const auto& [id, o] : s.offers) {
        if (o.doctor_id != doctor_id) continue;
        if (o.status == OfferStatus::pending) return true;
        if (o.status == OfferStatus::accepted && !(o.range.end < today)) return true;
    }
    return false;
}

InactiveStep inactive_step(const PortalState& s, const std::string& doctor_id, const Date& last_login,
                           const std::optional<Date>& warned_on, const Date& today, int months) {
    if (has_current(s, doctor_id, today)) return InactiveStep::keep;
    return inactivity_step(last_login, warned_on, today, months);
}

Date inactivity_deletion_day(const Date& last_login, const Date& warned_on, int months) {
    const Date by_login = add_months(last_login, months);
    const Date by_warning = add_days(warned_on, kInactiveWarningDays);
    return by_login < by_warning ? by_warning : by_login;
}

InactiveStep inactivity_step(const Date& last_login, const std::optional<Date>& warned_on, const Date& today, int months) {
    const Date delete_on = add_months(last_login, months);
    if (today < add_days(delete_on, -kInactiveWarningDays)) return InactiveStep::keep;
    const bool warned = warned_on && last_login < *warned_on;
    if (!warned) return InactiveStep::warn;
    if (today < delete_on || today < add_days(*warned_on, kInactiveWarningDays)) return InactiveStep::keep;
    return InactiveStep::erase;
}

}  // namespace alis::sync
