// The office's domain queries on small states worked out by hand: the regional-list proposal and
// the overview figures (alis/sync/regional_proposal.hpp, alis/sync/overview.hpp).
#include <doctest/doctest.h>

#include "alis/sync/overview.hpp"
#include "alis/sync/regional_proposal.hpp"

using namespace alis;
using namespace alis::sync;

namespace {

// Each municipality's list, first priority first; a name starting with '-' is struck.
void lists(PortalState& s, const std::map<std::string, std::vector<std::string>>& by_municipality) {
    for (const auto& [municipality, doctors] : by_municipality) {
        for (std::size_t i = 0; i < doctors.size(); ++i) {
            Candidate c;
            c.id = municipality + "-" + std::to_string(i + 1), c.municipality_id = municipality;
            c.struck = doctors[i][0] == '-';
            c.doctor_id = doctors[i].substr(c.struck ? 1 : 0), c.position = static_cast<int>(i) + 1;
            s.candidates[c.id] = c;
        }
    }
}

void period(PortalState& s, const std::string& id, PeriodStatus status, int places, const Date& published_on) {
    Period p;
    p.id = id, p.status = status, p.places = places, p.published_on = published_on;
    s.periods[id] = p;
}

void offer(PortalState& s, const std::string& id, const std::string& doctor, OfferStatus status) {
    Offer o;
    o.id = id, o.doctor_id = doctor, o.status = status;
    s.offers[id] = o;
}

}  // namespace

TEST_CASE("the proposal takes each municipality's first priority, then each second; the higher score first within a round") {
    PortalState s;
    lists(s, {{"bergen", {"a", "b", "c"}}, {"stavanger", {"d", "e"}}, {"voss", {"-f", "g"}}});
    const std::map<std::string, int> score{{"a", 10}, {"b", 5}, {"c", 1}, {"d", 20}, {"e", 5}, {"f", 99}, {"g", 7}};
    // Round 1: d (20), a (10); f is struck. Round 2: g (7), then b and e tie at 5, the lower id first.
    // Round 3: c.
    CHECK(regional_list_proposal(s, score) == std::vector<std::string>{"d", "a", "g", "b", "e", "c"});
}

TEST_CASE("a doctor on two municipal lists stands once, at the first place; one without a score counts as 0") {
    PortalState s;
    lists(s, {{"bergen", {"a", "b"}}, {"stavanger", {"b", "x"}}});
    const std::map<std::string, int> score{{"a", 3}, {"b", 4}};
    // Round 1: b (4), a (3). Round 2: b again (left out), x (no score: 0).
    CHECK(regional_list_proposal(s, score) == std::vector<std::string>{"b", "a", "x"});
    CHECK(regional_list_proposal(PortalState{}, score).empty());
}

TEST_CASE("overview figures: periods by status, open places, accepted offers, and each GP counted once") {
    PortalState s;
    const Date published{2026, 11, 1};
    period(s, "p1", PeriodStatus::published, 2, published);
    period(s, "p2", PeriodStatus::published, 3, published);
    period(s, "p3", PeriodStatus::filled, 1, published);
    period(s, "p4", PeriodStatus::released, 1, published);
    period(s, "p5", PeriodStatus::withdrawn, 4, published);
    period(s, "p6", PeriodStatus::withdrawn, 1, published);
    for (const char* d : {"d1", "d2", "d3", "d4"}) s.doctors[d].id = d;
    s.available_times["at1"] = {"at1", "d1", {}};
    s.available_times["at2"] = {"at2", "d1", {}};  // d1 twice: one GP
    s.available_times["at3"] = {"at3", "d2", {}};
    s.wishes["w1"].doctor_id = "d3";
    s.wishes["w2"].doctor_id = "d3";
    offer(s, "o1", "d1", OfferStatus::accepted);
    offer(s, "o2", "d1", OfferStatus::accepted);  // two places for one GP: two offers, one placed GP
    offer(s, "o3", "d2", OfferStatus::pending);
    offer(s, "o4", "d3", OfferStatus::declined);
    lists(s, {{"bergen", {"-d2"}}, {"voss", {"-d2", "d4"}}});
    s.regional_lists["regional"].doctor_ids = {"d4", "d1"};

    OverviewFigures want;
    want.open = 2, want.open_places = 5, want.filled = 1, want.accepted = 2, want.released = 1, want.withdrawn = 2;
    want.profiles = 4, want.with_free_time = 2, want.with_wishes = 1, want.on_regional_list = 2, want.placed = 1, want.struck = 1;
    CHECK(overview_figures(s) == want);
    CHECK(overview_figures(PortalState{}) == OverviewFigures{});
}

TEST_CASE("releasing soon: open periods at most 14 days from their two-month release, or past it, soonest first") {
    PortalState s;
    const Date today{2026, 11, 22};
    period(s, "p-late", PeriodStatus::published, 1, {2026, 9, 20});    // released 20 Nov: -2 days
    period(s, "p-nine", PeriodStatus::published, 1, {2026, 10, 1});    // 1 Dec: 9 days
    period(s, "p-edge", PeriodStatus::published, 1, {2026, 10, 8});    // 8 Dec: 16 days, not soon
    period(s, "p-14", PeriodStatus::published, 1, {2026, 10, 6});      // 6 Dec: 14 days, still soon
    period(s, "a-nine", PeriodStatus::published, 1, {2026, 10, 1});    // 9 days, same as p-nine: by id
    period(s, "p-filled", PeriodStatus::filled, 1, {2026, 9, 1});      // not open
    period(s, "p-gone", PeriodStatus::withdrawn, 1, {2026, 9, 1});     // not open
    const auto soon = releasing_soon(s, today);
    std::vector<std::pair<long, std::string>> got;
    for (const auto& r : soon) got.push_back({r.days, r.period->id});
    CHECK(got == std::vector<std::pair<long, std::string>>{{-2, "p-late"}, {9, "a-nine"}, {9, "p-nine"}, {14, "p-14"}});
    CHECK(releasing_soon(s, today, 8).size() == 1);
}
