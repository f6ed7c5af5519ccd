#include "alis/sync/evaluation_report.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "alis/csv.hpp"
#include "alis/text.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

std::string name_of(const std::map<std::string, std::string>& names, const std::string& id) {
    const auto it = names.find(id);
    return it == names.end() || it->second.empty() ? id : it->second;
}

class Csv {
public:
    void row(const std::string& part, const std::string& key, const std::string& measure, const std::string& value) {
        text_ += csv_row({part, key, measure, value});
    }
    void counts(const std::string& part, const std::string& key, const OutcomeCounts& c) {
        row(part, key, "Perioder", std::to_string(c.periods));
        row(part, key, "Plasser", std::to_string(c.places));
        row(part, key, "Tildelt", std::to_string(c.matched));
        row(part, key, "Lyst ut som vikariat", std::to_string(c.released));
        row(part, key, "Trukket tilbake", std::to_string(c.withdrawn));
        row(part, key, "Åpne", std::to_string(c.open));
    }
    void cell(const std::string& part, const std::string& key, const Cell& c) {
        row(part, key, "Tildelte perioder", c.shown ? std::to_string(c.value) : "<5");
    }
    std::string text_ = std::string(kCsvBom) + csv_row({"Del", "Nøkkel", "Mål", "Verdi"});
};

json counts_json(const OutcomeCounts& c) {
    return {{"periods", c.periods}, {"places", c.places}, {"matched", c.matched}, {"released", c.released},
            {"withdrawn", c.withdrawn}, {"open", c.open}};
}

json cell_json(const Cell& c) {
    return c.shown ? json{{"value", c.value}, {"suppressed", false}} : json{{"value", nullptr}, {"suppressed", true}};
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace


std::string evaluation_csv(const Evaluation& e, const std::map<std::string, std::string>& names) {
    Csv csv;
    csv.row("Vindu", "", "Fra", to_norwegian(e.window.from));
    csv.row("Vindu", "", "Til og med", to_norwegian(e.window.to));
    csv.counts("Totalt", "", e.total);
    const DaysToMatch& d = e.days_to_match;
    csv.row("Dager til tildeling", "", "Antall", std::to_string(d.count));
    if (d.median) {
        csv.row("Dager til tildeling", "", "Median", decimal(*d.median, Language::bokmal));
        csv.row("Dager til tildeling", "", "Nedre kvartil", decimal(*d.lower_quartile, Language::bokmal));
        csv.row("Dager til tildeling", "", "Øvre kvartil", decimal(*d.upper_quartile, Language::bokmal));
    }
    csv.row("Dager til tildeling", "0–14", "Antall", std::to_string(d.within_14));
    csv.row("Dager til tildeling", "15–30", "Antall", std::to_string(d.within_30));
    csv.row("Dager til tildeling", "31–60", "Antall", std::to_string(d.within_60));
    csv.row("Dager til tildeling", "over 60", "Antall", std::to_string(d.later));
    for (const auto& [id, c] : e.by_hospital) csv.counts("Helseforetak", name_of(names, id), c);
    for (const auto& [id, c] : e.placed_by_department) csv.cell("Avdeling", name_of(names, id), c);
    for (const auto& [id, c] : e.placed_by_municipality) csv.cell("Kommune", name_of(names, id), c);
    for (const auto& [month, c] : e.by_month) csv.counts("Måned", month, c);
    return csv.text_;
}

json evaluation_json(const Evaluation& e, const std::map<std::string, std::string>& names) {
    const DaysToMatch& d = e.days_to_match;
    json out = {{"window", {{"from", to_iso(e.window.from)}, {"to", to_iso(e.window.to)}}},
                {"scheme_start", e.scheme_start ? json(to_iso(*e.scheme_start)) : json()},
                {"total", counts_json(e.total)},
                {"days_to_match", {{"count", d.count}, {"median", optional_json(d.median)},
                                   {"lower_quartile", optional_json(d.lower_quartile)},
                                   {"upper_quartile", optional_json(d.upper_quartile)},
                                   {"distribution", {{"0-14", d.within_14}, {"15-30", d.within_30},
                                                     {"31-60", d.within_60}, {"over_60", d.later}}}}}};
    auto named = [&](const std::string& id, json body) {
        body["id"] = id;
        body["name"] = name_of(names, id);
        return body;
    };
    out["by_hospital"] = json::array();
    for (const auto& [id, c] : e.by_hospital) out["by_hospital"].push_back(named(id, counts_json(c)));
    out["placed_by_department"] = json::array();
    for (const auto& [id, c] : e.placed_by_department) out["placed_by_department"].push_back(named(id, cell_json(c)));
    out["placed_by_municipality"] = json::array();
    for (const auto& [id, c] : e.placed_by_municipality) out["placed_by_municipality"].push_back(named(id, cell_json(c)));
    out["by_month"] = json::array();
    for (const auto& [month, c] : e.by_month) {
        json row = counts_json(c);
        row["month"] = month;
        out["by_month"].push_back(std::move(row));
    }
    return out;
}

}  // namespace alis::sync
