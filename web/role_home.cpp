#include "role_home.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "theme.hpp"
#include "ui_probe.hpp"

namespace alis::web {

namespace {
std::vector<Msg> pages_of(sync::Role role) {
    switch (role) {
        case sync::Role::gp:
            return {Msg::tab_profile, Msg::tab_available, Msg::tab_wishes, Msg::tab_periods, Msg::tab_offers, Msg::alerts};
        case sync::Role::hospital: return {Msg::tab_periods, Msg::tab_timeline, Msg::alerts, Msg::tab_evaluation};
        case sync::Role::municipality: return {Msg::tab_candidates, Msg::tab_evaluation};
        case sync::Role::alis_office:
            return {Msg::tab_organisations, Msg::tab_regional_list, Msg::tab_matching, Msg::tab_timeline,
                    Msg::tab_overview, Msg::tab_evaluation, Msg::tab_users};
    }
    return {};
}

// Each page's part of the address (#/home/varsler): ASCII, one language, stable, so a link in a
// mail or a bookmark opens the same page whatever language the reader has chosen.
const char* page_name(Msg msg) {
    switch (msg) {
        case Msg::tab_profile: return "profil";
        case Msg::tab_available: return "ledig-tid";
        case Msg::tab_wishes: return "onsker";
        case Msg::tab_periods: return "perioder";
        case Msg::tab_offers: return "tilbud";
        case Msg::alerts: return "varsler";
        case Msg::tab_timeline: return "tidslinje";
        case Msg::tab_candidates: return "kandidater";
        case Msg::tab_organisations: return "organisasjoner";
        case Msg::tab_regional_list: return "regional-liste";
        case Msg::tab_matching: return "matching";
        case Msg::tab_overview: return "oversikt";
        case Msg::tab_evaluation: return "evaluering";
        case Msg::tab_users: return "brukere";
        default: return "";
    }
}

const Text kScreen{"Skjerm", "Skjerm", "Screen"};
}  // namespace

std::string RoleHome::open_page() const { return current_ == Msg::portal_name ? "" : page_name(current_); }

bool RoleHome::open_page(sync::Role role, const std::string& page) {
    for (const Msg msg : pages_of(role)) {
        if (page != page_name(msg)) continue;
        current_ = msg;
        tabs_follow_ = true;  // the tab bar selects it at its next frame
        return true;
    }
    return false;
}

std::string RoleHome::label(Context& ctx, Msg msg) const {
    std::string text = tr(ctx.lang, msg);
    if (msg == Msg::alerts) {
        if (const std::size_t n = ctx.session.notifications().unread()) {
            text += " (" + std::to_string(n) + " " + tr(ctx.lang, n == 1 ? Msg::unread_one : Msg::unread_many) + ")";
        }
    }
    return text;
}

void RoleHome::seen(Context& ctx, Msg msg, bool open) {
    if (msg != Msg::alerts) return;
    // Seen: what the page counted as unread is marked read (and shown as new while it is open).
    if (open) ctx.session.mark_notifications_read();
    else ctx.session.left_alerts();
}

void RoleHome::draw(Context& ctx) {
    ctx.documents = &documents_;
    documents_.tick(ctx);
    const std::vector<Msg> pages = pages_of(ctx.session.user().role);
    if (pages.empty()) return;
    if (std::find(pages.begin(), pages.end(), current_) == pages.end()) current_ = pages.front();
    if (theme::narrow() || !tabs_fit(ctx, pages)) draw_combo(ctx, pages);
    else draw_tabs(ctx, pages);
}

// Whether every tab fits on the row with its whole name. ImGui would shrink tabs that do not and cut
// their names ("Organi…"), as at 200 % zoom on a laptop: then the pages are chosen from the combo.
bool RoleHome::tabs_fit(Context& ctx, const std::vector<Msg>& pages) const {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = style.ItemInnerSpacing.x * static_cast<float>(pages.size() - 1);
    for (const Msg msg : pages) width += ImGui::CalcTextSize(label(ctx, msg).c_str()).x + style.FramePadding.x * 2;
    return width <= ImGui::GetContentRegionAvail().x;
}

void RoleHome::draw_tabs(Context& ctx, const std::vector<Msg>& pages) {
    if (!ImGui::BeginTabBar("##role")) return;
    // The page to select, taken before the loop: the tab shown this frame sets current_ as it goes.
    const Msg follow = tabs_follow_ ? current_ : Msg::portal_name;
    for (const Msg msg : pages) {
        const std::string text = label(ctx, msg);
        // The id stays the same across languages and counts, so switching language keeps the open tab.
        const std::string id = text + "###tab" + std::to_string(static_cast<int>(msg));
        const ImGuiTabItemFlags flags = msg == follow ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(id.c_str(), nullptr, flags);
        probe::record_last_item(text.c_str(), probe::Role::tab, {}, open ? probe::kSelected : 0);
        seen(ctx, msg, open);
        if (!open) continue;
        current_ = msg;
        open_label_ = text;
        ImGui::BeginChild("##page");
        draw_page(ctx, msg);
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    tabs_follow_ = false;
}

// One row whatever the number of pages: "Skjerm" and a combo naming the open page, its list the
// pages (a combobox and its options in the mirror).
void RoleHome::draw_combo(Context& ctx, const std::vector<Msg>& pages) {
    const char* name = kScreen.in(ctx.lang).c_str();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(name);  // a11y: the combo box's node is named by it
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    const std::string open_text = label(ctx, current_);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight());
    const ImGuiID id = ImGui::GetID("##screen");
    const bool expanded = ImGui::BeginCombo("##screen", open_text.c_str());
    probe::record_item(name, probe::Role::combobox, open_text, expanded ? probe::kExpanded : 0, id, at.x, at.y, size.x, size.y);
    if (expanded) {
        for (const Msg msg : pages) {
            const std::string text = label(ctx, msg);
            const bool selected = msg == current_;
            const std::string item_id = text + "###page" + std::to_string(static_cast<int>(msg));
            // A row as high as a touch target, so a finger picks the page it means.
            if (ImGui::Selectable(item_id.c_str(), selected, 0, ImVec2(0, theme::min_target()))) current_ = msg;
            probe::record_last_item(text.c_str(), probe::Role::option, {}, selected ? probe::kSelected : 0);
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    tabs_follow_ = true;
    for (const Msg msg : pages) seen(ctx, msg, msg == current_);
    open_label_ = label(ctx, current_);
    // Each page its own region, as each tab has: a page chosen from the list opens at its own scroll
    // position, not halfway down because the page before was scrolled.
    ImGui::BeginChild((std::string("##page-") + page_name(current_)).c_str());
    draw_page(ctx, current_);
    ImGui::EndChild();
}

void RoleHome::draw_page(Context& ctx, Msg msg) {
    switch (ctx.session.user().role) {
        case sync::Role::gp:
            switch (msg) {
                case Msg::tab_profile: gp_profile_.draw(ctx); break;
                case Msg::tab_available: gp_available_.draw(ctx); break;
                case Msg::tab_wishes: gp_wishes_.draw(ctx); break;
                case Msg::tab_periods: gp_periods_.draw(ctx); break;
                case Msg::tab_offers: gp_offers_.draw(ctx); break;
                case Msg::alerts: gp_alerts_.draw(ctx); break;
                default: break;
            }
            break;
        case sync::Role::hospital:
            switch (msg) {
                case Msg::tab_periods: hospital_periods_.draw(ctx); break;
                case Msg::tab_timeline: draw_timeline(ctx); break;
                case Msg::alerts: hospital_alerts_.draw(ctx); break;
                case Msg::tab_evaluation: evaluation_.draw(ctx); break;  // its own part (screen_office_evaluation.hpp)
                default: break;
            }
            break;
        case sync::Role::municipality:
            if (msg == Msg::tab_evaluation) evaluation_.draw(ctx);
            else municipality_.draw(ctx);
            break;
        case sync::Role::alis_office:
            switch (msg) {
                case Msg::tab_organisations: office_.draw_organisations(ctx); break;
                case Msg::tab_regional_list: office_.draw_regional_list(ctx); break;
                case Msg::tab_matching: office_.draw_matching(ctx); break;
                case Msg::tab_timeline: draw_timeline(ctx); break;
                case Msg::tab_overview: draw_overview(ctx); break;
                case Msg::tab_evaluation: office_.draw_evaluation(ctx); break;
                case Msg::tab_users: office_.draw_users(ctx); break;
                default: break;
            }
            break;
    }
}

}  // namespace alis::web
