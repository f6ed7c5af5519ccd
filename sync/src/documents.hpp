#pragma once
// The candidates' documents' bytes on disk (issue 14), beside the database: <data>/documents/<id>,
// where the id is the server's own random one ("doc-" and 16 hex digits). The user's file name is
// never a path here (it is metadata, for display only), so no name can reach outside the folder.
// The rules (a PDF, at most 5 MB, who may read and store) are core's: alis/sync/documents.hpp.
// The metadata is a sync record (alis/sync/document_record.hpp); the routes are documents_api.hpp.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alis::server {

class DocumentFiles {
public:
    explicit DocumentFiles(std::filesystem::path folder);

    // Writes a new file and returns its id. Written to a temporary name, flushed to disk, then
    // renamed, so a crash leaves the whole file or none. Throws when the disk refuses.
    std::string store(std::string_view bytes);
    // The bytes of `id`; nothing when there is no such file or `id` is not one the server makes.
    std::optional<std::string> read(const std::string& id) const;
    // The ids of the files in the folder (not the temporary ".part" ones).
    std::vector<std::string> ids() const;
    // Removes the file; false when it was not there.
    bool remove(const std::string& id);

    // Whether `id` has the form store() gives: "doc-" and 16 lower-case hex digits.
    static bool valid_id(const std::string& id);

private:
    std::filesystem::path folder_;
};

}  // namespace alis::server
