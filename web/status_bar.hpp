#pragma once
// One line under the top bar: online or offline, changes waiting, the last sync, and the changes
// the server refused with their reasons.
#include "app.hpp"

namespace alis::web {

void draw_status_bar(Context& ctx);

}  // namespace alis::web
