// alis-match: the matching engine on the command line.
//   alis-match solve FILE.json    explicit rank lists -> {"matching":{...},"unmatched":[...]}
//   alis-match domain FILE.json   domain data -> derived rank lists, matching and explanations
// Exit codes: 0 solved, 1 the input broke a rule (each problem printed with its field), 2 usage,
// 3 an internal failure (reported, never an abort).
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "alis/matching/explain.hpp"
#include "alis/matching/input.hpp"
#include "alis/matching/rank_lists.hpp"

namespace {

using nlohmann::json;

int usage() {
    std::cerr << "usage: alis-match solve FILE.json\n"
                 "       alis-match domain FILE.json\n";
    return 2;
}

int report(const alis::Problems& problems) {
    for (const auto& p : problems) std::cerr << "error: " << p.field << ": " << p.message.en << " [" << p.rule << "]\n";
    return 1;
}

// The file as JSON, or a problem naming the file (unreadable) or the byte where parsing failed.
std::optional<json> read_json(const std::string& path, alis::Problems& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.push_back({path, "unreadable", {"Kan ikke lese filen.", "Kan ikkje lesa fila.", "Cannot read the file."}});
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    try {
        return json::parse(buffer.str());
    } catch (const json::parse_error& e) {
        const std::string at = std::to_string(e.byte);
        problems.push_back({path, "not_json",
                            {"Ikke gyldig JSON (byte " + at + ").", "Ikkje gyldig JSON (byte " + at + ").",
                             "Not valid JSON (byte " + at + "): " + e.what()}});
        return std::nullopt;
    }
}

int solve_explicit(const json& j) {
    alis::Problems problems;
    const auto lists = alis::matching::parse_rank_lists(j, problems);
    if (!lists) return report(problems);
    std::cout << json(alis::matching::solve(*lists)).dump() << "\n";
    return 0;
}

int match_domain(const json& j) {
    alis::Problems problems;
    const auto input = alis::matching::parse_matching_input(j, problems);
    if (!input) return report(problems);
    std::cout << json(alis::matching::match(*input)).dump(2) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return usage();
    const std::string command = argv[1];
    if (command != "solve" && command != "domain") return usage();
    try {
        alis::Problems problems;
        const auto j = read_json(argv[2], problems);
        if (!j) return report(problems);
        return command == "solve" ? solve_explicit(*j) : match_domain(*j);
    } catch (const std::exception& e) {
        // Input is validated before use, so this is a bug or exhaustion (memory, output): still a
        // message and an exit code rather than an abort.
        std::cerr << "error: " << argv[2] << ": " << e.what() << " [internal]\n";
        return 3;
    }
}
