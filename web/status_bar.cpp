#include "status_bar.hpp"

#include <imgui.h>

#include <map>
#include <string>

#include "i18n.hpp"
#include "theme.hpp"
#include "ui_probe.hpp"
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
// What a refused change was, in the person's words rather than the mutation's code name.
std::string change_title(const std::string& mutation, Language lang) {
    static const std::map<std::string, Text> kTitles{
        {"accept_offer", {"Godta tilbud", "Godta tilbod", "Accept offer"}},
        {"decline_offer", {"Avslå tilbud", "Avslå tilbod", "Decline offer"}},
        {"register_doctor", {"Lagre profil", "Lagre profil", "Save profile"}},
        {"update_doctor", {"Lagre profil", "Lagre profil", "Save profile"}},
        {"put_available_time", {"Ledig tid", "Ledig tid", "Free time"}},
        {"delete_available_time", {"Slette ledig tid", "Sletta ledig tid", "Delete free time"}},
        {"put_wish", {"Ønske", "Ønske", "Wish"}},
        {"delete_wish", {"Slette ønske", "Sletta ønske", "Delete wish"}},
        {"rank_wishes", {"Rekkefølge på ønsker", "Rekkjefølgje på ønske", "Order of wishes"}},
        {"publish_period", {"Publisere periode", "Publisera periode", "Publish period"}},
        {"withdraw_period", {"Trekke tilbake periode", "Trekkja tilbake periode", "Withdraw period"}},
        {"edit_period", {"Endre periode", "Endre periode", "Edit period"}},
        {"put_subscription", {"Abonnement på varsler", "Abonnement på varsel", "Alert subscription"}},
        {"delete_subscription", {"Slette abonnement", "Sletta abonnement", "Delete subscription"}},
        {"make_offer", {"Gi tilbud", "Gi tilbod", "Make offer"}},
        {"put_candidate", {"Kandidat", "Kandidat", "Candidate"}},
        {"set_candidate_order", {"Rekkefølge på kandidater", "Rekkjefølgje på kandidatar", "Order of candidates"}},
        {"strike_candidate", {"Stryke kandidat", "Stryka kandidat", "Strike candidate"}},
        {"set_regional_list", {"Regional liste", "Regional liste", "Regional list"}},
        {"put_organisation", {"Organisasjon", "Organisasjon", "Organisation"}},
    };
    const auto it = kTitles.find(mutation);
    return it == kTitles.end() ? mutation : it->second.in(lang);
}

}  // namespace

void draw_status_bar(Context& ctx) {
    const Language lang = ctx.lang;
    const SyncStatus s = ctx.session.status();
    const auto& user = ctx.session.user();
    const std::string who = (user.name.empty() ? user.username : user.name) + " · " + role_name(user.role, lang);
    const char* sync_now = tr(lang, Msg::sync_now);
    const bool narrow = theme::narrow();
    if (narrow) {
        // A phone: who and the button on one row, the status line under them on the full width, so
        // it wraps onto two or three lines instead of a narrow column filling the height.
        ImGui::AlignTextToFramePadding();
        const float button_at = ImGui::GetContentRegionMax().x - ui::button_width(sync_now);
        ImGui::PushTextWrapPos(button_at - ImGui::GetStyle().ItemSpacing.x);
        ImGui::TextWrapped("%s", who.c_str());
        ImGui::PopTextWrapPos();
        probe::record_last_item(who.c_str());
        ImGui::SameLine(button_at);
        if (ui::button(sync_now)) ctx.session.sync_now();
    } else {
        ImGui::TextUnformatted(who.c_str());
        probe::record_last_item(who.c_str());
        // Beside the name when the line has room for a readable column, else under it.
        const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 24;
        if (ImGui::GetContentRegionMax().x - after - ui::button_width(sync_now) > ImGui::GetFontSize() * 16) ImGui::SameLine(0, 24);
        // The line wraps before the button, which follows it on its first row.
        ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - ui::button_width(sync_now) - ImGui::GetStyle().ItemSpacing.x);
    }
    std::string line = s.online ? tr(lang, Msg::online) : tr(lang, Msg::offline);
    line += " · ";
    const Msg waiting = s.pending == 1 ? Msg::pending_change_one : Msg::pending_changes;
    line += s.pending ? std::to_string(s.pending) + " " + tr(lang, waiting) : tr(lang, Msg::all_sent);
    // Only a committed write survives a crash: until then the change is in memory only.
    if (s.pending) line += std::string(" · ") + tr(lang, s.saved_here ? Msg::saved_here : Msg::not_saved_yet);
    if (!s.last_sync.empty()) line += std::string(" · ") + tr(lang, Msg::last_sync) + " " + s.last_sync;
    if (const std::size_t n = ctx.session.notifications().unread()) {
        line += " · " + std::to_string(n) + " " + tr(lang, n == 1 ? Msg::new_alerts_one : Msg::new_alerts_many);
    }
    // Read out when it changes (online, offline, changes sent, new alerts): a polite live region in
    // the mirror.
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
    if (!narrow) ImGui::PopTextWrapPos();
    probe::record_last_item(line.c_str(), probe::Role::status);
    if (!narrow) {
        ImGui::SameLine();
        if (ui::button(sync_now)) ctx.session.sync_now();
    }
    if (s.needs_login) ui::paragraph(tr(lang, Msg::session_expired));
    const std::string storage_error = ctx.platform.storage_error();
    if (!storage_error.empty()) {
        ui::note((std::string(tr(lang, Msg::saving_failed)) + ": " + storage_error).c_str(), ui::kWarning);
    }
    if (s.recovered) ui::note(tr(lang, Msg::recovered_damaged), ui::kWarning);
    for (const auto& rejection : ctx.session.rejections()) {
        ImGui::PushID(static_cast<int>(rejection.mutation_id));
        ui::note((std::string(tr(lang, Msg::rejected_change)) + ": " + change_title(rejection.name, lang)).c_str(), ui::kWarning);
        for (const auto& p : rejection.problems) ui::paragraph(p.message.in(lang).c_str());
        if (ui::button(tr(lang, Msg::dismiss))) ctx.session.dismiss_rejection(rejection.mutation_id);
        ImGui::PopID();
    }
    ImGui::Separator();
}

}  // namespace alis::web
