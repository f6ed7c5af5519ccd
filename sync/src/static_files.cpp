#include "static_files.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <limits>
#include <mutex>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace alis::server {

namespace fs = std::filesystem;

std::optional<std::string> content_type_for(const std::string& filename) {
    auto dot = filename.rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    std::string ext = filename.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js") return "text/javascript; charset=utf-8";
    if (ext == "wasm") return "application/wasm";
    if (ext == "json") return "application/json";
    if (ext == "webmanifest") return "application/manifest+json";
    if (ext == "png") return "image/png";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "ttf") return "font/ttf";
    if (ext == "ico") return "image/x-icon";
    if (ext == "txt") return "text/plain; charset=utf-8";
    return std::nullopt;
}

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A strong validator: BLAKE2b-128 of exactly the bytes sent, so each encoding has its own.
std::string etag_of(const std::string& body) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
    static const char* digits = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char b : hash) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out + "\"";
}

std::optional<std::string> read_file(const fs::path& p, std::size_t max) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    if (ec || size > max) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string body(size, '\0');
    in.read(body.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size) return std::nullopt;
    return body;
}

// Percent-decoding, refusing encoded slashes and NULs so no path can be smuggled through.
std::optional<std::string> decode(const std::string& in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
                return std::nullopt;
            }
            char decoded = static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
            if (decoded == '/' || decoded == '\\' || decoded == '\0') return std::nullopt;
            out += decoded;
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// Whether If-None-Match names this ETag (or is "*"); weak forms match too (RFC 9110 §13.1.2).
bool none_match(const std::string& header, const std::string& etag) {
    std::stringstream items(header);
    std::string item;
    while (std::getline(items, item, ',')) {
        item = trim(item);
        if (item.rfind("W/", 0) == 0) item = item.substr(2);
        if (item == "*" || item == etag) return true;
    }
    return false;
}

std::string query_value(const std::string& query, const std::string& name) {
    std::stringstream parts(query);
    std::string part;
    while (std::getline(parts, part, '&')) {
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    }
    return {};
}

}  // namespace

std::string choose_encoding(const std::string& accept_encoding, const std::vector<std::string>& available) {
    // q per coding as the client sent it; "*" stands for every coding it did not name.
    std::map<std::string, bool> acceptable;
    std::optional<bool> star;
    std::stringstream items(accept_encoding);
    std::string item;
    while (std::getline(items, item, ',')) {
        std::string coding = lower(trim(item.substr(0, item.find(';'))));
        if (coding.empty()) continue;
        bool ok = true;
        if (auto semi = item.find(';'); semi != std::string::npos) {
            std::string param = lower(trim(item.substr(semi + 1)));
            if (param.rfind("q=", 0) == 0) {
                std::string q = trim(param.substr(2));
                // q=0, 0., 0.0, 0.00, 0.000: not acceptable (RFC 9110 §12.4.2).
                ok = !(q.size() >= 1 && q[0] == '0' && q.find_first_not_of("0.", 0) == std::string::npos);
            }
        }
        if (coding == "*") star = ok;
        else acceptable[coding] = ok;
    }
    for (const char* preferred : {"br", "gzip"}) {
        if (std::find(available.begin(), available.end(), preferred) == available.end()) continue;
        auto it = acceptable.find(preferred);
        if (it != acceptable.end() ? it->second : star.value_or(false)) return preferred;
    }
    return "";
}

namespace {

struct Stamp {
    std::uintmax_t size = 0;
    fs::file_time_type mtime{};
    bool exists = false;
    bool operator==(const Stamp&) const = default;
};

Stamp stamp_of(const fs::path& p) {
    std::error_code ec;
    Stamp s;
    if (!fs::is_regular_file(p, ec)) return s;
    s.size = fs::file_size(p, ec);
    if (ec) return {};
    s.mtime = fs::last_write_time(p, ec);
    if (ec) return {};
    s.exists = true;
    return s;
}

std::string sha256_hex(const std::string& body) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : hash) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

struct Variant {
    std::string encoding;  // "" (identity), "br" or "gzip"
    std::string body;
    std::string etag;      // strong: "hash-of-body"
};

struct Entry {
    std::array<Stamp, 3> stamps;  // the file, NAME.br, NAME.gz when read
    std::string sha256;           // of the file itself, to compare with the build's list
    std::vector<Variant> variants;  // identity first
    std::size_t bytes = 0;
};

const std::array<std::pair<const char*, const char*>, 2> kCopies{{{".br", "br"}, {".gz", "gzip"}}};

}  // namespace

struct StaticFiles::Cache {
    StaticLimits limits;
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const Entry>> entries;  // by canonical path
    std::size_t bytes = 0;
    Stamp build_stamp;
    std::string build;
    std::map<std::string, std::string> build_files;  // "/app.js" -> SHA-256 the build wrote

    // The build id and file hashes from ROOT/.build-id ("ID" then "/path sha256" lines), re-read
    // when that file changes.
    void refresh_build(const std::string& root) {
        const fs::path p = fs::path(root) / ".build-id";
        Stamp now = stamp_of(p);
        if (now == build_stamp) return;
        build_stamp = now;
        build.clear();
        build_files.clear();
        auto text = now.exists ? read_file(p, 64u << 10) : std::nullopt;
        if (!text) return;
        std::stringstream lines(*text);
        std::string line;
        std::getline(lines, line);
        line = trim(line);
        if (line.empty() || line.size() > 64 || line.find_first_not_of("0123456789abcdef") != std::string::npos) return;
        build = line;
        while (std::getline(lines, line)) {
            auto space = line.find(' ');
            if (space != std::string::npos) build_files[line.substr(0, space)] = trim(line.substr(space + 1));
        }
    }

