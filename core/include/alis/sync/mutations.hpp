#pragma once
// Every change in the portal is a named mutation with JSON arguments, applied by one function. The
// browser applies it optimistically to its replica; the server applies it for real. Same code.
//
// apply_mutation never throws and never half-applies: it checks shape, authorization (deny by
// default) and the domain rules first, and changes the state only when everything holds. A
// rejection carries one Problem per broken rule, each naming the field (e.g. "period.places",
// "args.offer_id") and a stable rule name, with the reason in bokmål, nynorsk and English.
//
// The catalogue (27 mutations: name, args, who may, rules) is documented in docs/sync-protocol.md
// and listed by mutation_catalogue(). For put-like mutations (register_doctor, put_wish,
// publish_period, make_offer ...) args are the record's own JSON body as in records.hpp/domain.hpp;
// the others take named fields (offer_id, wish_ids ...). Values the server owns are set by apply,
// whatever the client sent: published_on, offered_on, answered_on, statuses, list positions.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"
#include "alis/sync/actor.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct Mutation {
    std::int64_t id = 0;  // per client: 1, 2, 3 ...
    std::string name;     // e.g. "publish_period"
    nlohmann::json args = nlohmann::json::object();

    bool operator==(const Mutation&) const = default;
};

void to_json(nlohmann::json& j, const Mutation& m);
// Validates {id >= 1, name: text <= 64 bytes, args: object}; args are checked by apply_mutation.
std::optional<Mutation> parse_mutation(const nlohmann::json& j, Problems& out, const std::string& prefix = "mutation");

struct Outcome {
    bool accepted = false;
    Problems problems;               // why it was rejected; empty when accepted
    std::vector<RecordKey> changed;  // accepted: every record written or deleted, plus records whose
                                     // visibility to someone may have changed (their version is
                                     // bumped so pulls resend or tombstone them); sorted, unique
};

// Applies `m` for `actor` on `today` (the server's date decides published_on, offered_on ...).
Outcome apply_mutation(PortalState& state, const Actor& actor, const Mutation& m, const Date& today);

// Who may call a mutation, for documentation, screens and the authorization matrix test.
struct MutationInfo {
    std::string name;
    std::vector<Role> roles;  // roles that may call it at all (record-level checks come on top)
    std::string summary;
};
const std::vector<MutationInfo>& mutation_catalogue();

// Rule 3, the two-month rule, as a job. First every pending offer whose answer deadline has passed
// lapses (lapse_overdue_offers); then every published period whose release date has come, with no
// accepted offer and no pending offer holding it, gets status released. A period held past its
// release date is released on the day its last holding offer lapses, is declined or withdrawn.
// Returns the changed records (sorted, unique); the server's job runner persists and versions them
// (SyncServer::release_unmatched), so clients receive the lapses and releases in their next pull.
std::vector<RecordKey> release_unmatched_periods(PortalState& state, const Date& today);
// Pending offers whose answer deadline is before `today` get status lapsed; returns them.
std::vector<RecordKey> lapse_overdue_offers(PortalState& state, const Date& today);
// Whether the offer holds its period against the release: pending and within its answer deadline.
bool holds_period(const Offer& offer, const Date& today);
// Whether a pending offer within its answer deadline holds the period against the release.
bool held_by_offer(const PortalState& state, const std::string& period_id, const Date& today);

}  // namespace alis::sync
