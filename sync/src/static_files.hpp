#pragma once
// The portal's files (index.html, app.js, app.wasm, PWA files) from one folder, by an allow-list of
// extensions, never outside that folder.
#include <optional>
#include <string>

#include "http_types.hpp"

namespace alis::server {

class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    // A response for GET/HEAD of `path`, or nothing when the path is not a file we serve (→ 404).
    std::optional<Response> serve(const std::string& path) const;
    const std::string& root() const { return root_; }

private:
    std::string root_;  // canonical, without trailing slash; empty: serve nothing
};

// The content type for a file name, or nothing when the extension is not served.
std::optional<std::string> content_type_for(const std::string& filename);

}  // namespace alis::server
