#include "alis/matching/explain.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace alis::matching {

using nlohmann::json;

namespace {

std::string range_text(const DateRange& r) { return to_norwegian(r.start) + "–" + to_norwegian(r.end); }

// Names and dates, never the internal id: "Helse Bergen, Medisinsk avdeling (01.02.2027–31.07.2027)".
std::string place_text(const PeriodPlace& p) {
    return p.hospital_name + ", " + p.department_name + " (" + range_text(p.period->range) + ")";
}

// Where GPs stand on period lists, computed once for all explanations: the 1-based place of each
// listed GP on each period's list (by period, for binary search), and each period's last admitted.
struct ListPlaces {
    std::vector<std::vector<std::pair<size_t, int>>> of_doctor;  // doctor -> (period, place), by period
    std::vector<int> last_admitted;                              // period -> place, 0 when none
    std::vector<size_t> last_admitted_doctor;                    // period -> doctor, when last_admitted > 0

    ListPlaces(const DerivedLists& lists, const std::vector<int>& matched)
        : of_doctor(lists.doctors.size()), last_admitted(lists.periods.size(), 0), last_admitted_doctor(lists.periods.size(), 0) {
        for (size_t p = 0; p < lists.candidates.size(); ++p) {
            const auto& list = lists.candidates[p];
            for (size_t i = 0; i < list.size(); ++i) {
                if (matched[list[i]] == kUnmatched) of_doctor[list[i]].push_back({p, static_cast<int>(i) + 1});
                if (matched[list[i]] == static_cast<int>(p)) {
                    last_admitted[p] = static_cast<int>(i) + 1;
                    last_admitted_doctor[p] = list[i];
                }
            }
        }
    }
    int place(size_t doctor, size_t period) const {
        const auto& v = of_doctor[doctor];
        const auto it = std::lower_bound(v.begin(), v.end(), std::make_pair(period, 0));
        return it != v.end() && it->first == period ? it->second : 0;
    }
};

// "den ene plassen er fylt" / "alle 2 plassene er fylt", in each language.
Text places_filled(int n) {
    if (n == 1) return {"den ene plassen er fylt", "den eine plassen er fylt", "the one place is filled"};
    const std::string k = std::to_string(n);
    return {"alle " + k + " plassene er fylt", "alle " + k + " plassane er fylte", "all " + k + " places are filled"};
}

// Neither GP is on the regional list (or both at the same place, which cannot happen) and their
// priority scores are equal: the period's list put one first only to make its order total.
bool tied(const DerivedLists& lists, size_t a, size_t b) {
    return lists.priority_position[a] == lists.priority_position[b] && lists.scores[a].total() == lists.scores[b].total();
}

// By stability the last admitted stands above this GP: the period ranks the GP and the GP would
// rather have it than nothing. Whether above by priority or only by the order among equal scores
// is said as it is; the other candidate is never named.
ExplanationDetail filled_detail(const DerivedLists& lists, const ListPlaces& places, size_t period, size_t doctor) {
    const Text filled = places_filled(lists.instance.capacity[period]);
    const std::string last = std::to_string(places.last_admitted[period]), mine = std::to_string(places.place(doctor, period));
    const std::string where = place_text(lists.periods[period]);
    const std::string& id = lists.periods[period].period->id;
    if (places.last_admitted[period] > 0 && tied(lists, places.last_admitted_doctor[period], doctor)) {
        const std::string points = std::to_string(lists.scores[doctor].total());
        const size_t other = places.last_admitted_doctor[period];
        if (lists.general_practice_months[other] != lists.general_practice_months[doctor]) {
            return {id, "tie",
                    {where + ": " + filled.nb + "; den sist tatt inn har lik poengsum med deg (" + points +
                         " poeng), og ved lik poengsum går lengre tid i allmennpraksis (i måneder) foran.",
                     where + ": " + filled.nn + "; den sist tekne inn har lik poengsum med deg (" + points +
                         " poeng), og ved lik poengsum går lengre tid i allmennpraksis (i månader) framfor.",
                     where + ": " + filled.en + "; the last candidate admitted has an equal score (" + points +
                         " points), and on equal scores more time in general practice (in months) goes first."}};
        }
        const int list = lists.municipal_list[doctor];
        if (list >= 0 && lists.municipal_list[other] == list) {
            return {id, "tie",
                    {where + ": " + filled.nb + "; den sist tatt inn har lik poengsum med deg (" + points +
                         " poeng) og like lang tid i allmennpraksis, og kommunen har satt den foran deg på sin liste.",
                     where + ": " + filled.nn + "; den sist tekne inn har lik poengsum med deg (" + points +
                         " poeng) og like lang tid i allmennpraksis, og kommunen har sett den framfor deg på lista si.",
                     where + ": " + filled.en + "; the last candidate admitted has an equal score (" + points +
                         " points) and as much time in general practice, and the municipality listed them before you."}};
        }
        return {id, "tie",
                {where + ": " + filled.nb + "; den sist tatt inn har lik poengsum med deg (" + points +
                     " poeng) og like lang tid i allmennpraksis; loddtrekningen for denne tildelingen satte den foran deg.",
                 where + ": " + filled.nn + "; den sist tekne inn har lik poengsum med deg (" + points +
                     " poeng) og like lang tid i allmennpraksis; loddtrekninga for denne tildelinga sette den framfor deg.",
                 where + ": " + filled.en + "; the last candidate admitted has an equal score (" + points +
                     " points) and as much time in general practice; this run's lottery put them before you."}};
    }
    return {id, "filled_by_higher_ranked",
            {where + ": " + filled.nb + "; den sist tatt inn har nummer " + last + " på periodens liste, du har nummer " + mine + ".",
             where + ": " + filled.nn + "; den sist tekne inn har nummer " + last + " på lista til perioden, du har nummer " + mine + ".",
             where + ": " + filled.en + "; the last candidate admitted is number " + last + " on the period's list, you are number " + mine +
                 "."}};
}

// "Ingen av de 2 utlyste periodene passer" with the count in the right number.
Text none_fit(size_t n, const std::string& name) {
    const std::string k = std::to_string(n);
    if (name.empty()) {
        if (n == 0) return {"Ingen perioder er utlyst nå.", "Ingen periodar er lyste ut no.", "No periods are published now."};
        if (n == 1) return {"Den ene utlyste perioden passer ikke for deg.", "Den eine utlyste perioden passar ikkje for deg.",
                            "The one published period is not feasible for you."};
        return {"Ingen av de " + k + " utlyste periodene passer for deg.", "Ingen av dei " + k + " utlyste periodane passar for deg.",
                "None of the " + k + " published periods is feasible for you."};
    }
    if (n == 0) return {"Ingen perioder er utlyst nå.", "Ingen periodar er lyste ut no.", "No periods are published now."};
    if (n == 1) return {"Den ene utlyste perioden passer ikke for " + name + ".", "Den eine utlyste perioden passar ikkje for " + name + ".",
                        "The one published period is not feasible for " + name + "."};
    return {"Ingen av de " + k + " utlyste periodene passer for " + name + ".",
            "Ingen av dei " + k + " utlyste periodane passar for " + name + ".",
            "None of the " + k + " published periods is feasible for " + name + "."};
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
            const PeriodPlace& place = lists.periods[p];
            const std::string where = place.hospital_name + ", " + place.department_name, when = range_text(e.service);
            const std::string& name = lists.doctors[d].profile->name;
            e.summary = {"Du er foreslått til " + where + ", " + when + ".", "Du er føreslått til " + where + ", " + when + ".",
                         "You are proposed for " + where + ", " + when + "."};
            e.summary_staff = {name + " er foreslått til " + where + ", " + when + ".", name + " er føreslått til " + where + ", " + when + ".",
                               name + " is proposed for " + where + ", " + when + "."};
        } else if (!lists.placeable[d].ok) {
            e.rule = "cannot_be_placed";
            e.summary = lists.placeable[d].reason;
            e.summary_staff = can_be_placed_staff(lists.doctors[d]);
            e.details.push_back({"", lists.placeable[d].rule, lists.placeable[d].reason});
        } else if (lists.options[d].empty()) {
            e.rule = "no_feasible_period";
            e.summary = none_fit(lists.offered_count, "");
            e.summary_staff = none_fit(lists.offered_count, lists.doctors[d].profile->name);
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
            for (const auto& o : lists.options[d]) e.details.push_back(filled_detail(lists, places, o.period, d));
            const bool any_tie = std::any_of(e.details.begin(), e.details.end(), [](const auto& x) { return x.rule == "tie"; });
            const std::string& name = lists.doctors[d].profile->name;
            if (any_tie) {
                e.summary = {"Alle periodene som passer for deg, er fylt, av kandidater foran deg på listen eller med lik poengsum.",
                             "Alle periodane som passar for deg, er fylte, av kandidatar framfor deg på lista eller med lik poengsum.",
                             "Every period feasible for you is filled, by candidates above you on the list or with an equal score."};
                e.summary_staff = {"Alle periodene som passer for " + name + ", er fylt, av kandidater foran på listen eller med lik poengsum.",
                                   "Alle periodane som passar for " + name + ", er fylte, av kandidatar framfor på lista eller med lik poengsum.",
                                   "Every period feasible for " + name + " is filled, by candidates above on the list or with an equal score."};
            } else {
                e.summary = {"Alle periodene som passer for deg, ble fylt av kandidater med høyere prioritet.",
                             "Alle periodane som passar for deg, vart fylte av kandidatar med høgare prioritet.",
                             "Every period feasible for you was filled by candidates ranked above you."};
                e.summary_staff = {"Alle periodene som passer for " + name + ", ble fylt av kandidater med høyere prioritet.",
                                   "Alle periodane som passar for " + name + ", vart fylte av kandidatar med høgare prioritet.",
                                   "Every period feasible for " + name + " was filled by candidates ranked above."};
            }
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

Text lottery_note(uint64_t seed) {
    const std::string n = std::to_string(seed);
    return {"Når alle kriteriene er like, avgjør loddtrekning med frø " + n + " (samme frø gir samme rekkefølge).",
            "Når alle kriteria er like, avgjer loddtrekning med frø " + n + " (same frø gjev same rekkjefølgje).",
            "When every criterion is equal, a lottery with seed " + n + " decides (the same seed gives the same order)."};
}

void to_json(json& j, const Explanation& e) {
    // summary_staff names the GP; the JSON answer carries no names (see docs/matching.md).
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
    j["lottery_seed"] = m.lists.lottery_seed;  // recorded, so the run can be repeated exactly
    j["weights"] = m.lists.weights;            // with their version: which weights ranked the candidates
    j["explanations"] = m.explanations;
}

}  // namespace alis::matching
