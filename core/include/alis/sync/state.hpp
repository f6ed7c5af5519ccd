#pragma once
// The portal's whole state as typed maps, one per record kind, plus generic access by (kind, id)
// with JSON bodies so that sync, storage and the replica can move records without knowing types.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alis/domain.hpp"
#include "alis/sync/document_record.hpp"
#include "alis/sync/records.hpp"
#include "alis/sync/settings.hpp"

namespace alis::sync {

struct PortalState {
    std::map<std::string, Organisation> organisations;
    std::map<std::string, User> users;
    std::map<std::string, DoctorProfile> doctors;
    std::map<std::string, AvailableTime> available_times;
    std::map<std::string, Wish> wishes;
    std::map<std::string, Period> periods;
    std::map<std::string, Candidate> candidates;
    std::map<std::string, RegionalList> regional_lists;
    std::map<std::string, Subscription> subscriptions;
    std::map<std::string, Offer> offers;
    std::map<std::string, Setting> settings;
    std::map<std::string, DocumentRecord> documents;

    bool operator==(const PortalState&) const = default;
};

bool contains(const PortalState& state, const RecordKey& key);
// The record's JSON body, or nothing when there is no such record.
std::optional<nlohmann::json> record_body(const PortalState& state, const RecordKey& key);
// Parses `body` as a record of `kind` and stores it under its own id (replacing any old one).
// Returns false and adds problems when the body is invalid; the state is then unchanged.
bool put_record(PortalState& state, RecordKind kind, const nlohmann::json& body, Problems& out);
// Removes the record; false when there was none.
bool erase_record(PortalState& state, const RecordKey& key);
// Every key in the state, kind by kind (in all_record_kinds() order), ids sorted.
std::vector<RecordKey> all_keys(const PortalState& state);
std::size_t record_count(const PortalState& state);

// The whole state as {"records": [{"kind", "id", "body"}...]} and back (used by the replica file and
// by tests; the server stores records one by one instead).
nlohmann::json state_to_json(const PortalState& state);
std::optional<PortalState> state_from_json(const nlohmann::json& j, Problems& out);

// Small lookups used by rules, authorization and screens.
const Organisation* find_organisation(const PortalState& s, const std::string& id);
const DoctorProfile* find_doctor(const PortalState& s, const std::string& id);
const Period* find_period(const PortalState& s, const std::string& id);
const Offer* find_offer(const PortalState& s, const std::string& id);
const Candidate* find_candidate(const PortalState& s, const std::string& id);
// Number of accepted offers on a period: a place is taken by each.
int accepted_offer_count(const PortalState& s, const std::string& period_id);

}  // namespace alis::sync
