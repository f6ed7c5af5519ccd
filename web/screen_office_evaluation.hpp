#pragma once
// The ALIS office's "Evaluering" tab: the scheme's figures for a window of time. The figures are
// worked out on the server by core's one function (alis/sync/evaluation.hpp) from the anonymous
// period facts, which outlive the personal data, so this tab asks the server (POST /api/evaluation)
// and is unavailable offline. It draws what the answer says; it decides no figure.
#include <string>

#include <nlohmann/json.hpp>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

class OfficeEvaluationScreen {
public:
    void draw(Context& ctx);

private:
    void fetch(Context& ctx);
    void draw_figures(Context& ctx);

    std::string from_, to_;
    bool loading_ = false;
    bool offline_ = false;
    bool asked_ = false;
    Problems problems_;
    nlohmann::json answer_;  // the server's figures, or null before the first answer
};

}  // namespace alis::web
