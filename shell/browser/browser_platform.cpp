#include "browser_platform.hpp"

#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

std::string g_storage_error;

std::string path_of(const std::string& name) { return "/data/" + name; }

}  // namespace

// Same-origin POST with the session cookie; the answer comes back through alis_http_done. A network
// failure answers status 0, so the app can tell "offline" from an error the server gave.
EM_JS(void, alis_js_fetch, (int id, const char* path, const char* body), {
    const url = UTF8ToString(path);
    fetch(url, {method: 'POST', credentials: 'same-origin', cache: 'no-store',
                headers: {'Content-Type': 'application/json'}, body: UTF8ToString(body)})
        .then(function (r) { return r.text().then(function (t) { return [r.status, t]; }); })
        .catch(function () { return [0, '']; })
        .then(function (answer) {
            const size = lengthBytesUTF8(answer[1]) + 1;
            const text = _malloc(size);
            stringToUTF8(answer[1], text, size);
            _alis_http_done(id, answer[0], text);
        });
});

EM_JS(void, alis_js_persist, (), { Module.alisPersist(); });
EM_JS(int, alis_js_today, (), { const d = new Date(); return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate(); });
EM_JS(int, alis_js_minutes, (), { const d = new Date(); return d.getHours() * 60 + d.getMinutes(); });
EM_JS(void, alis_js_random, (unsigned char* out, int n), { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });
EM_JS(int, alis_js_online, (), { return navigator.onLine ? 1 : 0; });

extern "C" {

EMSCRIPTEN_KEEPALIVE void alis_http_done(int id, int status, char* body) {
    alis::shell::browser_platform().finish(id, status, body);
    std::free(body);
}

// pre.js reports a failed flush to IndexedDB (a full quota, say); the app shows it.
EMSCRIPTEN_KEEPALIVE void alis_storage_failed(const char* message) { g_storage_error = message ? message : "?"; }
EMSCRIPTEN_KEEPALIVE void alis_storage_ok() { g_storage_error.clear(); }

}  // extern "C"

namespace alis::shell {

BrowserPlatform& browser_platform() {
    static BrowserPlatform platform;
    return platform;
}

void BrowserPlatform::post_json(const std::string& path, const std::string& body,
                                std::function<void(const web::HttpResponse&)> done) {
    const int id = next_id_++;
    waiting_[id] = std::move(done);
    alis_js_fetch(id, path.c_str(), body.c_str());
}

void BrowserPlatform::finish(int id, int status, const char* body) {
    auto it = waiting_.find(id);
    if (it == waiting_.end()) return;
    auto done = std::move(it->second);
    waiting_.erase(it);
    done({status, body ? body : ""});
}

std::string BrowserPlatform::read_file(const std::string& name) {
    std::ifstream in(path_of(name), std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool BrowserPlatform::write_file(const std::string& name, const std::string& content) {
    // Write a new file and rename it over the old, so a failure never leaves half a replica.
    const std::string tmp = path_of(name) + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out.flush()) return false;
    }
    if (std::rename(tmp.c_str(), path_of(name).c_str()) != 0) return false;
    alis_js_persist();
    return true;
}

void BrowserPlatform::remove_file(const std::string& name) {
    std::remove(path_of(name).c_str());
    alis_js_persist();
}

std::string BrowserPlatform::storage_error() { return g_storage_error; }

Date BrowserPlatform::today() {
    const int v = alis_js_today();
    return {v / 10000, v / 100 % 100, v % 100};
}

double BrowserPlatform::now_seconds() { return emscripten_get_now() / 1000.0; }

std::string BrowserPlatform::wall_clock_hhmm() {
    const int m = alis_js_minutes();
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
    return buf;
}

std::string BrowserPlatform::random_id() {
    unsigned char bytes[16];
    alis_js_random(bytes, sizeof bytes);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

bool BrowserPlatform::online() { return alis_js_online() != 0; }

}  // namespace alis::shell
