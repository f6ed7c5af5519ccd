#include "evaluation_api.hpp"

#include "alis/sync/evaluation_report.hpp"

namespace alis::server {

std::optional<sync::EvaluationScope> evaluation_scope_of(const std::string& role, const std::string& organisation_id) {
    using Kind = sync::EvaluationScope::Kind;
    if (role == "alis_office") return sync::EvaluationScope{Kind::region, ""};
    if (organisation_id.empty()) return std::nullopt;
    if (role == "hospital") return sync::EvaluationScope{Kind::hospital, organisation_id};
    if (role == "municipality") return sync::EvaluationScope{Kind::municipality, organisation_id};
    return std::nullopt;
}

Response evaluation_answer(const SyncService& sync, const nlohmann::json& body, const sync::EvaluationScope& scope) {
    Problems problems;
    auto date = [&](const char* field) -> std::optional<Date> {
        const auto it = body.find(field);
        std::optional<Date> d;
        if (it != body.end() && it->is_string()) d = parse_iso(it->get<std::string>());
        if (!d) {
            problems.push_back({field, "date_format",
                                {"Må være en dato (ÅÅÅÅ-MM-DD).", "Må vera ein dato (ÅÅÅÅ-MM-DD).", "Must be a date (YYYY-MM-DD)."}});
        }
        return d;
    };
    const auto from = date("from");
    const auto to = date("to");
    if (from && to && *to < *from) {
        problems.push_back({"to", "window_order",
                            {"Kan ikke være før fra-datoen.", "Kan ikkje vera før frå-datoen.", "Cannot be before the from date."}});
    }
    // "json" (the screen's figures) or "csv" (the same bytes as `alis-sync report --format csv`, for
    // the screen's download).
    std::string format = "json";
    if (const auto it = body.find("format"); it != body.end()) {
        if (it->is_string() && (*it == "json" || *it == "csv")) {
            format = it->get<std::string>();
        } else {
            problems.push_back({"format", "one_of", {"Må være «json» eller «csv».", "Må vera «json» eller «csv».", "Must be \"json\" or \"csv\"."}});
        }
    }
    if (!problems.empty()) {
        return Response::problems(422, "invalid_window",
                                  {"Tidsrommet er ugyldig.", "Tidsrommet er ugyldig.", "The window is not valid."}, problems);
    }
    const sync::Evaluation figures = sync.evaluate({*from, *to}, scope);
    if (format == "csv") {
        Response r;
        r.content_type = "text/csv; charset=utf-8";
        r.body = sync::evaluation_csv(figures, sync.organisation_names());
        return r;
    }
    return Response::json(200, sync::evaluation_json(figures, sync.organisation_names()));
}

}  // namespace alis::server
