// The periods that fit the GP's wishes and free time, best first, and why the others do not.
#include <imgui.h>
#include <nlohmann/json.hpp>

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

// The suggestion as the GP would enter it on the free-time or wishes tab, one button away; the button
// names the change, so a screen reader user hears what it does.
void make_change_button(Context& ctx, SendResult& result, const matching::Suggestion& change, const matching::PeriodPlace& place) {
    const Language lang = ctx.lang;
    const bool free_time = change.kind == matching::Suggestion::Kind::free_time;
    const std::string label = free_time ? std::string(tr(lang, Msg::add_suggested_free_time)) + " " + to_norwegian(change.free_time.start) +
                                              "–" + to_norwegian(change.free_time.end)
                                        : std::string(tr(lang, Msg::add_suggested_wish)) + " " + place.department_name + ", " +
                                              place.hospital_name;
    ImGui::PushID(place.period->id.c_str());
    if (ui::button(label.c_str())) {
        const std::string doctor_id = ctx.session.user().doctor_id;
        if (free_time) {
            AvailableTime span{new_id(ctx.platform, "a-"), doctor_id, change.free_time};
            result.send(ctx, "put_available_time", nlohmann::json(span));
        } else {
            Wish wish = change.wish;
            wish.id = new_id(ctx.platform, "w-");
            wish.doctor_id = doctor_id;
            result.send(ctx, "put_wish", nlohmann::json(wish));
        }
    }
    ImGui::PopID();
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
        ui::paragraph(line.c_str());
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
        if (change.kind != matching::Suggestion::Kind::none) make_change_button(ctx, result_, change, lists.periods[p]);
        any = true;
    }
    if (!any) ui::muted(tr(lang, Msg::no_other_periods));
    result_.draw(ctx);
}

}  // namespace alis::web
