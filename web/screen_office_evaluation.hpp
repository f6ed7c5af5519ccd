#pragma once
// The "Evaluering" tab of the ALIS office, a hospital and a municipality: the scheme's figures for a
// window of time. The figures are worked out on the server by core's one function
// (alis/sync/evaluation.hpp) from the anonymous facts, which outlive the personal data, and cut to
// the user's own part for a hospital or a municipality, so this tab asks the server (POST
// /api/evaluation) and is unavailable offline. It draws what the answer says; it decides no figure.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "alis/problem.hpp"
#include "alis/sync/evaluation.hpp"
#include "app.hpp"

namespace alis::web {

class OfficeEvaluationScreen {
public:
    void draw(Context& ctx);

private:
    std::optional<sync::EvaluationWindow> window();
    void fetch(Context& ctx);
    void download(Context& ctx);
    void draw_presets(Context& ctx);
    void draw_figures(Context& ctx);
    void draw_people(Context& ctx);

    std::string from_, to_;
    bool loading_ = false;
    bool offline_ = false;
    bool asked_ = false;
    bool downloading_ = false;
    std::string downloaded_;  // the file last handed to the browser's downloads, said on the screen
    Problems problems_;
    nlohmann::json answer_;  // the server's figures, or null before the first answer
};

}  // namespace alis::web
