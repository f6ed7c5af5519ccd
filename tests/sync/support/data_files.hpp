#pragma once
// What the server left on disk, for the tests of deletion: personal data must be gone from the
// database's files themselves (secure_delete, the checkpointed write-ahead log), not only from queries.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace alis::test {

// Whether the database folder's files (database and write-ahead log) hold `text` anywhere.
inline bool data_holds(const std::string& data, const std::string& text) {
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
        if (entry.path().filename().string().rfind("alis.sqlite3", 0) != 0) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (bytes.find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace alis::test
