#pragma once
// "Legg i kalenderen (.ics)": the user's own diary entries (a GP's service and open offers, a
// hospital trust's periods) from the replica, as an iCalendar file for their calendar program.
// What goes in the file is core's (alis/sync/calendar.hpp); this only draws the button.
#include "app.hpp"

namespace alis::web {

void draw_calendar_download(Context& ctx);

}  // namespace alis::web
