#pragma once
// The portal's files (index.html, app.js, app.wasm, PWA files) from one folder, by an allow-list of
// extensions, never outside that folder. Like a real web server: a file is read into memory once,
// with the precompressed copies the build writes beside it (NAME.br, NAME.gz), and read again only
// when its size or modification time changes (a deploy); the memory is bounded. Each answer picks the
// best encoding the client accepts, carries a strong ETag (a hash of the bytes sent) and answers
// If-None-Match with 304. A file asked for by the current build's id (?build=ID, see index.html) whose
// content is the one the build wrote (.build-id lists each file's SHA-256) may be cached for a year;
// everything else is revalidated (no-cache), so no deploy window can pin a wrong file under an id.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http_types.hpp"

namespace alis::server {

struct StaticLimits {
    std::size_t max_bytes = 128u << 20;  // cached bytes, all files and compressed copies together
};

class StaticFiles {
public:
    explicit StaticFiles(std::string root, StaticLimits limits = {});
    ~StaticFiles();
    // A response for GET/HEAD of the request's path, or nothing when the path is not a file we serve
    // (→ 404). Reads Accept-Encoding, If-None-Match and the ?build= query.
    std::optional<Response> serve(const Request& req) const;
    const std::string& root() const { return root_; }
    std::string build() const;               // from the site's .build-id; empty without one
    std::size_t file_count() const;          // files in memory
    std::size_t bytes() const;               // their bytes, copies included

private:
    struct Cache;
    std::string root_;  // canonical, without trailing slash; empty: serve nothing
    std::unique_ptr<Cache> cache_;
};

// The content type for a file name, or nothing when the extension is not served.
std::optional<std::string> content_type_for(const std::string& filename);

// The encoding to send, of those available ("br", "gzip"; identity is always available), for an
// Accept-Encoding header: the best with q > 0, preferring br, then gzip, then identity.
std::string choose_encoding(const std::string& accept_encoding, const std::vector<std::string>& available);

}  // namespace alis::server
