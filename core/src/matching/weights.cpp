#include "alis/matching/weights.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

#include "alis/json_fields.hpp"
#include "alis/known_fields.hpp"

namespace alis::matching {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 3> kOther{"version", "set_on", "set_by"};

bool known(const std::string& key) {
    for (const auto& f : weight_fields())
        if (key == f.name) return true;
    for (const auto k : kOther)
        if (key == k) return true;
    return false;
}

}  // namespace

const std::vector<WeightField>& weight_fields() {
    const Text gp{"Allmennpraksis", "Allmennpraksis", "General practice"};
    const Text courses{"Kurs og veiledning", "Kurs og rettleiing", "Courses and guidance"};
    static const std::vector<WeightField> fields{
        {"general_practice_per_year", &ScoreWeights::general_practice_per_year,
         {"Poeng per hele år i allmennpraksis", "Poeng per heile år i allmennpraksis", "Points per whole year in general practice"}, gp},
        {"general_practice_years", &ScoreWeights::general_practice_years,
         {"År i allmennpraksis som teller, høyst", "År i allmennpraksis som tel, høgst", "Years in general practice counted, at most"}, gp},
        {"specialization", &ScoreWeights::specialization,
         {"Poeng for fullført spesialisering", "Poeng for fullført spesialisering", "Points for a completed specialization"},
         {"Spesialisering", "Spesialisering", "Specialization"}},
        {"mandatory_course", &ScoreWeights::mandatory_course,
         {"Poeng per obligatorisk kurs", "Poeng per obligatorisk kurs", "Points per mandatory course"}, courses},
        {"module_course", &ScoreWeights::module_course, {"Poeng per emnekurs", "Poeng per emnekurs", "Points per module course"}, courses},
        {"guidance_group", &ScoreWeights::guidance_group,
         {"Poeng for 2-årig veiledningsgruppe", "Poeng for 2-årig rettleiingsgruppe", "Points for the 2-year guidance group"}, courses},
        {"courses_max", &ScoreWeights::courses_max,
         {"Kurs og veiledning, høyst", "Kurs og rettleiing, høgst", "Courses and guidance, at most"}, courses},
        {"party_municipality", &ScoreWeights::party_municipality,
         {"Poeng når kommunen er part i avtalen", "Poeng når kommunen er part i avtalen", "Points when the municipality is party to the agreement"},
         {"Avtalekommune", "Avtalekommune", "Party municipality"}},
        {"municipal_sector", &ScoreWeights::municipal_sector,
         {"Poeng for kommunal sektor", "Poeng for kommunal sektor", "Points for the municipal sector"}, {"Sektor", "Sektor", "Sector"}},
    };
    return fields;
}

std::optional<ScoreWeights> parse_score_weights(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    if (!refuse_unknown_fields(j, prefix, weight_fields().size() + kOther.size(), known, out)) return std::nullopt;
    ScoreWeights w;
    for (const auto& field : weight_fields()) w.*field.member = f.integer(field.name, 0, kMaxWeight, w.*field.member, false);
    w.version = f.integer("version", 0, kMaxWeightsVersion, 0, false);
    w.set_on = f.date("set_on", false);
    w.set_by = f.text("set_by", 64, false);
    if (out.size() != before) return std::nullopt;
    return w;
}

void to_json(json& j, const ScoreWeights& w) {
    j = json::object();
    for (const auto& field : weight_fields()) j[field.name] = w.*field.member;
    j["version"] = w.version;
    if (w.set_on) j["set_on"] = to_iso(*w.set_on);
    if (!w.set_by.empty()) j["set_by"] = w.set_by;
}

Text weights_note(const ScoreWeights& w) {
    const std::string v = std::to_string(w.version);
    if (w.version == 0) return {"Standardvekter (versjon 0)", "Standardvekter (versjon 0)", "Default weights (version 0)"};
    const std::string on = w.set_on ? to_norwegian(*w.set_on) : "";
    const auto when = [&](const char* word) { return on.empty() ? std::string() : std::string(", ") + word + " " + on; };
    return {"Vekter versjon " + v + when("satt"), "Vekter versjon " + v + when("sett"), "Weights version " + v + when("set")};
}

}  // namespace alis::matching
