#pragma once
// The weights of the priority score (score.hpp) as data: ALIS-kontor Vest sets them, each setting
// gets the next version number, and every run of the matching says which version it used. The
// defaults are the weights docs/matching.md argues for; version 0 means "never set, the defaults".
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"
#include "alis/text.hpp"

namespace alis::matching {

// Every weight and cap is a whole number 0..kMaxWeight, so no score can overflow an int.
inline constexpr int kMaxWeight = 1000;
inline constexpr int kMaxWeightsVersion = 1000000000;  // far above any real count of settings

struct ScoreWeights {
    int general_practice_per_year = 20;  // points per whole year in general practice
    int general_practice_years = 5;      // years counted at most
    int specialization = 100;            // points for a complete specialization (progress 0..100 scales it)
    int mandatory_course = 5;            // per mandatory course (at most 7 count)
    int module_course = 5;               // per module course (at most 5 count)
    int guidance_group = 40;             // for the 2-year guidance group
    int courses_max = 100;               // cap on the three above together
    int party_municipality = 100;        // employed in a municipality party to the agreement
    int municipal_sector = 50;           // municipal sector

    int version = 0;             // 0: the defaults, never set; the office's settings count 1, 2, 3 ...
    std::optional<Date> set_on;  // the day the office set this version
    std::string set_by;          // the office user's id

    bool operator==(const ScoreWeights&) const = default;
};

// {"general_practice_per_year":20, ..., "version":3, "set_on":"2026-12-02", "set_by":"u-office"}.
// Missing weights take their defaults; an unknown field, a weight that is not a whole number
// 0..1000, or a version below 0 is a problem naming the field (under `prefix`).
std::optional<ScoreWeights> parse_score_weights(const nlohmann::json& j, Problems& out, const std::string& prefix = "weights");
void to_json(nlohmann::json& j, const ScoreWeights& w);

// One weight as a form shows it: its JSON name, its label, and the part of the score it feeds.
struct WeightField {
    const char* name;
    int ScoreWeights::*member;
    Text label;
    Text feeds;
};
// The nine weights in the score's order.
const std::vector<WeightField>& weight_fields();

// "Vekter versjon 3, satt 02.12.2026" or "Standardvekter (versjon 0)": which weights a run used.
Text weights_note(const ScoreWeights& w);

}  // namespace alis::matching
