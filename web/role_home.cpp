#include "role_home.hpp"

#include <imgui.h>

#include <string>

#include "i18n.hpp"
#include "ui_probe.hpp"

namespace alis::web {

bool RoleHome::tab(Context& ctx, int msg) {
    std::string label = tr(ctx.lang, static_cast<Msg>(msg));
    if (static_cast<Msg>(msg) == Msg::alerts) {
        if (const std::size_t n = ctx.session.notifications().unread()) {
            label += " (" + std::to_string(n) + " " + tr(ctx.lang, n == 1 ? Msg::unread_one : Msg::unread_many) + ")";
        }
    }
    // The id stays the same across languages and counts, so switching language keeps the open tab.
    const std::string id = label + "###tab" + std::to_string(msg);
    const bool open = ImGui::BeginTabItem(id.c_str());
    probe::record_last_item(label.c_str(), probe::Role::tab, {}, open ? probe::kSelected : 0);
    return open;
}

void RoleHome::draw(Context& ctx) {
    if (!ImGui::BeginTabBar("##role")) return;
    auto page = [&](Msg msg, auto&& body) {
        const bool open = tab(ctx, static_cast<int>(msg));
        if (msg == Msg::alerts) {
            // Seen: what the tab counted as unread is marked read (and shown as new while it is open).
            if (open) ctx.session.mark_notifications_read();
            else ctx.session.left_alerts();
        }
        if (open) {
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
            page(Msg::tab_evaluation, [&] { office_.draw_evaluation(ctx); });
            page(Msg::tab_users, [&] { office_.draw_users(ctx); });
            break;
    }
    ImGui::EndTabBar();
}

}  // namespace alis::web
