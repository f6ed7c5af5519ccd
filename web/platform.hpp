#pragma once
// What the interface needs from where it runs: HTTP to the sync server, a few files that survive a
// reload and are shared by every tab of the browser profile (IndexedDB in the browser), locks that
// tell a tab which files no open tab owns (Web Locks), the date and time, and random ids. The browser
// shell implements it over fetch, its own IndexedDB store and navigator.locks; tests implement it in
// memory and answer requests with the real core server.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "alis/date.hpp"

namespace alis::web {

// A file the person chose in the browser's file picker. A file over the caller's limit is refused
// before it is read: `too_large` is set, `size` says how large it was, and `bytes` stays empty.
struct ChosenFile {
    std::string name;  // the file's name on the person's machine, for display only
    std::string bytes;
    std::size_t size = 0;
    bool too_large = false;
};

struct HttpResponse {
    int status = 0;  // 0: no answer (offline, network error)
    std::string body;
};

class Platform {
public:
    virtual ~Platform() = default;

    // POSTs JSON to a same-origin path; `done` runs later, on the interface's thread, exactly once.
    virtual void post_json(const std::string& path, const std::string& body,
                           std::function<void(const HttpResponse&)> done) = 0;

    // POSTs raw bytes (a PDF: NUL bytes and all) to a same-origin path with the given Content-Type;
    // `done` as for post_json. Pure, as save_download: a wrapping platform must pass it on.
    virtual void post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes,
                            std::function<void(const HttpResponse&)> done) = 0;

    // Files are text: the browser's store passes them through UTF-8 conversion, which stops at a NUL
    // byte. Bytes are stored encoded (base64, web/documents_queue.cpp).
    virtual std::string read_file(const std::string& name) = 0;  // "" when absent
    // Writes and schedules the flush to durable storage; false when the write itself failed. Each
    // file is written whole and alone: a write never touches another file (another tab's).
    virtual bool write_file(const std::string& name, const std::string& content) = 0;
    virtual void remove_file(const std::string& name) = 0;
    // Set by the host when saving to durable storage failed (e.g. quota); shown to the user. The
    // host keeps retrying the write, so the user need not redo the change.
    virtual std::string storage_error() { return {}; }
    // True while a write of this tab has not reached durable storage yet (or failed and waits to be
    // retried): the change is only in memory, and a crash would lose it.
    virtual bool unsaved() { return false; }
    // The stored files whose names start with `prefix`, every tab's.
    virtual std::vector<std::string> list_files(const std::string& prefix) {
        (void)prefix;
        return {};
    }
    // Moves when another tab changed a stored file (BroadcastChannel): read the shared files again.
    virtual std::uint64_t store_revision() { return 0; }
    // Takes the named lock for this tab until release() or the tab ends (closed, crashed). wait:
    // done(true) once no other tab holds it; !wait: done(false) at once when another tab holds it.
    // `done` runs later, on the interface's thread.
    virtual void claim(const std::string& name, bool wait, std::function<void(bool)> done) {
        (void)name;
        (void)wait;
        done(true);
    }
    virtual void release(const std::string& name) { (void)name; }

    virtual Date today() = 0;
    virtual double now_seconds() = 0;        // monotonic, for retries and "synced n s ago"
    virtual std::string wall_clock_hhmm() = 0; // local time of day, for the status line
    virtual std::string random_id() = 0;     // 128 random bits, hex
    virtual bool online() { return true; }   // the browser's own guess; requests still decide
    // Hands a file to the browser's downloads (a CSV, a calendar, a GDPR export), as a link with a
    // download attribute would: the person chooses where it goes. Nothing is stored by the portal.
    // Pure, so a platform that wraps another cannot forget to pass it on.
    virtual void save_download(const std::string& file_name, const std::string& mime_type, const std::string& bytes) = 0;
    // Opens the browser's file picker for `accept` (an <input accept> list, e.g. ".csv,text/csv").
    // Call it from a button's click: browsers open a picker only shortly after the person's own
    // action. `done` runs later, on the interface's thread, once a file is chosen; never when the
    // picker is cancelled, and not for an earlier call when another picker was opened since. Files
    // over `max_bytes` are refused by their size before any byte is read into the app. Pure, as
    // save_download.
    virtual void choose_file(const std::string& accept, std::size_t max_bytes, std::function<void(const ChosenFile&)> done) = 0;
};

}  // namespace alis::web
