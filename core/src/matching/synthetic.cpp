#include "alis/matching/synthetic.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>

namespace alis::matching {

namespace {

// xorshift64*: std's distributions differ between libstdc++ and Emscripten's libc++.
struct Rng {
    uint64_t s;
    uint32_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return static_cast<uint32_t>((s * 2685821657736338717ULL) >> 32);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<uint32_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

constexpr std::array<const char*, 8> kSpecialties{"indremedisin", "barnesykdommer", "psykiatri", "palliativ medisin",
                                                   "fysikalsk medisin og rehabilitering", "alderspsykiatri", "geriatri", "nevrologi"};

}  // namespace

MatchingInput synthetic_region(const RegionSize& size, uint64_t seed) {
    Rng rng{seed | 1};
    MatchingInput in;
    in.today = {2026, 11, 22};
    const long today = days_from_civil(in.today);
    const auto day = [&](long offset) { return civil_from_days(today + offset); };

    for (int h = 0; h < size.hospitals; ++h) {
        const std::string hid = "hf" + std::to_string(h);
        in.organisations.push_back({hid, OrganisationKind::hospital_trust, "Helseforetak " + std::to_string(h), "", "", false});
        for (size_t s = 0; s < kSpecialties.size(); ++s)
            in.organisations.push_back({hid + "-" + std::to_string(s), OrganisationKind::department,
                                        std::string("Avdeling for ") + kSpecialties[s], hid, kSpecialties[s], false});
    }
    for (int m = 0; m < size.municipalities; ++m)
        in.organisations.push_back({"k" + std::to_string(m), OrganisationKind::municipality, "Kommune " + std::to_string(m), "", "", m < 18});

    for (int p = 0; p < size.periods; ++p) {
        Period period;
        period.id = "p" + std::to_string(p);
        const int h = rng.below(size.hospitals), s = rng.below(static_cast<int>(kSpecialties.size()));
        period.hospital_id = "hf" + std::to_string(h);
        period.department_id = period.hospital_id + "-" + std::to_string(s);
        const Date start = day(40 + rng.below(365));
        period.range = {start, add_days(add_months(start, 4 + rng.below(10)), -1)};
        period.places = rng.chance(80) ? 1 : 2 + rng.below(2);
        period.published_on = day(-rng.below(55));
        period.status = rng.chance(95) ? PeriodStatus::published : PeriodStatus::withdrawn;
        in.periods.push_back(period);
    }

    for (int g = 0; g < size.doctors; ++g) {
        DoctorProfile d;
        d.id = "d" + std::to_string(g);
        d.name = "Lege " + std::to_string(g);
        d.hpr_number = std::to_string(1000000 + g);
        d.municipality_id = "k" + std::to_string(rng.below(size.municipalities));
        d.general_practice_start = day(-365 * 2 - rng.below(365 * 8));
        if (rng.chance(70)) d.alis_start = day(-rng.below(365 * 5));
        d.scheme = rng.chance(10) ? Scheme::old_scheme : Scheme::new_scheme;
        d.learning_objectives_fulfilled = rng.below(100);
        d.mandatory_courses = rng.below(8);
        d.module_courses = rng.below(6);
        d.guidance_group = rng.chance(50);
        d.sector = rng.chance(70) ? Sector::municipal : Sector::private_practice;
        in.doctors.push_back(d);

        const int spans = 1 + rng.below(2);
        for (int a = 0; a < spans; ++a) {
            const Date start = day(20 + rng.below(400));
            in.available_times.push_back({d.id + "-a" + std::to_string(a), d.id, {start, add_months(start, 5 + rng.below(14))}});
        }
        const int wishes = 3 + rng.below(3);
        for (int w = 0; w < wishes; ++w) {
            Wish wish;
            wish.id = d.id + "-w" + std::to_string(w);
            wish.doctor_id = d.id;
            wish.rank = w + 1;
            const std::string hid = "hf" + std::to_string(rng.below(size.hospitals));
            const int s = rng.below(static_cast<int>(kSpecialties.size()));
            // Most GPs name a department or a specialty at a hospital near them; a few take the
            // specialty anywhere, which at national scale means hundreds of periods each.
            const int kind = rng.below(100);
            if (kind < 60) {
                wish.hospital_id = hid;
                wish.department_id = hid + "-" + std::to_string(s);
            } else if (kind < 97) {
                wish.hospital_id = hid;
                wish.specialty = kSpecialties[static_cast<size_t>(s)];
            } else {
                wish.specialty = kSpecialties[static_cast<size_t>(s)];
            }
            in.wishes.push_back(wish);
        }
        if (rng.chance(2)) in.struck.insert(d.id);
        else if (rng.chance(2)) in.placed.insert(d.id);
    }

    if (size.priority_list) {
        std::vector<int> order(static_cast<size_t>(size.doctors));
        std::iota(order.begin(), order.end(), 0);
        for (int i = size.doctors - 1; i > 0; --i) std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng.below(i + 1))]);
        for (int g : order)
            if (rng.chance(80)) in.priority_list.push_back("d" + std::to_string(g));
    }
    return in;
}

Instance synthetic_rank_lists(int residents, int programs, int places, int ranks_per_resident, uint64_t seed) {
    Rng rng{seed | 1};
    Instance in;
    in.capacity.assign(static_cast<size_t>(programs), places / programs);
    for (int i = 0; i < places % programs; ++i) in.capacity[static_cast<size_t>(i)] += 1;
    in.resident_ranks.resize(static_cast<size_t>(residents));
    in.hospital_ranks.resize(static_cast<size_t>(programs));
    std::vector<int> stamp(static_cast<size_t>(programs), -1);
    for (int r = 0; r < residents; ++r) {
        auto& list = in.resident_ranks[static_cast<size_t>(r)];
        const int length = std::min(programs, ranks_per_resident - 3 + rng.below(7));
        while (static_cast<int>(list.size()) < length) {
            // The minimum of two draws makes low-numbered programs more popular.
            const int h = std::min(rng.below(programs), rng.below(programs));
            if (stamp[static_cast<size_t>(h)] == r) continue;
            stamp[static_cast<size_t>(h)] = r;
            list.push_back(h);
        }
    }
    // A common score with program-specific noise; each program ranks all its applicants by it.
    std::vector<int> score(static_cast<size_t>(residents));
    for (auto& s : score) s = rng.below(1000);
    std::vector<std::vector<std::pair<int, int>>> applicants(static_cast<size_t>(programs));
    for (int r = 0; r < residents; ++r)
        for (int h : in.resident_ranks[static_cast<size_t>(r)])
            applicants[static_cast<size_t>(h)].push_back({score[static_cast<size_t>(r)] + rng.below(300), r});
    for (int h = 0; h < programs; ++h) {
        auto& a = applicants[static_cast<size_t>(h)];
        std::sort(a.begin(), a.end(), [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
        for (const auto& [s, r] : a) in.hospital_ranks[static_cast<size_t>(h)].push_back(r);
    }
    return in;
}

}  // namespace alis::matching
