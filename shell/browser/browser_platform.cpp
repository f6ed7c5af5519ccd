#include "browser_platform.hpp"

#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace {

std::string g_storage_error;

}  // namespace

// Same-origin POST with the session cookie; the answer comes back through alis_http_done. A network
// failure answers status 0, so the app can tell "offline" from an error the server gave. The body is
// passed on byte for byte (not through text(), which would drop a CSV's byte order mark).
EM_JS(void, alis_js_fetch, (int id, const char* path, const char* body), {
    const url = UTF8ToString(path);
    fetch(url, {method: 'POST', credentials: 'same-origin', cache: 'no-store',
                headers: {'Content-Type': 'application/json'}, body: UTF8ToString(body)})
        .then(function (r) { return r.arrayBuffer().then(function (b) { return [r.status, new Uint8Array(b)]; }); })
        .catch(function () { return [0, new Uint8Array(0)]; })
        .then(function (answer) {
            const bytes = answer[1];
            const copy = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, copy);
            _alis_http_done(id, answer[0], copy, bytes.length);
        });
});

// The same for raw bytes (a PDF upload): copied out of the app's memory once, as they are, with the
// caller's Content-Type; the answer comes back as alis_js_fetch's does.
EM_JS(void, alis_js_fetch_bytes, (int id, const char* path, const char* type, const unsigned char* bytes, int n), {
    fetch(UTF8ToString(path), {method: 'POST', credentials: 'same-origin', cache: 'no-store',
                               headers: {'Content-Type': UTF8ToString(type)}, body: HEAPU8.slice(bytes, bytes + n)})
        .then(function (r) { return r.arrayBuffer().then(function (b) { return [r.status, new Uint8Array(b)]; }); })
        .catch(function () { return [0, new Uint8Array(0)]; })
        .then(function (answer) {
            const body = answer[1];
            const copy = _malloc(body.length + 1);
            HEAPU8.set(body, copy);
            _alis_http_done(id, answer[0], copy, body.length);
        });
});

// The app's files (store.js): read from its copy in memory, written one file per transaction.
EM_JS(char*, alis_js_read, (const char* name), {
    const text = Module.alisRead(UTF8ToString(name));
    if (text === null) return 0;
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});
EM_JS(void, alis_js_write, (const char* name, const char* text), { Module.alisWrite(UTF8ToString(name), UTF8ToString(text)); });
EM_JS(void, alis_js_remove, (const char* name), { Module.alisRemove(UTF8ToString(name)); });
EM_JS(char*, alis_js_list, (const char* prefix), {
    const text = JSON.stringify(Module.alisList(UTF8ToString(prefix)));
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});
EM_JS(int, alis_js_unsaved, (), { return Module.alisUnsaved() ? 1 : 0; });
EM_JS(double, alis_js_store_revision, (), { return Module.alisStoreRevision(); });
EM_JS(void, alis_js_claim, (const char* name, int wait, int id), { Module.alisClaim(UTF8ToString(name), !!wait, id); });
EM_JS(void, alis_js_release, (const char* name), { Module.alisRelease(UTF8ToString(name)); });
EM_JS(int, alis_js_today, (), { const d = new Date(); return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate(); });
EM_JS(int, alis_js_minutes, (), { const d = new Date(); return d.getHours() * 60 + d.getMinutes(); });
EM_JS(void, alis_js_random, (unsigned char* out, int n), { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });
EM_JS(int, alis_js_online, (), { return navigator.onLine ? 1 : 0; });
// A Blob behind a temporary link with a download attribute: the browser's own download, which the
// CSP allows (no script or frame is loaded from the blob). The URL is revoked a minute later, when the
// browser has long read it.
EM_JS(void, alis_js_download, (const char* name, const char* mime, const unsigned char* bytes, int n), {
    const blob = new Blob([HEAPU8.slice(bytes, bytes + n)], {type: UTF8ToString(mime)});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
});

// The browser's file picker: a hidden <input type=file> clicked from the app's frame. The frame runs
// within a moment of the person's click or key (the canvas's or the accessibility mirror's), which
// is the "transient activation" browsers ask before they open a picker. The input is in the page
// while the picker is open (a detached one is not reliably reported to automation) and removed
// after. A file over the limit is refused by File.size, before anything is read; the bytes of one
// within it are read with arrayBuffer() and copied into the app's memory once, checked again (the
// file could have grown between the choice and the read).
EM_JS(void, alis_js_choose_file, (int id, const char* accept, double max_bytes), {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(accept);
    input.style.display = 'none';
    input.tabIndex = -1;
    document.body.appendChild(input);
    function text(s) {
        const size = lengthBytesUTF8(s) + 1;
        const out = _malloc(size);
        stringToUTF8(s, out, size);
        return out;
    }
    input.addEventListener('cancel', function () { input.remove(); });
    input.addEventListener('change', function () {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        if (file.size > max_bytes) {
            _alis_file_chosen(id, text(file.name), 0, 0, file.size, 1);
            return;
        }
        file.arrayBuffer().then(function (buffer) {
            if (buffer.byteLength > max_bytes) {
                _alis_file_chosen(id, text(file.name), 0, 0, buffer.byteLength, 1);
                return;
            }
            const copy = _malloc(buffer.byteLength + 1);
            HEAPU8.set(new Uint8Array(buffer), copy);
            _alis_file_chosen(id, text(file.name), copy, buffer.byteLength, buffer.byteLength, 0);
        }).catch(function () {});  // unreadable (removed meanwhile): as if the picker were cancelled
    });
    input.click();
});

