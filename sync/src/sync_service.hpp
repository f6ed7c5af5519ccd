#pragma once
// The HTTP adapter over the pure sync core (alis/sync/server.hpp): parse, call push/pull, persist
// exactly what push returned in one SQLite transaction, and only then answer. The in-memory state
// is rebuilt from storage at start.
#include <cstddef>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "http_types.hpp"
#include "sessions.hpp"
#include "storage.hpp"

namespace alis::server {

// The signed-in user as the sync core's Actor needs it.
struct Principal {
    std::string user_id;
    std::string role;
    std::string organisation_id;
    std::string doctor_id;
};
Principal principal_of(const UserRecord& user);

class SyncService {
public:
    SyncService(Storage& storage, const Clock& clock, AuditLog& audit);
    ~SyncService();

    void load();  // throws StorageError naming the bad rows
    Response push(const Principal& who, const nlohmann::json& body);
    Response pull(const Principal& who, const nlohmann::json& body);

    // A change by the server itself (accounts, organisations, demo data) as the ALIS office, persisted
    // before returning. Returns the problems (an empty array when it was applied).
    nlohmann::json apply_direct(const std::string& name, const nlohmann::json& args);
    // The two-month release job; returns how many records it changed.
    std::size_t release_unmatched();

    std::size_t record_count() const;
    std::int64_t version() const;
    nlohmann::json catalogue() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace alis::server
