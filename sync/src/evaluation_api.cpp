#include "evaluation_api.hpp"

#include "alis/sync/evaluation_report.hpp"

namespace alis::server {

Response evaluation_answer(const SyncService& sync, const nlohmann::json& body) {
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
    if (!problems.empty()) {
        return Response::problems(422, "invalid_window",
                                  {"Tidsrommet er ugyldig.", "Tidsrommet er ugyldig.", "The window is not valid."}, problems);
    }
    return Response::json(200, sync::evaluation_json(sync.evaluate({*from, *to}), sync.organisation_names()));
}

}  // namespace alis::server
