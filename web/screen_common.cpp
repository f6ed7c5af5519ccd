// Small pieces the screens share.
#include <imgui.h>

#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

void SendResult::set(const sync::Outcome& outcome) {
    shown = true;
    accepted = outcome.accepted;
    problems = outcome.problems;
}

void SendResult::draw(Language lang) const {
    if (!shown) return;
    if (accepted) {
        ui::note(tr(lang, Msg::saved), ui::kGood);
        return;
    }
    for (const auto& p : problems) {
        ui::note(p.message.in(lang).c_str(), ui::kWarning);
    }
}

std::string new_id(Platform& platform, const char* prefix) { return prefix + platform.random_id().substr(0, 16); }

std::string organisation_name(const sync::PortalState& view, const std::string& id) {
    const auto* o = sync::find_organisation(view, id);
    return o ? o->name : id;
}

bool has_own_profile(Context& ctx) {
    if (sync::find_doctor(ctx.session.view(), ctx.session.user().doctor_id)) return true;
    ui::paragraph(tr(ctx.lang, Msg::profile_first));
    return false;
}

}  // namespace alis::web
