// The office's retention policy ("Sletting av utløpte opplysninger", under the Users tab): what is
// deleted by itself, the stored version, one field per rule with what it deletes and its bounds, the
// core's parse_retention_policy marking each field, "Lagre" sending set_retention.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <string>

#include "alis/sync/retention.hpp"
#include "alis/sync/settings.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

void OfficeRetentionSection::draw(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    // What the browser shows is the office's setting; version 0 means the server's own flags apply,
    // whose values the browser cannot know, so the fields then show the documented defaults.
    const sync::RetentionPolicy stored = sync::stored_retention_policy(view);
    const auto& fields = sync::retention_fields();
    // Filled from the stored policy, and again when a new version arrives while nothing is typed.
    if (values_.size() != fields.size() || (stored.version != loaded_version_ && !edited_)) {
        values_.clear();
        for (const auto& f : fields) values_.push_back(stored.*f.member);
        loaded_version_ = stored.version;
    }
    ImGui::Separator();
    ui::heading(tr(lang, Msg::retention_heading));
    ui::paragraph(tr(lang, Msg::retention_intro));
    std::string current = sync::retention_note(stored).in(lang);
    if (const auto by = view.users.find(stored.set_by); !stored.set_by.empty() && by != view.users.end()) {
        current += (lang == Language::english ? ", by " : ", av ") + by->second.name;
    }
    ui::muted(current.c_str());

    json draft = json::object();
    for (size_t i = 0; i < fields.size(); ++i) draft[fields[i].name] = values_[i];
    Problems problems;
    const auto policy = sync::parse_retention_policy(draft, problems, "retention");
    for (size_t i = 0; i < fields.size(); ++i) {
        const auto& f = fields[i];
        // A wide range here, so a value out of the rule's bounds is shown and explained, not clamped away.
        if (ui::int_input(f.label.in(lang).c_str(), values_[i], -99999, 99999)) edited_ = true;
        const std::string about = f.deletes.in(lang) + " " + tr(lang, Msg::retention_allowed) + " " + std::to_string(f.min) + "–" +
                                  std::to_string(f.max) + ".";
        ui::muted(about.c_str());
        ui::field_error(ui::problem_for(problems, std::string("retention.") + f.name), lang);
    }
    ImGui::BeginDisabled(!policy.has_value());
    if (ui::primary_button(tr(lang, Msg::save_retention))) {
        result_.send(ctx, "set_retention", {{"retention", draft}});
        edited_ = false;
    }
    ImGui::EndDisabled();
    result_.draw(ctx);
}

}  // namespace alis::web
