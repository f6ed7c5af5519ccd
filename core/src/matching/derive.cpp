#include "alis/matching/derive.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace alis::matching {

namespace {

// Position of each record when sorted by id, so ties break by id with integer comparisons.
template <typename T>
std::vector<int> id_order(const std::vector<T>& records) {
    std::vector<size_t> by_id(records.size());
    std::iota(by_id.begin(), by_id.end(), size_t{0});
    std::sort(by_id.begin(), by_id.end(), [&](size_t a, size_t b) { return records[a].id < records[b].id; });
    std::vector<int> order(records.size());
    for (size_t i = 0; i < by_id.size(); ++i) order[by_id[i]] = static_cast<int>(i);
    return order;
}

using PeriodIndex = std::unordered_map<std::string_view, std::vector<size_t>>;

// Hospital, department and specialty names as small integers, so testing whether a wish covers a
// period compares integers rather than strings for each of the many pairs.
class Interner {
public:
    static constexpr int kAny = -1;      // the wish leaves this out
    static constexpr int kUnknown = -2;  // named by a wish but by no period: covers nothing
    int add(std::string_view s) { return ids_.emplace(s, static_cast<int>(ids_.size())).first->second; }
    int find(const std::string& s) const {
        if (s.empty()) return kAny;
        const auto it = ids_.find(s);
        return it == ids_.end() ? kUnknown : it->second;
    }

private:
    std::unordered_map<std::string_view, int> ids_;
};

struct PlaceKey {
    int hospital, department, specialty;
};

// The same test as wish_covers, on interned names.
bool covers(const PlaceKey& wish, const PlaceKey& period) {
    if (wish.hospital == Interner::kAny && wish.department == Interner::kAny && wish.specialty == Interner::kAny) return false;
    return (wish.hospital == Interner::kAny || wish.hospital == period.hospital) &&
           (wish.department == Interner::kAny || wish.department == period.department) &&
           (wish.specialty == Interner::kAny || wish.specialty == period.specialty);
}

}  // namespace

uint64_t lottery_draw(uint64_t seed, const std::string& doctor_id) {
    // FNV-1a over the id, then splitmix64 with the seed: the same on every platform.
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char ch : doctor_id) h = (h ^ ch) * 1099511628211ull;
    uint64_t z = h + seed * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t lottery_seed_for(const MatchingInput& in) {
    if (in.lottery_seed != 0) return in.lottery_seed;
    const uint64_t s = lottery_draw(0, to_iso(in.today));
    return s == 0 ? 1 : s;
}

