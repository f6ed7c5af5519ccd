#include "alis/sync/list_import.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "alis/csv_reader.hpp"
#include "alis/domain.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

namespace {

enum class Column { priority, hpr, wished_service, education_plan, application, struck, reason, ignored };

const std::map<std::string, Column>& known_columns() {
    static const std::map<std::string, Column> columns{
        {"Prioritet", Column::priority},        {"HPR-nummer", Column::hpr},       {"Ønsket tjeneste", Column::wished_service},
        {"Utdanningsplan", Column::education_plan}, {"Søknad", Column::application}, {"Strøket", Column::struck},
        {"Grunn", Column::reason},              {"Navn", Column::ignored},         {"Strøket dato", Column::ignored}};
    return columns;
}

// "Linje 4, HPR-nummer: …" in each language; the problem's field is "line 4.HPR-nummer".
struct RowProblems {
    Problems& out;
    int line;
    void add(const std::string& column, const std::string& rule, const Text& what) {
        const std::string n = std::to_string(line);
        out.push_back({"line " + n + "." + column, rule,
                       {"Linje " + n + ", " + column + ": " + what.nb, "Linje " + n + ", " + column + ": " + what.nn,
                        "Line " + n + ", " + column + ": " + what.en}});
    }
};

std::string bytes_text(std::size_t n) { return std::to_string(n); }

struct Row {
    int line = 0;
    int priority = 0;
    const DoctorProfile* doctor = nullptr;
    std::string wished_service, education_plan, application;
    bool struck = false;
    std::string reason;
};

std::optional<int> whole_number(const std::string& text) {
    if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::stoi(text);
}

}  // namespace

