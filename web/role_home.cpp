#include "role_home.hpp"

#include <imgui.h>

#include <string>

#include "i18n.hpp"
#include "ui_probe.hpp"

namespace alis::web {

bool RoleHome::tab(Context& ctx, int msg) {
    const char* label = tr(ctx.lang, static_cast<Msg>(msg));
    // The id stays the same across languages, so switching language keeps the open tab.
    const std::string id = std::string(label) + "###tab" + std::to_string(msg);
    const bool open = ImGui::BeginTabItem(id.c_str());
    probe::record_last_item(label, probe::Role::tab, {}, open ? probe::kSelected : 0);
    return open;
}

void RoleHome::draw(Context& ctx) {
    if (!ImGui::BeginTabBar("##role")) return;
    auto page = [&](Msg msg, auto&& body) {
        if (tab(ctx, static_cast<int>(msg))) {
            ImGui::BeginChild("##page");
            body();
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
    };
    switch (ctx.session.user().role) {
        case sync::Role::gp:
            page(Msg::tab_profile, [&] { gp_profile_.draw(ctx); });
            page(Msg::tab_available, [&] { gp_available_.draw(ctx); });
            page(Msg::tab_wishes, [&] { gp_wishes_.draw(ctx); });
            page(Msg::tab_periods, [&] { gp_periods_.draw(ctx); });
            page(Msg::tab_offers, [&] { gp_offers_.draw(ctx); });
            page(Msg::alerts, [&] { gp_alerts_.draw(ctx); });
            break;
        case sync::Role::hospital:
            page(Msg::tab_periods, [&] { hospital_periods_.draw(ctx); });
            page(Msg::tab_timeline, [&] { draw_timeline(ctx); });
            page(Msg::alerts, [&] { hospital_alerts_.draw(ctx); });
            break;
        case sync::Role::municipality:
            page(Msg::tab_candidates, [&] { municipality_.draw(ctx); });
            break;
        case sync::Role::alis_office:
            page(Msg::tab_organisations, [&] { office_.draw_organisations(ctx); });
            page(Msg::tab_regional_list, [&] { office_.draw_regional_list(ctx); });
            page(Msg::tab_matching, [&] { office_.draw_matching(ctx); });
            page(Msg::tab_timeline, [&] { draw_timeline(ctx); });
            page(Msg::tab_overview, [&] { draw_overview(ctx); });
            page(Msg::tab_users, [&] { office_.draw_users(ctx); });
            break;
    }
    ImGui::EndTabBar();
}

}  // namespace alis::web
