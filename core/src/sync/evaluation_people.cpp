// The evaluation's figures about GPs and offers, the cut to one organisation's part, and the merge of
// kept and current facts (alis/sync/evaluation.hpp says what each figure counts).
#include <algorithm>

#include "alis/sync/evaluation.hpp"

namespace alis::sync {

namespace {

bool within(const Date& d, const EvaluationWindow& w) { return !(d < w.from) && !(w.to < d); }

bool registered_in(const DoctorFact& f, const EvaluationWindow& w) {
    return (!f.registered_on || !(w.to < *f.registered_on)) && (!f.left_on || !(*f.left_on < w.from));
}

bool on_list_in(const DoctorFact& f, const EvaluationWindow& w) {
    if (f.candidate_of.empty()) return false;
    if (!f.struck) return true;
    return f.struck_on && !(*f.struck_on < w.from);
}

bool free_in(const DoctorFact& f, const EvaluationWindow& w) {
    return std::any_of(f.free_time.begin(), f.free_time.end(),
                       [&](const DateRange& r) { return !(r.end < w.from) && !(w.to < r.start); });
}

void count(OfferCounts& c, const OfferFact& f) {
    ++c.made;
    if (f.status == "accepted") ++c.accepted;
    else if (f.status == "declined") ++c.declined;
    else if (f.status == "withdrawn") ++c.withdrawn;
    else if (f.status == "lapsed") ++c.lapsed;
    else ++c.pending;
}

Cell cell_of(int n) { return {n, n == 0 || n >= kSmallestShownCell}; }

}  // namespace

EvaluationFacts facts_of(const EvaluationFacts& facts, const EvaluationScope& scope) {
    if (scope.kind == EvaluationScope::Kind::region) return facts;
    const std::string& id = scope.organisation_id;
    EvaluationFacts out;
    const bool hospital = scope.kind == EvaluationScope::Kind::hospital;
    for (const PeriodFact& f : facts.periods) {
        if (hospital ? f.hospital_id == id : (f.outcome == "matched" && f.municipality_id == id)) out.periods.push_back(f);
    }
    for (const OfferFact& f : facts.offers) {
        if ((hospital ? f.hospital_id : f.municipality_id) == id) out.offers.push_back(f);
    }
    if (!hospital) {
        for (const DoctorFact& f : facts.doctors) {
            if (f.municipality_id == id || f.candidate_of == id) out.doctors.push_back(f);
        }
    }
    return out;
}

Evaluation evaluate(const EvaluationFacts& all, const EvaluationWindow& window, const EvaluationScope& scope) {
    const EvaluationFacts facts = facts_of(all, scope);
    Evaluation e = evaluate(facts.periods, window);
    e.scheme_start.reset();
    for (const PeriodFact& f : all.periods) {
        if (!e.scheme_start || f.published_on < *e.scheme_start) e.scheme_start = f.published_on;
    }
    std::map<std::string, int> gps, candidates;
    for (const DoctorFact& f : facts.doctors) {
        DoctorCounts& d = e.doctors;
        if (f.left_on && within(*f.left_on, window)) ++d.left;
        if (f.struck && f.struck_on && within(*f.struck_on, window) && !f.candidate_of.empty()) ++d.struck;
        if (!registered_in(f, window)) continue;
        ++d.registered;
        ++gps[f.municipality_id];
        if (f.registered_on && within(*f.registered_on, window)) ++d.newly_registered;
        if (f.wishes > 0 && free_in(f, window)) ++d.with_free_time_and_wishes;
        if (!(window.to < f.eligible_from)) ++d.eligible;
        if (on_list_in(f, window)) {
            ++d.candidates;
            ++candidates[f.candidate_of];
        }
    }
    for (const OfferFact& f : facts.offers) {
        if (!within(f.offered_on, window)) continue;
        count(e.offers, f);
        count(e.offers_by_hospital[f.hospital_id], f);
        count(e.offers_by_month[year_month(f.offered_on)], f);
        ++e.offers_by_department[f.department_id].value;
    }
    for (auto& [id, made] : e.offers_by_department) made = cell_of(made.value);
    // A municipality's row: its GPs, candidates and placed GPs; in a municipality's own part only its own.
    std::map<std::string, int> placed;
    for (const auto& [id, c] : e.placed_by_municipality) placed[id] = c.value;
    auto ids = gps;
    for (const auto& [id, n] : candidates) ids[id];
    for (const auto& [id, n] : placed) ids[id];
    for (const auto& [id, unused] : ids) {
        if (id.empty()) continue;
        if (scope.kind == EvaluationScope::Kind::municipality && id != scope.organisation_id) continue;
        MunicipalityFigures& m = e.by_municipality[id];
        m.gps = cell_of(gps[id]);
        m.candidates = cell_of(candidates[id]);
        m.placed = cell_of(placed[id]);
        if (m.candidates.shown && m.placed.shown && m.candidates.value > 0) {
            m.placed_share = static_cast<double>(m.placed.value) / static_cast<double>(m.candidates.value);
        }
    }
    return e;
}

EvaluationFacts merge(const EvaluationFacts& kept, const EvaluationFacts& current) {
    EvaluationFacts out;
    out.periods = merge_facts(kept.periods, current.periods);
    out.doctors = kept.doctors;
    out.doctors.insert(out.doctors.end(), current.doctors.begin(), current.doctors.end());
    out.offers = kept.offers;
    out.offers.insert(out.offers.end(), current.offers.begin(), current.offers.end());
    return out;
}

}  // namespace alis::sync
