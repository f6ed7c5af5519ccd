#pragma once
// A hospital's accepted placements for its recruitment system (WebCruiter) and personnel portal, as
// JSON or CSV downloads. What goes in the files is core's (alis/sync/placement_export.hpp); this only
// draws the buttons.
#include "app.hpp"

namespace alis::web {

void draw_placement_download(Context& ctx);

}  // namespace alis::web
