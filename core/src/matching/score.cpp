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

namespace {

constexpr int kMandatoryCourses = 7;  // the specialization's mandatory courses: more cannot count
constexpr int kModuleCourses = 5;     // module courses counted at most

int general_practice_max(const ScoreWeights& w) { return w.general_practice_per_year * w.general_practice_years; }
int courses_max(const ScoreWeights& w) {
    return std::min(w.courses_max, kMandatoryCourses * w.mandatory_course + kModuleCourses * w.module_course + w.guidance_group);
}
std::string n(int v) { return std::to_string(v); }

}  // namespace

PriorityScore priority_score(const DoctorProfile& d, bool party, const Date& today, const ScoreWeights& w) {
    PriorityScore s;
    s.general_practice = w.general_practice_per_year *
                         std::min(whole_months_between(d.general_practice_start, today) / 12, w.general_practice_years);
    // "Number of learning objectives fulfilled and/or length of service in the specialization": the
    // better of the two counts, so a candidate is not punished for reporting only one of them. The
    // progress is 0..100 and the weight scales it.
    const int by_objectives = std::min(d.learning_objectives_fulfilled, 100);
    const int months_in = d.alis_start ? whole_months_between(*d.alis_start, today) : 0;
    const int by_length = std::min(months_in * 100 / 60, 100);  // the specialization is planned over 5 years
    s.specialization = std::max(by_objectives, by_length) * w.specialization / 100;
    s.courses = std::min(d.mandatory_courses, kMandatoryCourses) * w.mandatory_course +
                std::min(d.module_courses, kModuleCourses) * w.module_course + (d.guidance_group ? w.guidance_group : 0);
    s.courses = std::min(s.courses, w.courses_max);
    s.agreement = party ? w.party_municipality : 0;
    s.sector = d.sector == Sector::municipal ? w.municipal_sector : 0;
    return s;
}

std::vector<ScorePart> score_parts(const PriorityScore& s, const ScoreWeights& w) {
    const std::string per_year = n(w.general_practice_per_year), years = n(w.general_practice_years);
    const std::string spec = n(w.specialization), mand = n(w.mandatory_course), mod = n(w.module_course);
    const std::string guide = n(w.guidance_group), party = n(w.party_municipality), sector = n(w.municipal_sector);
    // The measure is out of 100; only a weight other than 100 scales it, and only then is it said.
    const auto scaled = [&](const char* times) { return w.specialization == 100 ? std::string() : times + spec + " / 100"; };
    return {
        {{"Allmennpraksis", "Allmennpraksis", "General practice"}, s.general_practice, general_practice_max(w),
         {per_year + " poeng per hele år, høyst " + years + " år", per_year + " poeng per heile år, høgst " + years + " år",
          per_year + " points per whole year, at most " + years + " years"}},
        {{"Spesialisering", "Spesialisering", "Specialization"}, s.specialization, w.specialization,
         {"det største av oppfylte læringsmål (høyst 100) og måneder i spesialiseringen × 100 / 60" + scaled(", ganget med "),
          "det største av oppfylte læringsmål (høgst 100) og månader i spesialiseringa × 100 / 60" + scaled(", gonga med "),
          "the larger of learning objectives fulfilled (at most 100) and months in the specialization × 100 / 60" + scaled(", times ")}},
        {{"Kurs og veiledning", "Kurs og rettleiing", "Courses and guidance"}, s.courses, courses_max(w),
         {mand + " per obligatorisk kurs (høyst 7), " + mod + " per emnekurs (høyst 5), " + guide + " for 2-årig veiledningsgruppe",
          mand + " per obligatorisk kurs (høgst 7), " + mod + " per emnekurs (høgst 5), " + guide + " for 2-årig rettleiingsgruppe",
          mand + " per mandatory course (at most 7), " + mod + " per module course (at most 5), " + guide +
              " for the 2-year guidance group"}},
        {{"Avtalekommune", "Avtalekommune", "Party municipality"}, s.agreement, w.party_municipality,
         {party + " når kommunen er part i avtalen", party + " når kommunen er part i avtalen",
          party + " when the municipality is party to the agreement"}},
        {{"Sektor", "Sektor", "Sector"}, s.sector, w.municipal_sector,
         {sector + " for kommunal sektor; en lesning ALIS-kontor Vest ikke har bekreftet",
          sector + " for kommunal sektor; ein lesnad ALIS-kontor Vest ikkje har stadfesta",
          sector + " for the municipal sector; a reading ALIS-kontor Vest has not confirmed"}},
    };
}

Text describe(const ScorePart& p) {
    const std::string got = std::to_string(p.points), max = std::to_string(p.max);
    return {p.label.nb + ": " + got + " av " + max + " poeng (" + p.rule.nb + ")",
            p.label.nn + ": " + got + " av " + max + " poeng (" + p.rule.nn + ")",
            p.label.en + ": " + got + " of " + max + " points (" + p.rule.en + ")"};
}

Text score_summary(const PriorityScore& score, const ScoreWeights& weights) {
    Text out;
    for (const auto& p : score_parts(score, weights)) {
        const std::string n = " " + std::to_string(p.points);
        out.nb += (out.nb.empty() ? "" : ", ") + p.label.nb + n;
        out.nn += (out.nn.empty() ? "" : ", ") + p.label.nn + n;
        out.en += (out.en.empty() ? "" : ", ") + p.label.en + n;
    }
    return out;
}

Text score_rules(const ScoreWeights& weights) {
    Text out{"Poeng: ", "Poeng: ", "Points: "};
    bool first = true;
    for (const auto& p : score_parts(PriorityScore{}, weights)) {
        const std::string sep = first ? "" : ". ";
        out.nb += sep + p.label.nb + ": " + p.rule.nb + ", høyst " + std::to_string(p.max);
        out.nn += sep + p.label.nn + ": " + p.rule.nn + ", høgst " + std::to_string(p.max);
        out.en += sep + p.label.en + ": " + p.rule.en + ", at most " + std::to_string(p.max);
        first = false;
    }
    const Text note = weights_note(weights);
    out.nb += ". " + note.nb + ".", out.nn += ". " + note.nn + ".", out.en += ". " + note.en + ".";
    return out;
}

}  // namespace alis::matching
