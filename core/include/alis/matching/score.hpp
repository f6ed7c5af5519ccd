#pragma once
// The priority score a period uses to rank candidates when ALIS-kontor Vest has not sent a regional
// priority list (or for candidates not on it). Built from the criteria of the agreement's §6.1, in
// its order of importance; docs/matching.md gives the formula and why each weight is what it is.
#include <vector>

#include "alis/date.hpp"
#include "alis/domain.hpp"
#include "alis/matching/weights.hpp"
#include "alis/text.hpp"

namespace alis::matching {

struct PriorityScore {
    // The default weights' maxima in brackets; ScoreWeights sets them.
    int general_practice = 0;  // years in general practice: 20 per whole year, at most 5 years (100)
    int specialization = 0;    // learning objectives fulfilled or months in the specialization (100)
    int courses = 0;           // mandatory and module courses, 2-year guidance group (100)
    int agreement = 0;         // employed in a municipality that is party to the agreement (100)
    int sector = 0;            // municipal sector (50)

    int total() const { return general_practice + specialization + courses + agreement + sector; }
};

// Whole calendar months from `from` to `to` (0 when `to` is earlier).
int whole_months_between(const Date& from, const Date& to);

PriorityScore priority_score(const DoctorProfile& doctor, bool municipality_party_to_agreement, const Date& today,
                             const ScoreWeights& weights);

// One criterion of the score as the municipality reads it: its label, the points given, the most it
// can give, and the rule behind it.
struct ScorePart {
    Text label;
    int points = 0;
    int max = 0;
    Text rule;
};
// The five parts in the agreement's order; their points add up to score.total().
std::vector<ScorePart> score_parts(const PriorityScore& score, const ScoreWeights& weights);
// "Allmennpraksis: 100 av 100 poeng (20 poeng per hele år, høyst 5 år)".
Text describe(const ScorePart& part);
// One line per GP for a table: "Allmennpraksis 100, Spesialisering 60, …" (labels and points).
Text score_summary(const PriorityScore& score, const ScoreWeights& weights);
// The rule behind each label, said once under the table: "Allmennpraksis: 20 poeng per hele år, …".
Text score_rules(const ScoreWeights& weights);

}  // namespace alis::matching