CandidateListImport read_candidate_list(const PortalState& state, const std::string& municipality_id, std::string_view csv,
                                        const std::function<std::string()>& new_id) {
    CandidateListImport result;
    Problems& problems = result.problems;
    const auto rows = read_csv(csv, problems, CsvLimits{1 << 20, detail::kMaxListLength + 1, 32, detail::kLongTextBytes});
    if (!rows) return result;
    if (rows->empty()) {
        problems.push_back({"file", "empty_file", {"Fila er tom.", "Fila er tom.", "The file is empty."}});
        return result;
    }

    // The header names the columns.
    const CsvRow& header = rows->front();
    std::vector<Column> columns;
    std::set<Column> seen;
    for (const std::string& field : header.fields) {
        const std::string name = csv_text(field);
        const auto it = known_columns().find(name);
        RowProblems at{problems, header.line};
        if (it == known_columns().end()) {
            at.add(name, "unknown_column",
                   {"kolonnen er ukjent (kjente: Prioritet, Navn, HPR-nummer, Ønsket tjeneste, Utdanningsplan, Søknad, Strøket, Grunn, Strøket dato).",
                    "kolonna er ukjend (kjende: Prioritet, Navn, HPR-nummer, Ønsket tjeneste, Utdanningsplan, Søknad, Strøket, Grunn, Strøket dato).",
                    "unknown column (known: Prioritet, Navn, HPR-nummer, Ønsket tjeneste, Utdanningsplan, Søknad, Strøket, Grunn, Strøket dato)."});
            columns.push_back(Column::ignored);
            continue;
        }
        if (it->second != Column::ignored && !seen.insert(it->second).second) {
            at.add(name, "duplicate_column", {"kolonnen står to ganger.", "kolonna står to gonger.", "the column appears twice."});
        }
        columns.push_back(it->second);
    }
    for (const auto& [name, column] : std::map<std::string, Column>{{"Prioritet", Column::priority}, {"HPR-nummer", Column::hpr}}) {
        if (!seen.count(column)) {
            RowProblems{problems, header.line}.add(name, "missing_column",
                                                   {"kolonnen mangler i overskriftsraden.", "kolonna manglar i overskriftsrada.",
                                                    "the header row lacks this column."});
        }
    }
    if (!problems.empty()) return result;

    // The portal's doctors by HPR number, and the list's entries by doctor, looked up once per row.
    std::map<std::string, const DoctorProfile*> doctor_of_hpr;
    for (const auto& [id, d] : state.doctors) doctor_of_hpr[d.hpr_number] = &d;
    std::map<std::string, const Candidate*> entry_of_doctor;
    for (const auto& [id, c] : state.candidates) {
        if (c.municipality_id == municipality_id) entry_of_doctor[c.doctor_id] = &c;
    }

    // Each row, checked on its own so that every bad row is named.
    std::vector<Row> list;
    std::map<int, int> line_of_priority;
    std::map<std::string, int> line_of_doctor;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const CsvRow& csv_row = (*rows)[r];
        RowProblems at{problems, csv_row.line};
        if (csv_row.fields.size() > columns.size()) {
            const std::string n = std::to_string(csv_row.line);
            problems.push_back({"line " + n, "too_many_fields",
                                {"Linje " + n + ": raden har flere felt enn overskriftsraden.",
                                 "Linje " + n + ": rada har fleire felt enn overskriftsrada.",
                                 "Line " + n + ": the row has more fields than the header row."}});
            continue;
        }
        Row row;
        row.line = csv_row.line;
        std::string struck_text, hpr;
        for (std::size_t i = 0; i < csv_row.fields.size(); ++i) {
            const std::string text = csv_text(csv_row.fields[i]);
            switch (columns[i]) {
                case Column::priority: {
                    const auto n = whole_number(text);
                    if (!n || *n < 1 || *n > static_cast<int>(detail::kMaxListLength)) {
                        at.add("Prioritet", "priority_number", {"må være et helt tall fra 1.", "må vera eit heilt tal frå 1.",
                                                                "must be a whole number from 1."});
                    } else if (auto [it, fresh] = line_of_priority.emplace(*n, row.line); !fresh) {
                        at.add("Prioritet", "duplicate_priority",
                               {"samme prioritet som linje " + std::to_string(it->second) + ".",
                                "same prioritet som linje " + std::to_string(it->second) + ".",
                                "the same priority as line " + std::to_string(it->second) + "."});
                    } else {
                        row.priority = *n;
                    }
                    break;
                }
                case Column::hpr: hpr = text; break;
                case Column::wished_service: row.wished_service = text; break;
                case Column::education_plan: row.education_plan = text; break;
                case Column::application: row.application = text; break;
                case Column::struck: struck_text = text; break;
                case Column::reason: row.reason = text; break;
                case Column::ignored: break;
            }
        }
        // The doctor: known to the portal by HPR number, and working in the municipality.
        if (!is_valid_hpr_number(hpr)) {
            at.add("HPR-nummer", "hpr_format", {"må være 4 til 9 sifre.", "må vera 4 til 9 siffer.", "must be 4 to 9 digits."});
        } else {
            const auto d = doctor_of_hpr.find(hpr);
            row.doctor = d == doctor_of_hpr.end() ? nullptr : d->second;
            const auto e = row.doctor ? entry_of_doctor.find(row.doctor->id) : entry_of_doctor.end();
            const Candidate* entry = e == entry_of_doctor.end() ? nullptr : e->second;
            if (!row.doctor) {
                at.add("HPR-nummer", "unknown_doctor", {"ingen lege i portalen har dette HPR-nummeret.",
                                                        "ingen lege i portalen har dette HPR-nummeret.",
                                                        "no GP in the portal has this HPR number."});
            } else if (!entry && row.doctor->municipality_id != municipality_id) {
                at.add("HPR-nummer", "not_own_doctor", {"legen arbeider ikke i kommunen.", "legen arbeider ikkje i kommunen.",
                                                        "the GP does not work in the municipality."});
                row.doctor = nullptr;
            } else if (auto [it, fresh] = line_of_doctor.emplace(row.doctor->id, row.line); !fresh) {
                at.add("HPR-nummer", "duplicate_doctor",
                       {"legen står alt på linje " + std::to_string(it->second) + ".",
                        "legen står alt på linje " + std::to_string(it->second) + ".",
                        "the GP is already on line " + std::to_string(it->second) + "."});
                row.doctor = nullptr;
            } else if (entry && entry->struck && struck_text != "Ja") {
                at.add("Strøket", "cannot_unstrike", {"en strøket kandidat kan ikke settes tilbake på lista.",
                                                      "ein stroken kandidat kan ikkje setjast tilbake på lista.",
                                                      "a struck candidate cannot be put back on the list."});
            }
        }
        if (struck_text == "Ja") {
            row.struck = true;
            if (row.reason.empty()) {
                at.add("Grunn", "reason_required", {"en strøket kandidat må ha en grunn.", "ein stroken kandidat må ha ein grunn.",
                                                    "a struck candidate needs a reason."});
            }
        } else if (!struck_text.empty() && struck_text != "Nei") {
            at.add("Strøket", "yes_or_no", {"må være «Ja» eller «Nei».", "må vera «Ja» eller «Nei».", "must be \"Ja\" or \"Nei\"."});
        }
        const auto too_long = [&](const std::string& text, std::size_t limit, const char* column) {
            if (text.size() > limit) {
                at.add(column, "too_long", {"lengre enn " + bytes_text(limit) + " byte.", "lengre enn " + bytes_text(limit) + " byte.",
                                            "longer than " + bytes_text(limit) + " bytes."});
            }
        };
        too_long(row.wished_service, detail::kNoteBytes, "Ønsket tjeneste");
        too_long(row.education_plan, detail::kLongTextBytes, "Utdanningsplan");
        too_long(row.application, detail::kLongTextBytes, "Søknad");
        too_long(row.reason, detail::kNoteBytes, "Grunn");
        list.push_back(std::move(row));
    }
    if (!problems.empty()) return result;

    std::stable_sort(list.begin(), list.end(), [](const Row& a, const Row& b) { return a.priority < b.priority; });
    nlohmann::json candidates = nlohmann::json::array();
    std::set<std::string> kept_ids;
    for (const Row& row : list) {
        const auto entry = entry_of_doctor.find(row.doctor->id);
        std::string id = entry == entry_of_doctor.end() ? "" : entry->second->id;
        if (id.empty()) {
            id = new_id();
            ++result.added;
        } else {
            kept_ids.insert(id);
            ++result.kept;
        }
        candidates.push_back({{"id", id}, {"doctor_id", row.doctor->id}, {"wished_service", row.wished_service},
                              {"education_plan", row.education_plan}, {"application_text", row.application},
                              {"struck", row.struck}, {"struck_reason", row.struck ? row.reason : ""}});
    }
    for (const auto& [doctor_id, c] : entry_of_doctor) {
        if (!kept_ids.count(c->id)) ++result.removed;
    }
    result.args = {{"municipality_id", municipality_id}, {"candidates", std::move(candidates)}};
    return result;
}

}  // namespace alis::sync
