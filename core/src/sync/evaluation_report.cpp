#include "alis/sync/evaluation_report.hpp"

#include <cmath>
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
    void cell(const std::string& part, const std::string& key, const Cell& c, const std::string& measure = "Tildelte perioder") {
        row(part, key, measure, c.shown ? std::to_string(c.value) : "<5");
    }
    void offers(const std::string& part, const std::string& key, const OfferCounts& c) {
        row(part, key, "Tilbud gitt", std::to_string(c.made));
        row(part, key, "Akseptert", std::to_string(c.accepted));
        row(part, key, "Avslått", std::to_string(c.declined));
        row(part, key, "Trukket tilbake", std::to_string(c.withdrawn));
        row(part, key, "Utløpt uten svar", std::to_string(c.lapsed));
        row(part, key, "Venter på svar", std::to_string(c.pending));
    }
    std::string text_ = std::string(kCsvBom) + csv_row({"Del", "Nøkkel", "Mål", "Verdi"});
};

json counts_json(const OutcomeCounts& c) {
    return {{"periods", c.periods}, {"places", c.places}, {"matched", c.matched}, {"released", c.released},
            {"withdrawn", c.withdrawn}, {"open", c.open}};
}

// One row per "YYYY-MM", its counts and the month.
template <typename Counts, typename ToJson>
json by_month(const std::map<std::string, Counts>& months, ToJson to_json) {
    json rows = json::array();
    for (const auto& [month, c] : months) {
        json row = to_json(c);
        row["month"] = month;
        rows.push_back(std::move(row));
    }
    return rows;
}

json cell_json(const Cell& c) {
    return c.shown ? json{{"value", c.value}, {"suppressed", false}} : json{{"value", nullptr}, {"suppressed", true}};
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json offers_json(const OfferCounts& c) {
    return {{"made", c.made}, {"accepted", c.accepted}, {"declined", c.declined}, {"withdrawn", c.withdrawn},
            {"lapsed", c.lapsed}, {"pending", c.pending}};
}

// Months to one decimal, as the CSV writes them, so JSON and CSV say the same.
double months_of(double m) { return std::round(m * 10) / 10; }

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
    csv.row("Totalt", "", "Måneder", decimal(months_of(e.months), Language::bokmal));
    for (const auto& [reason, r] : e.by_reason) {
        const std::string key = reason_label(reason).nb;
        csv.row("Årsak", key, "Perioder", std::to_string(r.periods));
        csv.row("Årsak", key, "Plasser", std::to_string(r.places));
        csv.row("Årsak", key, "Måneder", decimal(months_of(r.months), Language::bokmal));
    }
    const DoctorCounts& g = e.doctors;
    csv.row("Fastleger", "", "Registrert", std::to_string(g.registered));
    csv.row("Fastleger", "", "Nyregistrert", std::to_string(g.newly_registered));
    csv.row("Fastleger", "", "Med ledig tid og ønsker", std::to_string(g.with_free_time_and_wishes));
    csv.row("Fastleger", "", "Oppfyller kravet om 3 år i allmennpraksis", std::to_string(g.eligible));
    csv.row("Fastleger", "", "Kandidater", std::to_string(g.candidates));
    csv.row("Fastleger", "", "Strøket fra listen", std::to_string(g.struck));
    csv.row("Fastleger", "", "Slettet", std::to_string(g.left));
    csv.offers("Tilbud", "", e.offers);
    for (const auto& [id, c] : e.offers_by_hospital) csv.offers("Tilbud per helseforetak", name_of(names, id), c);
    for (const auto& [id, c] : e.offers_by_department) csv.cell("Tilbud per avdeling", name_of(names, id), c, "Tilbud gitt");
    for (const auto& [month, c] : e.offers_by_month) csv.offers("Tilbud per måned", month, c);
    for (const auto& [id, m] : e.by_municipality) {
        const std::string key = name_of(names, id);
        csv.cell("Kommunens fastleger", key, m.gps, "Registrert");
        csv.cell("Kommunens fastleger", key, m.candidates, "Kandidater");
        csv.cell("Kommunens fastleger", key, m.placed, "Tildelt");
        csv.row("Kommunens fastleger", key, "Andel av kandidatene tildelt",
                m.placed_share ? decimal(months_of(*m.placed_share * 100), Language::bokmal) + " %" : "–");
    }
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
    out["by_month"] = by_month(e.by_month, counts_json);
    out["months"] = months_of(e.months);
    out["by_reason"] = json::array();
    for (const auto& [reason, r] : e.by_reason) {
        out["by_reason"].push_back({{"reason", reason}, {"name", reason_label(reason).nb}, {"periods", r.periods}, {"places", r.places}, {"months", months_of(r.months)}});
    }
    const DoctorCounts& g = e.doctors;
    out["doctors"] = {{"registered", g.registered}, {"newly_registered", g.newly_registered},
                      {"with_free_time_and_wishes", g.with_free_time_and_wishes}, {"eligible", g.eligible},
                      {"candidates", g.candidates}, {"struck", g.struck}, {"left", g.left}};
    out["offers"] = offers_json(e.offers);
    out["offers_by_hospital"] = json::array();
    for (const auto& [id, c] : e.offers_by_hospital) out["offers_by_hospital"].push_back(named(id, offers_json(c)));
    out["offers_by_department"] = json::array();
    for (const auto& [id, c] : e.offers_by_department) out["offers_by_department"].push_back(named(id, cell_json(c)));
    out["offers_by_month"] = by_month(e.offers_by_month, offers_json);
    out["by_municipality"] = json::array();
    for (const auto& [id, m] : e.by_municipality) {
        out["by_municipality"].push_back(named(id, {{"gps", cell_json(m.gps)}, {"candidates", cell_json(m.candidates)},
                                                    {"placed", cell_json(m.placed)},
                                                    {"placed_share", m.placed_share ? json(*m.placed_share) : json(nullptr)}}));
    }
    return out;
}

}  // namespace alis::sync
