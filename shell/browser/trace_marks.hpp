#pragma once
// Marks on the browser's performance timeline around a frame and the accessible mirror's update, for
// bench/web/frame_time.mjs. The bench reads them from a Chromium trace, where each mark carries
// both the wall clock and the main thread's own CPU clock: on a busy machine the thread is often
// paused mid-frame, and only the thread clock tells the work apart from the wait. Off unless the
// bench turns them on (alis_trace_marks), so a portal in use pays one branch per mark.
namespace alis::shell {

// performance.mark(name) while marks are on.
void trace_mark(const char* name);

}  // namespace alis::shell
