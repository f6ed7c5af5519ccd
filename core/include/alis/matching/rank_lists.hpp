#pragma once
// Explicit rank lists named by id, as `alis-match solve` reads them:
//   {"residents":[{"id":"r1","ranks":["p3","p1"]}],
//    "hospitals":[{"id":"p1","capacity":1,"ranks":["r2","r1"]}]}
// and the matching by id: {"matching":{"r1":"p1"},"unmatched":["r2"]}.
#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alis/matching/solver.hpp"
#include "alis/problem.hpp"

namespace alis::matching {

struct RankedResident {
    std::string id;
    std::vector<std::string> ranks;  // hospital ids, most wanted first
};

struct RankedHospital {
    std::string id;
    int capacity = 1;
    std::vector<std::string> ranks;  // resident ids, most wanted first
};

struct RankLists {
    std::vector<RankedResident> residents;
    std::vector<RankedHospital> hospitals;
};

struct IdMatching {
    std::map<std::string, std::string> matching;  // resident id -> hospital id
    std::vector<std::string> unmatched;           // in input order
};

// Checks every entry: ids present, text and unique; capacity a whole number >= 0; every ranked id
// known on the other side and not repeated. Each problem names its entry, e.g.
// "residents[0].ranks[1]" for an unknown hospital.
std::optional<RankLists> parse_rank_lists(const nlohmann::json& j, Problems& out);

// Precondition: lists came from parse_rank_lists (or are equally valid).
Instance to_instance(const RankLists& lists);
IdMatching solve(const RankLists& lists);

void to_json(nlohmann::json& j, const IdMatching& m);

}  // namespace alis::matching