extern "C" {

EMSCRIPTEN_KEEPALIVE void alis_http_done(int id, int status, char* body, int size) {
    alis::shell::browser_platform().finish(id, status, std::string(body, static_cast<std::size_t>(size)));
    std::free(body);
}

// alis_js_choose_file hands over the chosen file (name and bytes allocated with malloc; bytes 0 when refused).
EMSCRIPTEN_KEEPALIVE void alis_file_chosen(int id, char* name, char* bytes, int n, double size, int too_large) {
    alis::web::ChosenFile file;
    file.name = name ? name : "";
    if (bytes) file.bytes.assign(bytes, static_cast<std::size_t>(n));
    file.size = static_cast<std::size_t>(size);
    file.too_large = too_large != 0;
    std::free(name);
    std::free(bytes);
    alis::shell::browser_platform().chosen(id, std::move(file));
}

// pre.js reports a failed flush to IndexedDB (a full quota, say); the app shows it.
EMSCRIPTEN_KEEPALIVE void alis_storage_failed(const char* message) { g_storage_error = message ? message : "?"; }
EMSCRIPTEN_KEEPALIVE void alis_storage_ok() { g_storage_error.clear(); }

// store.js answers a lock request (granted: 1).
EMSCRIPTEN_KEEPALIVE void alis_claim_done(int id, int granted) { alis::shell::browser_platform().claimed(id, granted != 0); }

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

void BrowserPlatform::post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes,
                                 std::function<void(const web::HttpResponse&)> done) {
    const int id = next_id_++;
    waiting_[id] = std::move(done);
    alis_js_fetch_bytes(id, path.c_str(), content_type.c_str(), reinterpret_cast<const unsigned char*>(bytes.data()),
                        static_cast<int>(bytes.size()));
}

void BrowserPlatform::finish(int id, int status, std::string body) {
    auto it = waiting_.find(id);
    if (it == waiting_.end()) return;
    auto done = std::move(it->second);
    waiting_.erase(it);
    done({status, std::move(body)});
}

std::string BrowserPlatform::read_file(const std::string& name) {
    char* text = alis_js_read(name.c_str());
    if (!text) return {};
    std::string out(text);
    std::free(text);
    return out;
}

bool BrowserPlatform::write_file(const std::string& name, const std::string& content) {
    alis_js_write(name.c_str(), content.c_str());
    return true;
}

void BrowserPlatform::remove_file(const std::string& name) { alis_js_remove(name.c_str()); }

bool BrowserPlatform::unsaved() { return alis_js_unsaved() != 0; }

std::vector<std::string> BrowserPlatform::list_files(const std::string& prefix) {
    char* text = alis_js_list(prefix.c_str());
    const auto names = nlohmann::json::parse(text, nullptr, false);
    std::free(text);
    std::vector<std::string> out;
    if (names.is_array()) {
        for (const auto& n : names) {
            if (n.is_string()) out.push_back(n.get<std::string>());
        }
    }
    return out;
}

std::uint64_t BrowserPlatform::store_revision() { return static_cast<std::uint64_t>(alis_js_store_revision()); }

void BrowserPlatform::claim(const std::string& name, bool wait, std::function<void(bool)> done) {
    const int id = next_id_++;
    claims_[id] = std::move(done);
    alis_js_claim(name.c_str(), wait ? 1 : 0, id);
}

void BrowserPlatform::claimed(int id, bool granted) {
    auto it = claims_.find(id);
    if (it == claims_.end()) return;
    auto done = std::move(it->second);
    claims_.erase(it);
    done(granted);
}

void BrowserPlatform::release(const std::string& name) { alis_js_release(name.c_str()); }

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

void BrowserPlatform::save_download(const std::string& file_name, const std::string& mime_type, const std::string& bytes) {
    alis_js_download(file_name.c_str(), mime_type.c_str(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<int>(bytes.size()));
}

void BrowserPlatform::choose_file(const std::string& accept, std::size_t max_bytes,
                                  std::function<void(const web::ChosenFile&)> done) {
    choosing_id_ = next_id_++;
    choosing_ = std::move(done);
    alis_js_choose_file(choosing_id_, accept.c_str(), static_cast<double>(max_bytes));
}

void BrowserPlatform::chosen(int id, web::ChosenFile file) {
    if (id != choosing_id_ || !choosing_) return;  // a picker opened since replaced this one
    auto done = std::move(choosing_);
    choosing_ = nullptr;
    done(file);
}

}  // namespace alis::shell
