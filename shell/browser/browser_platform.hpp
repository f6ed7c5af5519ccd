#pragma once
// The web app's Platform in the browser: fetch for HTTP, files in the app's own IndexedDB store
// (store.js: one record per file, loaded before main), Web Locks, and the browser's clock and
// crypto.getRandomValues.
#include <map>

#include "platform.hpp"

namespace alis::shell {

class BrowserPlatform : public web::Platform {
public:
    void post_json(const std::string& path, const std::string& body,
                   std::function<void(const web::HttpResponse&)> done) override;
    void post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes,
                    std::function<void(const web::HttpResponse&)> done) override;
    std::string read_file(const std::string& name) override;
    bool write_file(const std::string& name, const std::string& content) override;
    void remove_file(const std::string& name) override;
    std::string storage_error() override;
    bool unsaved() override;
    std::vector<std::string> list_files(const std::string& prefix) override;
    std::uint64_t store_revision() override;
    void claim(const std::string& name, bool wait, std::function<void(bool)> done) override;
    void release(const std::string& name) override;
    Date today() override;
    double now_seconds() override;
    std::string wall_clock_hhmm() override;
    std::string random_id() override;
    bool online() override;
    void save_download(const std::string& file_name, const std::string& mime_type, const std::string& bytes) override;
    void choose_file(const std::string& accept, std::size_t max_bytes, std::function<void(const web::ChosenFile&)> done) override;

    // Called from JavaScript when a fetch ends.
    void finish(int id, int status, std::string body);
    // Called from JavaScript when a lock request is answered.
    void claimed(int id, bool granted);
    // Called from JavaScript when a file was chosen in the picker opened as `id`.
    void chosen(int id, web::ChosenFile file);

private:
    int next_id_ = 1;
    std::map<int, std::function<void(const web::HttpResponse&)>> waiting_;
    std::map<int, std::function<void(bool)>> claims_;
    int choosing_id_ = 0;  // the picker open now: one at a time
    std::function<void(const web::ChosenFile&)> choosing_;
};

BrowserPlatform& browser_platform();

}  // namespace alis::shell
