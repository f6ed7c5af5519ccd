#pragma once
// What the interface needs from where it runs: HTTP to the sync server, a few files that survive a
// reload (IndexedDB in the browser), the date and time, and random ids. The browser shell implements
// it over fetch/IDBFS; tests implement it in memory and answer requests with the real core server.
#include <functional>
#include <string>

#include "alis/date.hpp"

namespace alis::web {

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

    virtual std::string read_file(const std::string& name) = 0;  // "" when absent
    // Writes and schedules the flush to durable storage; false when the write itself failed.
    virtual bool write_file(const std::string& name, const std::string& content) = 0;
    virtual void remove_file(const std::string& name) = 0;
    // Set by the host when saving to durable storage failed (e.g. quota); shown to the user.
    virtual std::string storage_error() { return {}; }

    virtual Date today() = 0;
    virtual double now_seconds() = 0;        // monotonic, for retries and "synced n s ago"
    virtual std::string wall_clock_hhmm() = 0; // local time of day, for the status line
    virtual std::string random_id() = 0;     // 128 random bits, hex
    virtual bool online() { return true; }   // the browser's own guess; requests still decide
};

}  // namespace alis::web
