#pragma once
// A municipality's prioritized list read back from CSV: the file candidate_list_csv writes
// (list_export.hpp), edited in Excel, becomes the list. Pure: the Kandidater screen calls it on the
// user's file and sends the result as one mutation, import_candidate_list, which the server checks
// again and applies whole or not at all.
//
// Columns are found by their header (any order): "Prioritet" and "HPR-nummer" are required;
// "Ønsket tjeneste", "Utdanningsplan", "Søknad", "Strøket" (Ja/Nei) and "Grunn" are read; "Navn" and
// "Strøket dato" are the portal's own (the name comes from the GP's profile, the day of a strike from
// the server) and are not read. Any other column is refused, so nothing typed is silently dropped.
// The rows, ordered by Prioritet, are the whole list: an entry the file leaves out is removed.
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "alis/problem.hpp"
#include "alis/sync/state.hpp"

namespace alis::sync {

struct CandidateListImport {
    nlohmann::json args = nlohmann::json::object();  // the mutation's: {municipality_id, candidates: [...] in order}
    Problems problems;                               // each names the file's line and the column
    int added = 0, kept = 0, removed = 0;            // compared with the list in `state`
    bool ok() const { return problems.empty(); }
};

// Reads `csv` as the list of `municipality_id` against `state` (the municipality's replica). A new
// entry takes its id from `new_id`. Reports every bad row, not only the first.
CandidateListImport read_candidate_list(const PortalState& state, const std::string& municipality_id, std::string_view csv,
                                        const std::function<std::string()>& new_id);

}  // namespace alis::sync
