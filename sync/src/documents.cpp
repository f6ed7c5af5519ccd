#include "documents.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "crypto.hpp"

namespace alis::server {

DocumentFiles::DocumentFiles(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::filesystem::create_directories(folder_);
}

bool DocumentFiles::valid_id(const std::string& id) {
    if (id.size() != 20 || id.rfind("doc-", 0) != 0) return false;
    for (std::size_t i = 4; i < id.size(); ++i) {
        const char c = id[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::string DocumentFiles::store(std::string_view bytes) {
    const std::string id = random_id("doc-");
    const auto path = folder_ / id;
    const auto temporary = folder_ / (id + ".part");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "document: open");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            throw std::system_error(error, std::generic_category(), "document: write");
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || std::rename(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw std::runtime_error("document: could not be written to disk");
    }
    // The rename itself is durable once the folder is flushed.
    const int dir = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return id;
}

std::optional<std::string> DocumentFiles::read(const std::string& id) const {
    if (!valid_id(id)) return std::nullopt;
    std::ifstream in(folder_ / id, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> DocumentFiles::ids() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder_, ec)) {
        const std::string name = entry.path().filename().string();
        if (valid_id(name)) out.push_back(name);
    }
    return out;
}

bool DocumentFiles::remove(const std::string& id) {
    if (!valid_id(id)) return false;
    std::error_code ignored;
    return std::filesystem::remove(folder_ / id, ignored);
}

}  // namespace alis::server
