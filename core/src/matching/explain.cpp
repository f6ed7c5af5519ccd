#include "alis/matching/explain.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace alis::matching {

using nlohmann::json;

namespace {

std::string range_text(const DateRange& r) { return to_norwegian(r.start) + "–" + to_norwegian(r.end); }

std::string place_text(const PeriodPlace& p) { return p.period->id + " (" + p.hospital_name + ", " + p.department_name + ")"; }

// Where GPs stand on period lists, computed once for all explanations: the 1-based place of each
// listed GP on each period's list (by period, for binary search), and each period's last admitted.
struct ListPlaces {
    std::vector<std::vector<std::pair<size_t, int>>> of_doctor;  // doctor -> (period, place), by period
    std::vector<int> last_admitted;                              // period -> place, 0 when none

    ListPlaces(const DerivedLists& lists, const std::vector<int>& matched)
        : of_doctor(lists.doctors.size()), last_admitted(lists.periods.size(), 0) {
        for (size_t p = 0; p < lists.candidates.size(); ++p) {
            const auto& list = lists.candidates[p];
            for (size_t i = 0; i < list.size(); ++i) {
                if (matched[list[i]] == kUnmatched) of_doctor[list[i]].push_back({p, static_cast<int>(i) + 1});
                if (matched[list[i]] == static_cast<int>(p)) last_admitted[p] = static_cast<int>(i) + 1;
            }
        }
    }
    int place(size_t doctor, size_t period) const {
        const auto& v = of_doctor[doctor];
        const auto it = std::lower_bound(v.begin(), v.end(), std::make_pair(period, 0));
        return it != v.end() && it->first == period ? it->second : 0;
    }
};

// By stability the last admitted stands above this GP: the period ranks the GP and the GP would
// rather have it than nothing.
ExplanationDetail filled_detail(const DerivedLists& lists, const ListPlaces& places, size_t period, size_t doctor) {
    const std::string n = std::to_string(lists.instance.capacity[period]);
    const std::string last = std::to_string(places.last_admitted[period]), mine = std::to_string(places.place(doctor, period));
    const std::string where = place_text(lists.periods[period]);
    return {lists.periods[period].period->id, "filled_by_higher_ranked",
            {where + ": alle " + n + " plassene er fylt; den sist tatt inn har nummer " + last +
                 " på periodens liste, du har nummer " + mine + ".",
             where + ": alle " + n + " plassane er fylte; den sist tekne inn har nummer " + last +
                 " på lista til perioden, du har nummer " + mine + ".",
             where + ": all " + n + " places are filled; the last candidate admitted is number " + last +
                 " on the period's list, you are number " + mine + "."}};
}

}  // namespace

