#pragma once
// The prioritized lists as CSV for Norwegian Excel (alis/csv.hpp): a municipality's list of its
// candidates, in its order, and the regional list ALIS-kontor Vest forwards. Column names are
// Norwegian (the lists are the region's working documents); dates are dd.mm.åååå.
#include <string>

#include "alis/sync/state.hpp"

namespace alis::sync {

// Prioritet;Navn;HPR-nummer;Ønsket tjeneste;Utdanningsplan;Søknad;Strøket;Grunn;Strøket dato
// In the list's order; a struck candidate keeps its place, marked "Ja". A candidate whose doctor is unknown to the state
// (not visible) is written with an empty name and HPR number, never skipped: the positions must add up.
std::string candidate_list_csv(const PortalState& state, const std::string& municipality_id);

// Prioritet;Navn;HPR-nummer;Kommune;Allmennpraksis fra;Ordning
std::string regional_list_csv(const PortalState& state);

}  // namespace alis::sync
