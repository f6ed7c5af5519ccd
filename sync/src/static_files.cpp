#include "static_files.hpp"

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

StaticFiles::StaticFiles(std::string root) {
    std::error_code ec;
    if (!root.empty()) {
        auto canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
        root_ = ec ? root : canonical.string();
        while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    }
}

namespace {
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
}  // namespace

std::optional<Response> StaticFiles::serve(const std::string& raw_path) const {
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
    fs::path full = fs::path(root_) / relative;
    std::error_code ec;
    // Symbolic links could still point outside: the resolved file must stay under the root.
    auto resolved = fs::canonical(full, ec);
    if (ec || !fs::is_regular_file(resolved, ec)) return std::nullopt;
    auto rs = resolved.string();
    if (rs.compare(0, root_.size(), root_) != 0 || (rs.size() > root_.size() && rs[root_.size()] != '/')) {
        return std::nullopt;
    }
    std::ifstream in(resolved, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream body;
    body << in.rdbuf();
    Response r;
    r.content_type = *type;
    r.body = body.str();
    // index.html and the service worker must be revalidated so a new release is picked up.
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

}  // namespace alis::server