std::vector<Explanation> explain(const DerivedLists& lists, const std::vector<int>& matched, const Date& today) {
    std::vector<Explanation> out;
    out.reserve(lists.doctors.size());
    const ListPlaces places(lists, matched);
    for (size_t d = 0; d < lists.doctors.size(); ++d) {
        Explanation e;
        e.doctor_id = lists.doctors[d].profile->id;
        if (matched[d] != kUnmatched) {
            const size_t p = static_cast<size_t>(matched[d]);
            for (const auto& o : lists.options[d])
                if (o.period == p) e.service = o.service;
            e.period_id = lists.periods[p].period->id;
            e.rule = "matched";
            const std::string where = place_text(lists.periods[p]), when = range_text(e.service);
            e.summary = {"Du er tildelt " + where + ", " + when + ".", "Du er tildelt " + where + ", " + when + ".",
                         "You are matched to " + where + ", " + when + "."};
        } else if (!lists.placeable[d].ok) {
            e.rule = "cannot_be_placed";
            e.summary = lists.placeable[d].reason;
            e.details.push_back({"", lists.placeable[d].rule, lists.placeable[d].reason});
        } else if (lists.options[d].empty()) {
            e.rule = "no_feasible_period";
            const std::string n = std::to_string(lists.offered_count);
            e.summary = {"Ingen av de " + n + " utlyste periodene passer for deg.", "Ingen av dei " + n + " utlyste periodane passar for deg.",
                         "None of the " + n + " published periods is feasible for you."};
            // By period id, so the explanation does not depend on the order of the input.
            std::vector<const PairRefusal*> refusals;
            for (const auto& r : lists.refusals[d]) refusals.push_back(&r);
            std::sort(refusals.begin(), refusals.end(), [&](const PairRefusal* a, const PairRefusal* b) {
                return lists.periods[a->period].period->id < lists.periods[b->period].period->id;
            });
            for (const PairRefusal* r : refusals)
                e.details.push_back({lists.periods[r->period].period->id, rule_name(r->check.outcome),
                                     describe(r->check, lists.doctors[d], lists.periods[r->period], today)});
            if (lists.refusals[d].empty()) {
                e.details.push_back({"", "not_wished",
                                     {"Ingen utlyst periode er blant ønskene dine.", "Ingen utlyst periode er blant ønska dine.",
                                      "No published period is among your wishes."}});
            }
        } else {
            e.rule = "filled_by_higher_ranked";
            e.summary = {"Alle periodene som passer for deg, ble fylt av kandidater med høyere prioritet.",
                         "Alle periodane som passar for deg, vart fylte av kandidatar med høgare prioritet.",
                         "Every period feasible for you was filled by candidates ranked above you."};
            for (const auto& o : lists.options[d]) e.details.push_back(filled_detail(lists, places, o.period, d));
        }
        out.push_back(std::move(e));
    }
    return out;
}

DomainMatch match(const MatchingInput& input) {
    DomainMatch m;
    m.lists = derive(input);
    m.matched = solve(m.lists.instance);
    m.explanations = explain(m.lists, m.matched, input.today);
    return m;
}

void to_json(json& j, const Explanation& e) {
    j = {{"doctor_id", e.doctor_id}, {"rule", e.rule}, {"summary", e.summary}};
    j["period_id"] = e.period_id.empty() ? json(nullptr) : json(e.period_id);
    if (!e.period_id.empty()) j["service"] = e.service;
    j["details"] = json::array();
    for (const auto& d : e.details) {
        j["details"].push_back({{"period_id", d.period_id.empty() ? json(nullptr) : json(d.period_id)}, {"rule", d.rule}, {"reason", d.reason}});
    }
}

void to_json(json& j, const DomainMatch& m) {
    j = json::object();
    j["matching"] = json::object();
    j["unmatched"] = json::array();
    for (size_t d = 0; d < m.matched.size(); ++d) {
        const std::string& id = m.lists.doctors[d].profile->id;
        if (m.matched[d] == kUnmatched) j["unmatched"].push_back(id);
        else j["matching"][id] = m.lists.periods[static_cast<size_t>(m.matched[d])].period->id;
    }
    // The derived lists, so the match can be re-run or checked by any solver (`alis-match solve`).
    json residents = json::array(), hospitals = json::array();
    for (size_t d = 0; d < m.lists.doctors.size(); ++d) {
        json ranks = json::array();
        for (const auto& o : m.lists.options[d]) ranks.push_back(m.lists.periods[o.period].period->id);
        residents.push_back({{"id", m.lists.doctors[d].profile->id}, {"ranks", ranks}});
    }
    for (size_t p = 0; p < m.lists.periods.size(); ++p) {
        if (!m.lists.offered[p]) continue;
        json ranks = json::array();
        for (size_t d : m.lists.candidates[p]) ranks.push_back(m.lists.doctors[d].profile->id);
        hospitals.push_back({{"id", m.lists.periods[p].period->id}, {"capacity", m.lists.instance.capacity[p]}, {"ranks", ranks}});
    }
    j["rank_lists"] = {{"residents", residents}, {"hospitals", hospitals}};
    j["explanations"] = m.explanations;
}

}  // namespace alis::matching
