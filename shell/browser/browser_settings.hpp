#pragma once
// Settings kept in IndexedDB: a file under /data (an IDBFS mount loaded before main runs, see
// pre.js), flushed to the database after each write through the one serialized sync queue.
#include "app.hpp"

namespace alis::shell {

class BrowserSettings : public web::SettingsStore {
public:
    std::string load() override;
    void save(const std::string& json) override;
};

}  // namespace alis::shell
