// Every sentence the matching can say, over random regions, in nb, nn and en: no internal ids, no
// English (wire) words in Norwegian, and counts that agree with their nouns for 0, 1 and 2.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

#include "alis/matching/explain.hpp"
#include "alis/matching/synthetic.hpp"
#include "instance_checks.hpp"

using namespace alis;
using namespace alis::matching;

namespace {

// Tokens of letters, digits and '-', the characters ids are made of; dates split at their dots.
std::vector<std::string> tokens(const std::string& s) {
    std::vector<std::string> out;
    std::string t;
    for (const char ch : s) {
        const bool part = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
        if (part) t += ch;
        else if (!t.empty()) out.push_back(std::move(t)), t.clear();
    }
    if (!t.empty()) out.push_back(t);
    return out;
}

const std::set<std::string> kEnglish = {"published", "withdrawn", "released", "filled", "status", "the", "and", "is", "of"};

// A number followed by the wrong form of its noun: "1 hele måneder", "de 1 utlyste", "alle 1 plassene".
const std::regex kBadNb(R"((^|[^0-9])1 (hele|heile) |(^|[^0-9])1 whole months|(^|[^0-9])[02-9] hel måned|(^|[^0-9])[02-9] heil månad|(^|[^0-9])[02-9] whole month[^s]|de 1 |dei 1 |alle 1 |the 1 |all 1 |(^|[^0-9])1 places)");

void check_text(const Text& t, const std::set<std::string>& ids) {
    for (const std::string* s : {&t.nb, &t.nn, &t.en}) {
        INFO(*s);
        CHECK_FALSE(s->empty());
        for (const auto& tok : tokens(*s)) CHECK_MESSAGE(ids.count(tok) == 0, "id in text: " << tok);
        CHECK_FALSE(std::regex_search(*s, kBadNb));
    }
    for (const std::string* s : {&t.nb, &t.nn}) {
        INFO(*s);
        for (const auto& tok : tokens(*s)) CHECK_MESSAGE(kEnglish.count(tok) == 0, "English word in Norwegian: " << tok);
    }
}

}  // namespace

TEST_CASE("explanations and reasons over 300 random regions: no ids, no English in Norwegian, plurals agree") {
    testing::Rng rng{20261202};
    for (int run = 0; run < 300; ++run) {
        RegionSize size;
        size.doctors = 1 + rng.below(12);
        size.periods = rng.below(4);  // 0, 1, 2 and 3 periods offered: every count's wording
        size.hospitals = 1 + rng.below(2);
        size.municipalities = 20;
        MatchingInput in = synthetic_region(size, rng.next());
        for (auto& p : in.periods) {
            const int k = rng.below(10);
            if (k == 0) p.status = PeriodStatus::released;
            if (k == 1) p.status = PeriodStatus::filled;
            if (k == 2) p.published_on = add_months(in.today, -3);  // released by the two-month rule
        }
        std::set<std::string> ids;
        for (const auto& o : in.organisations) ids.insert(o.id);
        for (const auto& d : in.doctors) ids.insert(d.id);
        for (const auto& p : in.periods) ids.insert(p.id);
        for (const auto& w : in.wishes) ids.insert(w.id);
        const DomainMatch m = match(in);
        for (const auto& e : m.explanations) {
            check_text(e.summary, ids);
            check_text(e.summary_staff, ids);
            for (const auto& d : e.details) check_text(d.reason, ids);
        }
        // Every pair as the GP's screen words it, also periods no wish covers.
        for (size_t d = 0; d < m.lists.doctors.size(); ++d)
            for (size_t p = 0; p < m.lists.periods.size(); ++p)
                check_text(describe(check_pair(m.lists.doctors[d], m.lists.periods[p], in.today), m.lists.doctors[d], m.lists.periods[p], in.today), ids);
    }
}

TEST_CASE("a released period says when it went out as an ordinary substitute post; status words are Norwegian") {
    Period p;
    p.published_on = {2027, 3, 1};
    p.status = PeriodStatus::released;
    CHECK(offered(p, {2027, 5, 2}).reason.nb == "Perioden er lyst ut som ordinært vikariat 01.05.2027.");
    p.status = PeriodStatus::withdrawn;
    CHECK(offered(p, {2027, 3, 2}).reason.nb == "Perioden er trukket tilbake.");
    p.status = PeriodStatus::filled;
    CHECK(offered(p, {2027, 3, 2}).reason.nn == "Perioden er fylt.");
}
