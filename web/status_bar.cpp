#include "status_bar.hpp"

#include <imgui.h>

#include <string>

#include "i18n.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {
const char* role_name(sync::Role role, Language lang) {
    switch (role) {
        case sync::Role::gp: return tr(lang, Msg::role_gp);
        case sync::Role::hospital: return tr(lang, Msg::role_hospital);
        case sync::Role::municipality: return tr(lang, Msg::role_municipality);
        case sync::Role::alis_office: return tr(lang, Msg::role_alis_office);
    }
    return "";
}
}  // namespace

void draw_status_bar(Context& ctx) {
    const Language lang = ctx.lang;
    const SyncStatus s = ctx.session.status();
    const auto& user = ctx.session.user();
    const std::string who = (user.name.empty() ? user.username : user.name) + " · " + role_name(user.role, lang);
    ImGui::TextUnformatted(who.c_str());
    ImGui::SameLine(0, 24);
    std::string line = s.online ? tr(lang, Msg::online) : tr(lang, Msg::offline);
    line += " · ";
    const Msg waiting = s.pending == 1 ? Msg::pending_change_one : Msg::pending_changes;
    line += s.pending ? std::to_string(s.pending) + " " + tr(lang, waiting) : tr(lang, Msg::all_sent);
    if (!s.last_sync.empty()) line += std::string(" · ") + tr(lang, Msg::last_sync) + " " + s.last_sync;
    ui::muted(line.c_str());
    ImGui::SameLine();
    if (ui::button(tr(lang, Msg::sync_now))) ctx.session.sync_now();
    if (s.needs_login) ui::paragraph(tr(lang, Msg::session_expired));
    const std::string storage_error = ctx.platform.storage_error();
    if (!storage_error.empty()) {
        ui::note((std::string(tr(lang, Msg::saving_failed)) + ": " + storage_error).c_str(), ui::kWarning);
    }
    for (const auto& rejection : ctx.session.rejections()) {
        ImGui::PushID(static_cast<int>(rejection.mutation_id));
        ui::note((std::string(tr(lang, Msg::rejected_change)) + " (" + rejection.name + "):").c_str(), ui::kWarning);
        for (const auto& p : rejection.problems) ui::paragraph(p.message.in(lang).c_str());
        if (ui::button(tr(lang, Msg::dismiss))) ctx.session.dismiss_rejection(rejection.mutation_id);
        ImGui::PopID();
    }
    ImGui::Separator();
}

}  // namespace alis::web
