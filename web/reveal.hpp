#pragma once
// Scrolling an item into view when keyboard focus reaches it (WCAG 2.4.7: focus visible). The
// accessible mirror has a node for every item drawn, also for those scrolled out of a page's or a
// table's region; Tab or an arrow key may focus one of them, and a person must then see it. The
// item's own region and every region around it scroll just enough that the item is inside, as a
// browser does for a focused element. Takes effect in the next frame.
#include "ui_probe.hpp"

namespace alis::web {

// Between frames (after one frame's items were recorded, before or during the next). False when the
// item's window no longer exists or nothing needed to move.
bool reveal(const probe::Item& item);

}  // namespace alis::web
