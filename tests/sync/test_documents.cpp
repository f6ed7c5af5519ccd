// The documents' files beside the database: stored under the server's own random ids, read back byte
// for byte, removed; an id the server did not make (a path, a user's file name) reaches no file.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "crypto.hpp"
#include "documents.hpp"

using alis::server::DocumentFiles;

namespace {

struct Folder {
    Folder() { alis::server::init_crypto(); }
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("alis-documents-" + std::to_string(::getpid()));
    ~Folder() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("documents are stored under the server's random ids and read back byte for byte") {
    Folder folder;
    DocumentFiles files(folder.path / "documents");
    const std::string pdf = std::string("%PDF-1.7\n\0\xff binary\n%%EOF\n", 25);
    const std::string a = files.store(pdf);
    const std::string b = files.store(pdf);
    CHECK(a != b);
    CHECK(DocumentFiles::valid_id(a));
    CHECK(files.read(a) == pdf);
    CHECK(std::filesystem::file_size(folder.path / "documents" / a) == pdf.size());
    // Only the finished files are there: no temporary left behind.
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(folder.path / "documents")) {
        CHECK(e.path().extension() != ".part");
        ++entries;
    }
    CHECK(entries == 2);
    CHECK(files.remove(a));
    CHECK_FALSE(files.read(a).has_value());
    CHECK_FALSE(files.remove(a));
    CHECK(files.read(b) == pdf);
}

TEST_CASE("an id the server did not make reaches no file") {
    Folder folder;
    DocumentFiles files(folder.path / "documents");
    std::ofstream(folder.path / "secret.txt") << "not a document";
    std::ofstream(folder.path / "documents" / "cv.pdf") << "%PDF-1.7\n%%EOF";
    for (const std::string id : {"../secret.txt", "cv.pdf", "doc-0123456789ABCDEF", "doc-0123456789abcde", "doc-0123456789abcdef0",
                                 "doc-../../secret.txt", "", "doc-0123456789abcde/"}) {
        CHECK_FALSE(files.read(id).has_value());
        CHECK_FALSE(files.remove(id));
    }
    CHECK(std::filesystem::exists(folder.path / "secret.txt"));
    CHECK(std::filesystem::exists(folder.path / "documents" / "cv.pdf"));
}
