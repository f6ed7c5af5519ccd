#include "alis/sync/evaluation.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace alis::sync {

namespace {

void count(OutcomeCounts& c, const PeriodFact& f) {
    ++c.periods;
    c.places += f.places;
    if (f.outcome == "matched") {
        ++c.matched;
    } else if (f.outcome == "released") {
        ++c.released;
    } else if (f.outcome == "withdrawn") {
        ++c.withdrawn;
    } else {
        ++c.open;
    }
}

// The p-quantile of sorted values, linear between the two nearest ranks (as spreadsheets' QUARTILE.INC).
double quantile(const std::vector<long>& sorted, double p) {
    const double rank = p * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return static_cast<double>(sorted[below]) + (rank - static_cast<double>(below)) * static_cast<double>(sorted[above] - sorted[below]);
}

constexpr double kDaysPerMonth = 365.25 / 12;

void suppress_small(std::map<std::string, Cell>& cells) {
    for (auto& [key, cell] : cells) cell.shown = cell.value == 0 || cell.value >= kSmallestShownCell;
}

}  // namespace

std::string year_month(const Date& d) { return to_iso(d).substr(0, 7); }

Evaluation evaluate(const std::vector<PeriodFact>& facts, const EvaluationWindow& window) {
    Evaluation e;
    e.window = window;
    std::vector<long> days;
    for (const PeriodFact& f : facts) {
        if (!e.scheme_start || f.published_on < *e.scheme_start) e.scheme_start = f.published_on;
        if (f.published_on < window.from || window.to < f.published_on) continue;
        count(e.total, f);
        count(e.by_hospital[f.hospital_id], f);
        count(e.by_month[year_month(f.published_on)], f);
        ReasonCounts& r = e.by_reason[f.reason];
        ++r.periods;
        r.places += f.places;
        r.months += f.days / kDaysPerMonth;
        e.months += f.days / kDaysPerMonth;
        e.placed_by_department[f.department_id];  // every department with a period has a row
        if (f.outcome != "matched") continue;
        ++e.placed_by_department[f.department_id].value;
        if (!f.municipality_id.empty()) ++e.placed_by_municipality[f.municipality_id].value;
        if (f.days_to_match) {
            const long d = *f.days_to_match;
            days.push_back(d);
            if (d <= 14) ++e.days_to_match.within_14;
            else if (d <= 30) ++e.days_to_match.within_30;
            else if (d <= 60) ++e.days_to_match.within_60;
            else ++e.days_to_match.later;
        }
    }
    suppress_small(e.placed_by_department);
    suppress_small(e.placed_by_municipality);
    std::sort(days.begin(), days.end());
    e.days_to_match.count = static_cast<int>(days.size());
    if (!days.empty()) {
        e.days_to_match.median = quantile(days, 0.5);
        e.days_to_match.lower_quartile = quantile(days, 0.25);
        e.days_to_match.upper_quartile = quantile(days, 0.75);
    }
    return e;
}

std::optional<EvaluationWindow> preset_window(WindowPreset preset, const std::optional<Date>& scheme_start, const Date& today) {
    auto first_months = [&](int months) -> std::optional<EvaluationWindow> {
        if (!scheme_start) return std::nullopt;
        return EvaluationWindow{*scheme_start, add_days(add_months(*scheme_start, months), -1)};
    };
    switch (preset) {
        case WindowPreset::first_6_months: return first_months(6);
        case WindowPreset::first_12_months: return first_months(12);
        case WindowPreset::first_18_months: return first_months(18);
        case WindowPreset::last_year: return EvaluationWindow{Date{today.year - 1, 1, 1}, Date{today.year - 1, 12, 31}};
        case WindowPreset::this_year: return EvaluationWindow{Date{today.year, 1, 1}, today};
    }
    return std::nullopt;
}

std::vector<PeriodFact> merge_facts(const std::vector<PeriodFact>& kept, const std::vector<PeriodFact>& current) {
    std::map<std::string, PeriodFact> by_id;
    for (const PeriodFact& f : kept) by_id[f.period_id] = f;
    for (const PeriodFact& f : current) {
        PeriodFact& slot = by_id[f.period_id];
        const bool was_matched = slot.outcome == "matched";
        const PeriodFact before = slot;
        slot = f;
        if (was_matched && f.outcome != "matched") {
            slot.outcome = before.outcome;
            slot.matched_on = before.matched_on;
            slot.days_to_match = before.days_to_match;
            slot.municipality_id = before.municipality_id;
        }
    }
    std::vector<PeriodFact> out;
    out.reserve(by_id.size());
    for (auto& [id, f] : by_id) out.push_back(std::move(f));
    return out;
}

std::optional<PeriodFact> period_fact_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    auto text = [&](const char* name) -> std::optional<std::string> {
        const auto it = j.find(name);
        if (it == j.end() || !it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    const auto id = text("period_id"), published = text("published_on"), outcome = text("outcome");
    const auto places = j.find("places");
    if (!id || !published || !outcome || places == j.end() || !places->is_number_integer()) return std::nullopt;
    const auto published_on = parse_iso(*published);
    if (!published_on) return std::nullopt;
    PeriodFact f;
    f.period_id = *id;
    f.hospital_id = text("hospital_id").value_or("");
    f.department_id = text("department_id").value_or("");
    f.specialty = text("specialty").value_or("");
    f.places = places->get<int>();
    f.published_on = *published_on;
    f.outcome = *outcome;
    if (const auto matched = text("matched_on")) f.matched_on = parse_iso(*matched);
    if (const auto days = j.find("days_to_match"); days != j.end() && days->is_number_integer()) f.days_to_match = days->get<long>();
    f.municipality_id = text("municipality_id").value_or("");
    f.reason = text("reason").value_or("");
    if (const auto days = j.find("days"); days != j.end() && days->is_number_integer()) f.days = static_cast<int>(std::clamp<long>(days->get<long>(), 0, 100000));
    return f;
}

}  // namespace alis::sync
