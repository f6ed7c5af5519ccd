#include "trace_marks.hpp"

#include <emscripten.h>

namespace {
bool g_on = false;
}

extern "C" {
// From the bench (through page.evaluate): 1 turns the marks on, 0 off and clears them.
EMSCRIPTEN_KEEPALIVE void alis_trace_marks(int on) {
    g_on = on != 0;
    if (!g_on) EM_ASM({ performance.clearMarks(); });
}
}

namespace alis::shell {

void trace_mark(const char* name) {
    if (!g_on) return;
    // The trace keeps the mark; the page's own list of marks would only grow.
    EM_ASM({ var name = UTF8ToString($0); performance.mark(name); performance.clearMarks(name); }, name);
}

}  // namespace alis::shell
