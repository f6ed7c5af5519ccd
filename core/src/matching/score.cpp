#include "alis/matching/score.hpp"

#include <algorithm>

namespace alis::matching {

int whole_months_between(const Date& from, const Date& to) {
    if (to < from) return 0;
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    // add_months clamps to month ends, so compare with it rather than with day numbers.
    if (add_months(from, months) > to) --months;
    return std::max(months, 0);
}

PriorityScore priority_score(const DoctorProfile& d, bool party, const Date& today) {
    PriorityScore s;
    s.general_practice = 20 * std::min(whole_months_between(d.general_practice_start, today) / 12, 5);
    // "Number of learning objectives fulfilled and/or length of service in the specialization": the
    // better of the two counts, so a candidate is not punished for reporting only one of them.
    const int by_objectives = std::min(d.learning_objectives_fulfilled, 100);
    const int months_in = d.alis_start ? whole_months_between(*d.alis_start, today) : 0;
    const int by_length = std::min(months_in * 100 / 60, 100);  // the specialization is planned over 5 years
    s.specialization = std::max(by_objectives, by_length);
    s.courses = std::min(d.mandatory_courses, 7) * 5 + std::min(d.module_courses, 5) * 5 + (d.guidance_group ? 40 : 0);
    s.courses = std::min(s.courses, 100);
    s.agreement = party ? 100 : 0;
    s.sector = d.sector == Sector::municipal ? 50 : 0;
    return s;
}

std::vector<ScorePart> score_parts(const PriorityScore& s) {
    return {
        {{"Allmennpraksis", "Allmennpraksis", "General practice"}, s.general_practice, 100,
         {"20 poeng per hele år, høyst 5 år", "20 poeng per heile år, høgst 5 år", "20 points per whole year, at most 5 years"}},
        {{"Spesialisering", "Spesialisering", "Specialization"}, s.specialization, 100,
         {"det største av oppfylte læringsmål (1 poeng hvert) og måneder i spesialiseringen × 100 / 60",
          "det største av oppfylte læringsmål (1 poeng kvart) og månader i spesialiseringa × 100 / 60",
          "the larger of learning objectives fulfilled (1 point each) and months in the specialization × 100 / 60"}},
        {{"Kurs og veiledning", "Kurs og rettleiing", "Courses and guidance"}, s.courses, 100,
         {"5 per obligatorisk kurs (høyst 7), 5 per emnekurs (høyst 5), 40 for 2-årig veiledningsgruppe",
          "5 per obligatorisk kurs (høgst 7), 5 per emnekurs (høgst 5), 40 for 2-årig rettleiingsgruppe",
          "5 per mandatory course (at most 7), 5 per module course (at most 5), 40 for the 2-year guidance group"}},
        {{"Avtalekommune", "Avtalekommune", "Party municipality"}, s.agreement, 100,
         {"100 når kommunen er part i avtalen", "100 når kommunen er part i avtalen",
          "100 when the municipality is party to the agreement"}},
        {{"Sektor", "Sektor", "Sector"}, s.sector, 50,
         {"50 for kommunal sektor; en lesning ALIS-kontor Vest ikke har bekreftet",
          "50 for kommunal sektor; ein lesnad ALIS-kontor Vest ikkje har stadfesta",
          "50 for the municipal sector; a reading ALIS-kontor Vest has not confirmed"}},
    };
}

Text describe(const ScorePart& p) {
    const std::string got = std::to_string(p.points), max = std::to_string(p.max);
    return {p.label.nb + ": " + got + " av " + max + " poeng (" + p.rule.nb + ")",
            p.label.nn + ": " + got + " av " + max + " poeng (" + p.rule.nn + ")",
            p.label.en + ": " + got + " of " + max + " points (" + p.rule.en + ")"};
}

Text score_summary(const PriorityScore& score) {
    Text out;
    for (const auto& p : score_parts(score)) {
        const std::string n = " " + std::to_string(p.points);
        out.nb += (out.nb.empty() ? "" : ", ") + p.label.nb + n;
        out.nn += (out.nn.empty() ? "" : ", ") + p.label.nn + n;
        out.en += (out.en.empty() ? "" : ", ") + p.label.en + n;
    }
    return out;
}

Text score_rules() {
    Text out{"Poeng: ", "Poeng: ", "Points: "};
    bool first = true;
    for (const auto& p : score_parts(PriorityScore{})) {
        const std::string sep = first ? "" : ". ";
        out.nb += sep + p.label.nb + ": " + p.rule.nb + ", høyst " + std::to_string(p.max);
        out.nn += sep + p.label.nn + ": " + p.rule.nn + ", høgst " + std::to_string(p.max);
        out.en += sep + p.label.en + ": " + p.rule.en + ", at most " + std::to_string(p.max);
        first = false;
    }
    out.nb += ".", out.nn += ".", out.en += ".";
    return out;
}

}  // namespace alis::matching