DerivedLists derive(const MatchingInput& in) {
    DerivedLists out;
    const size_t n_doctors = in.doctors.size(), n_periods = in.periods.size();

    std::unordered_map<std::string_view, const Organisation*> orgs;
    for (const auto& o : in.organisations) orgs.emplace(o.id, &o);
    const auto name_of = [&](const std::string& id) { const auto it = orgs.find(id); return it == orgs.end() ? id : it->second->name; };

    std::unordered_map<std::string_view, size_t> doctor_index;
    out.doctors.resize(n_doctors);
    for (size_t d = 0; d < n_doctors; ++d) {
        doctor_index.emplace(in.doctors[d].id, d);
        out.doctors[d].profile = &in.doctors[d];
        out.doctors[d].struck = in.struck.count(in.doctors[d].id) > 0;
        out.doctors[d].placed = in.placed.count(in.doctors[d].id) > 0;
    }
    for (const auto& w : in.wishes) {
        if (const auto it = doctor_index.find(w.doctor_id); it != doctor_index.end()) out.doctors[it->second].wishes.push_back(&w);
    }
    for (const auto& a : in.available_times) {
        if (const auto it = doctor_index.find(a.doctor_id); it != doctor_index.end()) out.doctors[it->second].available.push_back(a.range);
    }
    for (auto& d : out.doctors) {
        // Two wishes may share a rank; the id decides, so the input's order never does.
        std::sort(d.wishes.begin(), d.wishes.end(),
                  [](const Wish* a, const Wish* b) { return std::tie(a->rank, a->id) < std::tie(b->rank, b->id); });
        // Touching and overlapping spans are one stretch of free time (rules.hpp).
        d.available = join_free_time(std::move(d.available));
    }

    // Periods indexed by department, specialty and hospital, so a wish looks only at periods that
    // could fulfil it instead of at every period.
    PeriodIndex by_department, by_specialty, by_hospital;
    Interner names;
    std::vector<PlaceKey> period_key(n_periods);
    // Normalised specialties (rules.hpp), kept here because the index and interner hold views of them.
    std::vector<std::string> specialty_key(n_periods);
    out.periods.resize(n_periods);
    out.offered.assign(n_periods, false);
    for (size_t p = 0; p < n_periods; ++p) {
        const Period& period = in.periods[p];
        PeriodPlace& place = out.periods[p];
        place.period = &period;
        const auto dept = orgs.find(period.department_id);
        place.specialty = !period.specialty.empty() || dept == orgs.end() ? period.specialty : dept->second->specialty;
        place.hospital_name = name_of(period.hospital_id);
        place.department_name = name_of(period.department_id);
        specialty_key[p] = normalise_specialty(place.specialty);
        period_key[p] = {names.add(period.hospital_id), names.add(period.department_id), names.add(specialty_key[p])};
        place.held = in.held.count(period.id) > 0;
        if (!offered(period, in.today, place.held).ok) continue;
        out.offered[p] = true;
        ++out.offered_count;
        by_department[period.department_id].push_back(p);
        by_specialty[specialty_key[p]].push_back(p);
        by_hospital[period.hospital_id].push_back(p);
    }

    out.placeable.resize(n_doctors);
    out.scores.resize(n_doctors);
    out.priority_position.assign(n_doctors, -1);
    for (size_t i = 0; i < in.priority_list.size(); ++i) {
        // Inputs built without parse_matching_input may repeat an id: the first place counts.
        const auto it = doctor_index.find(in.priority_list[i]);
        if (it != doctor_index.end() && out.priority_position[it->second] < 0) out.priority_position[it->second] = static_cast<int>(i);
    }
    for (size_t d = 0; d < n_doctors; ++d) {
        const auto muni = orgs.find(in.doctors[d].municipality_id);
        const bool party = muni != orgs.end() && muni->second->party_to_agreement;
        out.scores[d] = priority_score(in.doctors[d], party, in.today, in.weights);
        out.placeable[d] = can_be_placed(out.doctors[d]);
    }

    // Visiting GPs in the periods' common order (regional list, then score, then id) fills every
    // period's candidate list already sorted.
    // Finer criteria for GPs every coarser one leaves equal: months (not years) in general practice,
    // then a lottery drawn per run with a recorded seed, so no GP loses every tie by their id.
    out.lottery_seed = lottery_seed_for(in);
    out.general_practice_months.resize(n_doctors);
    out.lottery.resize(n_doctors);
    for (size_t d = 0; d < n_doctors; ++d) {
        out.general_practice_months[d] = whole_months_between(in.doctors[d].general_practice_start, in.today);
        out.lottery[d] = lottery_draw(out.lottery_seed, in.doctors[d].id);
    }
    // The municipality's own order breaks ties before the lottery. Comparing "same municipality: list
    // order, else lottery" is not transitive (std::sort needs it to be), so instead each list hands
    // its GPs' draws out again in list order: the smallest draw to the highest-listed GP. Ordering by
    // draw then agrees with every municipality's order and stays a lottery between municipalities.
    out.weights = in.weights;
    out.municipal_list.assign(n_doctors, -1);
    std::vector<size_t> listed;
    std::vector<uint64_t> draws;
    for (size_t l = 0; l < in.municipal_lists.size(); ++l) {
        const auto& list = in.municipal_lists[l];
        listed.clear();
        draws.clear();
        for (const auto& id : list) {
            // Inputs built without parse_matching_input may repeat a GP: the first list's place counts.
            const auto it = doctor_index.find(id);
            if (it == doctor_index.end() || out.municipal_list[it->second] >= 0) continue;
            out.municipal_list[it->second] = static_cast<int>(l);
            listed.push_back(it->second);
            draws.push_back(out.lottery[it->second]);
        }
        std::sort(draws.begin(), draws.end());
        for (size_t i = 0; i < listed.size(); ++i) out.lottery[listed[i]] = draws[i];
    }
    const std::vector<int> doctor_by_id = id_order(in.doctors);
    std::vector<size_t> visit(n_doctors);
    std::iota(visit.begin(), visit.end(), size_t{0});
    const auto key = [&](size_t d) {
        const int listed = out.priority_position[d];
        return std::make_tuple(listed < 0 ? 1 : 0, listed, -out.scores[d].total(), -out.general_practice_months[d], out.lottery[d],
                               doctor_by_id[d]);
    };
    std::sort(visit.begin(), visit.end(), [&](size_t a, size_t b) { return key(a) < key(b); });

    const std::vector<int> period_by_id = id_order(in.periods);
    out.options.resize(n_doctors);
    out.refusals.resize(n_doctors);
    out.candidates.resize(n_periods);
    std::vector<size_t> seen_by(n_periods, n_doctors);  // which doctor last looked at a period
    static const std::vector<size_t> kNone;
    std::vector<PlaceKey> wish_key;
    std::vector<const Wish*> covering;
    for (size_t d : visit) {
        if (!out.placeable[d].ok) continue;  // explained once, not per period
        const DoctorSituation& doctor = out.doctors[d];
        const Date eligible_on = eligible_from(in.doctors[d].general_practice_start);
        const int months = required_service_months(in.doctors[d].scheme);
        wish_key.clear();
        for (const Wish* w : doctor.wishes)
            wish_key.push_back({names.find(w->hospital_id), names.find(w->department_id), names.find(normalise_specialty(w->specialty))});
        for (const Wish* w : doctor.wishes) {
            // The smallest index list that holds every period the wish covers.
            const std::vector<size_t>* pool = nullptr;
            const auto narrow = [&](const PeriodIndex& index, const std::string& key_id) {
                if (key_id.empty()) return;
                const auto it = index.find(key_id);
                const std::vector<size_t>* found = it == index.end() ? &kNone : &it->second;
                if (!pool || found->size() < pool->size()) pool = found;
            };
            narrow(by_department, w->department_id);
            narrow(by_hospital, w->hospital_id);
            narrow(by_specialty, normalise_specialty(w->specialty));
            for (size_t p : pool ? *pool : kNone) {
                if (seen_by[p] == d) continue;
                covering.clear();
                for (size_t i = 0; i < doctor.wishes.size(); ++i)
                    if (covers(wish_key[i], period_key[p])) covering.push_back(doctor.wishes[i]);
                if (covering.empty() || covering.front() != w) continue;  // its best covering wish visits it
                seen_by[p] = d;
                const PairCheck c = check_windows(covering, doctor.available, in.periods[p].range, in.today, eligible_on, months);
                if (c.ok()) {
                    out.options[d].push_back({p, c.wish_rank, c.window});
                    out.candidates[p].push_back(d);
                } else {
                    out.refusals[d].push_back({p, c});
                }
            }
        }
        std::sort(out.options[d].begin(), out.options[d].end(), [&](const PeriodOption& a, const PeriodOption& b) {
            return std::tie(a.wish_rank, a.service.start, period_by_id[a.period]) <
                   std::tie(b.wish_rank, b.service.start, period_by_id[b.period]);
        });
    }

    out.instance.resident_ranks.resize(n_doctors);
    for (size_t d = 0; d < n_doctors; ++d) {
        auto& ranks = out.instance.resident_ranks[d];
        ranks.reserve(out.options[d].size());
        for (const auto& o : out.options[d]) ranks.push_back(static_cast<int>(o.period));
    }
    out.instance.hospital_ranks.resize(n_periods);
    out.instance.capacity.resize(n_periods);
    for (size_t p = 0; p < n_periods; ++p) {
        out.instance.capacity[p] = out.offered[p] ? in.periods[p].places : 0;
        for (size_t d : out.candidates[p]) out.instance.hospital_ranks[p].push_back(static_cast<int>(d));
    }
    return out;
}

}  // namespace alis::matching