    // The file as cached, read again when it or a copy changed on disk; nothing when unreadable.
    std::shared_ptr<const Entry> get(const std::string& full) {
        std::array<Stamp, 3> now{stamp_of(full), stamp_of(full + kCopies[0].first), stamp_of(full + kCopies[1].first)};
        if (!now[0].exists) return nullptr;
        auto it = entries.find(full);
        if (it != entries.end() && it->second->stamps == now) return it->second;
        auto entry = std::make_shared<Entry>();
        entry->stamps = now;
        // The operator's own files: a file over the bound is still served, only not kept.
        auto body = read_file(full, std::numeric_limits<std::size_t>::max());
        if (!body) return nullptr;
        entry->sha256 = sha256_hex(*body);
        entry->bytes = body->size();
        entry->variants.push_back({"", std::move(*body), ""});
        // The build's precompressed copies, when they exist and are smaller (Brotli first: the better).
        // A copy older than the file is from an earlier build (a deploy replaced only the file): unused.
        for (std::size_t i = 0; i < kCopies.size(); ++i) {
            if (!now[i + 1].exists || now[i + 1].mtime < now[0].mtime) continue;
            auto packed = read_file(full + kCopies[i].first, entry->variants[0].body.size());
            if (!packed || packed->size() >= entry->variants[0].body.size()) continue;
            entry->bytes += packed->size();
            entry->variants.push_back({kCopies[i].second, std::move(*packed), ""});
        }
        for (Variant& v : entry->variants) v.etag = etag_of(v.body);
        if (it != entries.end()) {
            bytes -= it->second->bytes;
            entries.erase(it);
        }
        // Bounded: when the cache would grow past its limit, it starts over (a deploy replaced files).
        if (bytes + entry->bytes > limits.max_bytes) {
            entries.clear();
            bytes = 0;
        }
        if (entry->bytes <= limits.max_bytes) {
            entries[full] = entry;
            bytes += entry->bytes;
        }
        return entry;
    }
};

StaticFiles::StaticFiles(std::string root, StaticLimits limits) : cache_(std::make_unique<Cache>()) {
    cache_->limits = limits;
    if (root.empty()) return;
    std::error_code ec;
    auto canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
    root_ = ec ? root : canonical.string();
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

StaticFiles::~StaticFiles() = default;

std::string StaticFiles::build() const {
    std::lock_guard lock(cache_->mutex);
    cache_->refresh_build(root_);
    return cache_->build;
}

std::size_t StaticFiles::file_count() const {
    std::lock_guard lock(cache_->mutex);
    return cache_->entries.size();
}

std::size_t StaticFiles::bytes() const {
    std::lock_guard lock(cache_->mutex);
    return cache_->bytes;
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
    const std::string& raw_path = req.path;
    if (root_.empty() || raw_path.empty() || raw_path[0] != '/') return std::nullopt;
    auto path = decode(raw_path == "/" ? std::string("/index.html") : raw_path);
    if (!path) return std::nullopt;
    // Each segment must be a plain name: no "..", no ".", no hidden files, no backslashes.
    std::stringstream segments(path->substr(1));
    std::string segment;
    fs::path relative;
    while (std::getline(segments, segment, '/')) {
        if (segment.empty() || segment[0] == '.' || segment.find('\\') != std::string::npos) return std::nullopt;
        relative /= segment;
    }
    if (relative.empty()) return std::nullopt;
    auto type = content_type_for(relative.filename().string());
    if (!type) return std::nullopt;
    std::error_code ec;
    // Symbolic links could still point outside: the resolved file must stay under the root.
    auto resolved = fs::canonical(fs::path(root_) / relative, ec);
    if (ec || !fs::is_regular_file(resolved, ec)) return std::nullopt;
    auto rs = resolved.string();
    if (rs.compare(0, root_.size(), root_) != 0 || rs.size() <= root_.size() || rs[root_.size()] != '/') {
        return std::nullopt;
    }

    std::shared_ptr<const Entry> entry;
    bool immutable = false;
    {
        std::lock_guard lock(cache_->mutex);
        entry = cache_->get(rs);
        if (!entry) return std::nullopt;
        // A file asked for by the current build's id, with the content that build wrote, never changes
        // under that URL (a new build has a new id); index.html, sw.js, the manifest, and any file
        // during a deploy (its content not yet or no longer the build's) must be revalidated.
        cache_->refresh_build(root_);
        const std::string build = query_value(req.query, "build");
        auto listed = cache_->build_files.find(*path);
        immutable = !cache_->build.empty() && build == cache_->build && *path != "/index.html" &&
                    *path != "/sw.js" && listed != cache_->build_files.end() && listed->second == entry->sha256;
    }

    std::vector<std::string> available;
    for (const Variant& v : entry->variants) {
        if (!v.encoding.empty()) available.push_back(v.encoding);
    }
    const std::string encoding = choose_encoding(req.header("accept-encoding"), available);
    const Variant& v = *std::find_if(entry->variants.begin(), entry->variants.end(),
                                     [&](const Variant& x) { return x.encoding == encoding; });

    Response r;
    r.content_type = *type;
    r.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    r.headers.emplace_back("ETag", v.etag);
    if (!available.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
    if (none_match(req.header("if-none-match"), v.etag)) {
        r.status = 304;
        r.head_only = true;
        return r;
    }
    if (!encoding.empty()) r.headers.emplace_back("Content-Encoding", encoding);
    r.body = v.body;
    return r;
}

}  // namespace alis::server
