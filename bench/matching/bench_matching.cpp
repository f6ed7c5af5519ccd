// Prints how long the matching takes and how much memory it peaks at, for one size per run (so peak
// memory belongs to that size alone):
//   bench_matching regional   500 GPs, 300 periods: derive rank lists, solve, explain
//   bench_matching national   5,000 GPs, 3,000 periods
//   bench_matching nrmp       explicit lists: 45,000 residents, 6,400 programs, 41,500 places, ~12 ranks
// Times are the median and the minimum wall-clock time of several runs, and the mean processor time
// per run, in milliseconds. Never fails on time.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "alis/matching/explain.hpp"
#include "alis/matching/synthetic.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <sys/resource.h>
#endif

namespace {

using namespace alis::matching;

struct Timing {
    double median_ms;
    double min_ms;
    double cpu_ms;  // mean processor time per run (std::clock), less disturbed by other load
};

Timing time_runs(int runs, const std::function<void()>& body) {
    std::vector<double> ms;
    const std::clock_t cpu_start = std::clock();
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / runs;
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), cpu_ms};
}

void print_timing(const char* size, const char* phase, const Timing& t, const std::string& note) {
#ifdef __EMSCRIPTEN__
    // Emscripten's std::clock is wall time in whole milliseconds, so there is no processor time here.
    std::printf("%-9s %-8s median %9.2f ms   min %9.2f ms   cpu       n/a      %s\n", size, phase, t.median_ms, t.min_ms, note.c_str());
#else
    std::printf("%-9s %-8s median %9.2f ms   min %9.2f ms   cpu %9.2f ms   %s\n", size, phase, t.median_ms, t.min_ms, t.cpu_ms,
                note.c_str());
#endif
}

// Peak memory of this run. Natively: the process's peak resident set (getrusage ru_maxrss). Under
// Node: the WebAssembly linear memory, which only grows, so its size is the program's peak heap;
// Node's own resident set is printed beside it for comparison.
void print_memory(const char* size) {
#ifdef __EMSCRIPTEN__
    const double wasm_mb = static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1024.0 * 1024.0);
    const double node_rss_mb = EM_ASM_DOUBLE({ return process.memoryUsage().rss; }) / (1024.0 * 1024.0);
    std::printf("%-9s memory   wasm linear memory (peak heap) %.1f MB; node process rss %.1f MB\n", size, wasm_mb, node_rss_mb);
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%-9s memory   peak resident set (ru_maxrss) %.1f MB\n", size, static_cast<double>(usage.ru_maxrss) / 1024.0);
#endif
}

size_t count_matched(const std::vector<int>& m) {
    return static_cast<size_t>(std::count_if(m.begin(), m.end(), [](int h) { return h != kUnmatched; }));
}

void bench_domain(const char* name, const RegionSize& size, int runs) {
    const MatchingInput input = synthetic_region(size, 2026);
    size_t list_entries = 0, matched = 0, offered = 0;
    const Timing derive_t = time_runs(runs, [&] {
        const DerivedLists lists = derive(input);
        list_entries = 0;
        for (const auto& l : lists.instance.resident_ranks) list_entries += l.size();
        offered = lists.offered_count;
    });
    const DerivedLists lists = derive(input);
    std::vector<int> matched_lists;
    const Timing solve_t = time_runs(runs, [&] { matched_lists = solve(lists.instance); });
    matched = count_matched(matched_lists);
    const Timing explain_t = time_runs(runs, [&] { (void)explain(lists, matched_lists, input.today); });
    const Timing total_t = time_runs(runs, [&] { (void)match(input); });
    char note[200];
    std::snprintf(note, sizeof note, "%d GPs, %zu offered periods, %zu feasible pairs", size.doctors, offered, list_entries);
    print_timing(name, "derive", derive_t, note);
    std::snprintf(note, sizeof note, "%zu GPs matched", matched);
    print_timing(name, "solve", solve_t, note);
    print_timing(name, "explain", explain_t, "");
    print_timing(name, "total", total_t, "derive + solve + explain");
    print_memory(name);
}

void bench_nrmp(int runs) {
    const Instance in = synthetic_rank_lists(45000, 6400, 41500, 12, 2026);
    size_t entries = 0;
    for (const auto& l : in.resident_ranks) entries += l.size();
    std::vector<int> m;
    const Timing t = time_runs(runs, [&] { m = solve(in); });
    char note[200];
    std::snprintf(note, sizeof note, "%zu resident rank entries, %zu residents matched", entries, count_matched(m));
    print_timing("nrmp", "solve", t, note);
    print_memory("nrmp");
}

}  // namespace

int main(int argc, char** argv) {
    const std::string size = argc > 1 ? argv[1] : "";
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    if (size == "regional") {
        bench_domain("regional", RegionSize{500, 300, 10, 40, true}, runs);
    } else if (size == "national") {
        bench_domain("national", RegionSize{5000, 3000, 60, 356, true}, runs);
    } else if (size == "nrmp") {
        bench_nrmp(runs);
    } else {
        std::fprintf(stderr, "usage: bench_matching regional|national|nrmp [runs]\n");
        return 2;
    }
    return 0;
}
