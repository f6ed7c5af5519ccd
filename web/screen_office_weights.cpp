// The office's score weights: the stored version, one field per weight labelled with the part of the
// score it feeds, the core's parse_score_weights marking each field, "Lagre" sending the mutation.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "alis/matching/weights.hpp"
#include "alis/sync/settings.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

void OfficeWeightsSection::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const matching::ScoreWeights stored = sync::stored_score_weights(view);
    const auto& fields = matching::weight_fields();
    // Filled from the stored weights, and again when a new version arrives while nothing is typed.
    if (values_.size() != fields.size() || (stored.version != loaded_version_ && !edited_)) {
        values_.clear();
        for (const auto& f : fields) values_.push_back(stored.*f.member);
        loaded_version_ = stored.version;
    }
    ui::heading(Text{"Vekter i poengsummen", "Vekter i poengsummen", "Weights of the score"}.in(lang).c_str());
    std::string current = matching::weights_note(stored).in(lang);
    if (const auto by = view.users.find(stored.set_by); !stored.set_by.empty() && by != view.users.end()) {
        current += (lang == Language::english ? ", by " : ", av ") + by->second.name;
    }
    ui::muted(current.c_str());

    json draft = json::object();
    for (size_t i = 0; i < fields.size(); ++i) draft[fields[i].name] = values_[i];
    Problems problems;
    const auto weights = matching::parse_score_weights(draft, problems, "weights");
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string label = fields[i].label.in(lang) + " (" + fields[i].feeds.in(lang) + ")";
        // A wide range here, so a value out of the rule's range is shown and explained, not clamped away.
        if (ui::int_input(label.c_str(), values_[i], -99999, 99999)) edited_ = true;
        ui::field_error(ui::problem_for(problems, fields[i].name), lang);
    }
    ImGui::BeginDisabled(!weights.has_value());
    if (ui::primary_button(tr(lang, Msg::save))) {
        result_.send(ctx, "set_score_weights", {{"weights", draft}});
        edited_ = false;
    }
    ImGui::EndDisabled();
    result_.draw(ctx);
}

}  // namespace alis::web
