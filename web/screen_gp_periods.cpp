// The periods that fit the GP's wishes and free time, best first, and why the others do not.
#include <imgui.h>

#include <algorithm>

#include "alis/matching/derive.hpp"
#include "alis/matching/feasibility.hpp"
#include "i18n.hpp"
#include "matching_view.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {
std::string period_line(const matching::PeriodPlace& place) {
    const Period& p = *place.period;
    return place.hospital_name + " – " + place.department_name + ": " + to_norwegian(p.range.start) + "–" +
           to_norwegian(p.range.end);
}
}  // namespace

void GpPeriodsScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const std::string doctor_id = ctx.session.user().doctor_id;
    const matching::MatchingInput& input = matching_input(ctx);
    size_t me = input.doctors.size();
    for (size_t i = 0; i < input.doctors.size(); ++i) {
        if (input.doctors[i].id == doctor_id) me = i;
    }
    if (me == input.doctors.size()) {
        ui::paragraph(tr(lang, Msg::profile_first));
        return;
    }
    const matching::DerivedLists& lists = derived_lists(ctx);
    if (!lists.placeable[me].ok) ui::paragraph(lists.placeable[me].reason.in(lang).c_str());
    ui::heading(tr(lang, Msg::fitting_periods));
    if (lists.options[me].empty()) ui::muted(tr(lang, Msg::no_fitting));
    for (const auto& option : lists.options[me]) {
        const auto& place = lists.periods[option.period];
        const std::string line = period_line(place) + "  (" + tr(lang, Msg::rank) + " " + std::to_string(option.wish_rank) +
                                 ", " + to_norwegian(option.service.start) + "–" + to_norwegian(option.service.end) + ")";
        ui::label(line.c_str());
    }
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::why_not));
    // Every other period with its reason, also those no wish covers (the derived lists only keep
    // refusals of wished periods, since the matching needs no more).
    bool any = false;
    for (size_t p = 0; p < lists.periods.size(); ++p) {
        const bool fits = std::any_of(lists.options[me].begin(), lists.options[me].end(), [&](const auto& o) { return o.period == p; });
        if (fits) continue;
        const matching::PairCheck check = matching::check_pair(lists.doctors[me], lists.periods[p], input.today);
        if (check.outcome == matching::Outcome::feasible) continue;
        const Text reason = matching::describe(check, lists.doctors[me], lists.periods[p], input.today);
        std::string line = period_line(lists.periods[p]) + ": " + reason.in(lang);
        // One fixable cause: the smallest change that makes this period fit.
        const matching::Suggestion change = matching::suggest(check, lists.doctors[me], lists.periods[p], input.today);
        if (change.kind != matching::Suggestion::Kind::none) line += " " + change.text.in(lang);
        ui::paragraph(line.c_str());
        any = true;
    }
    if (!any) ui::muted(tr(lang, Msg::no_other_periods));
}

}  // namespace alis::web
