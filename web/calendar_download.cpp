#include "calendar_download.hpp"

#include "alis/sync/calendar.hpp"
#include "i18n.hpp"
#include "session.hpp"
#include "widgets.hpp"

namespace alis::web {

void draw_calendar_download(Context& ctx) {
    const SessionUser& user = ctx.session.user();
    const auto& view = ctx.session.view();
    std::vector<sync::CalendarEvent> events;
    std::string file;
    if (user.role == sync::Role::gp) {
        events = sync::gp_calendar(view, user.doctor_id, ctx.lang);
        file = "alis-sykehustjeneste.ics";
    } else if (user.role == sync::Role::hospital) {
        events = sync::hospital_calendar(view, user.organisation_id, ctx.lang);
        file = "alis-perioder.ics";
    } else {
        return;
    }
    if (events.empty()) return;  // nothing to put in a calendar yet
    if (ui::button(tr(ctx.lang, Msg::download_calendar))) {
        ctx.platform.save_download(file, "text/calendar;charset=utf-8",
                                   sync::ics_text(events, tr(ctx.lang, Msg::portal_name), ctx.platform.today()));
    }
}

}  // namespace alis::web
