// The ALIS office's user administration. Accounts live on the server, not in the replica: the list
// is fetched when the tab opens and after every change, and the tab says plainly when it cannot reach
// the server instead of showing a stale list as if it were current.
#include "screen_office_users.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/collation.hpp"
#include "alis/sync/account.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "table_sort.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {

// The roles the office creates (GPs register themselves), with the organisation kind each needs.
struct RoleChoice {
    const char* code;
    Msg name;
    OrganisationKind kind;
};
constexpr RoleChoice kRoles[] = {{"hospital", Msg::role_choice_hospital, OrganisationKind::hospital_trust},
                                 {"municipality", Msg::role_choice_municipality, OrganisationKind::municipality},
                                 {"alis_office", Msg::role_choice_office, OrganisationKind::alis_office}};

const char* role_label(const std::string& role, Language lang) {
    if (auto r = sync::role_from_string(role)) {
        switch (*r) {
            case sync::Role::gp: return tr(lang, Msg::role_gp);
            case sync::Role::hospital: return tr(lang, Msg::role_hospital);
            case sync::Role::municipality: return tr(lang, Msg::role_municipality);
            case sync::Role::alis_office: return tr(lang, Msg::role_alis_office);
        }
    }
    return role.c_str();
}

// The organisations a role may belong to, in Norwegian order.
std::vector<const Organisation*> organisations_of(const sync::PortalState& view, OrganisationKind kind) {
    std::vector<const Organisation*> out;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind == kind) out.push_back(&o);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return norwegian_less(a->name, b->name); });
    return out;
}

std::string lower(std::string s) { return sync::lower_ascii(s); }

}  // namespace

std::vector<Account> accounts_from_answer(const json& answer) {
    std::vector<Account> out;
    if (!answer.is_object() || !answer.contains("users") || !answer["users"].is_array()) return out;
    for (const auto& u : answer["users"]) {
        if (!u.is_object()) continue;
        Account a;
        a.id = u.value("id", "");
        a.username = u.value("username", "");
        a.role = u.value("role", "");
        a.organisation_id = u.value("organisation_id", "");
        a.name = u.value("name", "");
        a.email = u.value("email", "");
        a.disabled = u.value("disabled", false);
        a.must_change_password = u.value("must_change_password", false);
        a.created_at = u.value("created_at", std::int64_t{0});
        if (!a.id.empty()) out.push_back(std::move(a));
    }
    return out;
}

Problems check_new_account(const std::string& username, const std::string& organisation, const std::string& name,
                           const std::string& email, const std::string& role) {
    return sync::check_new_account({username, role, organisation, name, email, ""});
}

void OfficeUsersScreen::fetch(Session& session) {
    loading_ = true;
    session.server_call("/api/users/list", json::object(), [this](const HttpResponse& r) {
        loading_ = false;
        offline_ = r.status == 0;
        if (r.status == 200) {
            accounts_ = accounts_from_answer(json::parse(r.body, nullptr, false));
            loaded_ = true;
            list_problems_.clear();
        } else {
            list_problems_ = problems_from_answer(r);
        }
    });
}

void OfficeUsersScreen::draw(Context& ctx) {
    const int frame = ImGui::GetFrameCount();
    if (frame - last_frame_ > 1 && !loading_) fetch(ctx.session);
    last_frame_ = frame;

    const Language lang = ctx.lang;
    if (offline_) {
        ui::note(tr(lang, Msg::accounts_need_connection), ui::kCaution);
    } else {
        for (const auto& p : list_problems_) ui::field_error(&p, lang);
    }
    ImGui::BeginDisabled(loading_);
    if (ui::button(tr(lang, Msg::refresh))) fetch(ctx.session);
    ImGui::EndDisabled();
    if (loading_) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::working));
    }
    draw_one_time_password(ctx);
    ImGui::Spacing();
    if (loaded_) {
        draw_table(ctx);
    } else if (!offline_) {
        ui::muted(tr(lang, Msg::no_accounts_loaded));
    }
    ImGui::Spacing();
    ImGui::Separator();
    draw_form(ctx);
}

void OfficeUsersScreen::draw_one_time_password(Context& ctx) {
    const Language lang = ctx.lang;
    for (const auto& p : action_problems_) ui::field_error(&p, lang);
    if (shown_password_.empty()) return;
    ImGui::Spacing();
    // A tinted box around the group, drawn behind it once its size is known (channel 0 is below 1).
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const float pad = ImGui::GetFontSize() * 0.8f;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
    ui::label((std::string(tr(lang, Msg::one_time_password_for)) + " " + shown_for_ + ":").c_str());
    ui::heading(shown_password_.c_str());
    ImGui::SameLine();
    if (ui::button(tr(lang, Msg::copy))) {
        ImGui::SetClipboardText(shown_password_.c_str());
        copied_ = true;
    }
    if (copied_) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::note(tr(lang, Msg::copied), ui::kGood);
    }
    ui::paragraph(tr(lang, Msg::hand_over_safely));
    if (ui::button(tr(lang, Msg::dismiss))) {
        shown_password_.clear();
        shown_for_.clear();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    draw->ChannelsSetCurrent(0);
    const ImVec2 min(ImGui::GetItemRectMin().x - pad, ImGui::GetItemRectMin().y - pad);
    const ImVec2 max(ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x, ImGui::GetItemRectMax().y + pad);
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImVec4(0.92f, 0.97f, 0.92f, 1.0f)), 4.0f);
    draw->AddRect(min, max, ImGui::GetColorU32(ImVec4(0.60f, 0.80f, 0.60f, 1.0f)), 4.0f);
    draw->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, pad));
}

void OfficeUsersScreen::draw_table(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string& me = ctx.session.user().id;
    // Every row shows up to a dozen accounts; beyond that the table scrolls under a fixed header.
    constexpr std::size_t kRowsShown = 12;
    const bool scroll = accounts_.size() > kRowsShown;
    const ui::WideTable wide = ui::wide_table(ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                                  (scroll ? ImGuiTableFlags_ScrollY : 0),
                                              ImGui::GetFontSize() * 60);
    const float row = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const float rows_high = row * static_cast<float>(std::min(accounts_.size(), kRowsShown) + 1) + ImGui::GetStyle().ScrollbarSize;
    if (!ImGui::BeginTable("##accounts", 8, wide.flags, ImVec2(0, scroll || wide.scrolls ? rows_high : 0), wide.inner_width)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Short columns fit their text; names, organisations and addresses share what is left.
    for (const Msg m : {Msg::username, Msg::name, Msg::role, Msg::organisation, Msg::email, Msg::status, Msg::created}) {
        const bool stretch = m == Msg::name || m == Msg::organisation || m == Msg::email;
        ImGui::TableSetupColumn(tr(lang, m), stretch ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float actions = ImGui::CalcTextSize(tr(lang, Msg::new_one_time_password)).x +
                          std::max(ImGui::CalcTextSize(tr(lang, Msg::disable)).x, ImGui::CalcTextSize(tr(lang, Msg::enable)).x) +
                          style.FramePadding.x * 4 + style.ItemSpacing.x;
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, actions);
    ui::table_headers();
    for (const Account& a : accounts_) {
        ImGui::TableNextRow();
        ImGui::PushID(a.id.c_str());
        // Text sits on the buttons' baseline, so each row reads as one line.
        auto cell = [] {
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
        };
        cell();
        ui::label(a.id == me ? (a.username + " " + tr(lang, Msg::you_marker)).c_str() : a.username.c_str());
        cell();
        ui::label(a.name.c_str());
        cell();
        ui::label(role_label(a.role, lang));
        cell();
        ui::label(a.organisation_id.empty() ? "" : organisation_name(view, a.organisation_id).c_str());
        cell();
        ui::label(a.email.c_str());
        cell();
        // One line each (a wrapped note would make the row tall in a narrow column).
        const Msg state = a.disabled ? Msg::account_disabled : a.must_change_password ? Msg::account_must_change : Msg::account_active;
        ImGui::PushStyleColor(ImGuiCol_Text, a.disabled ? ui::kWarning : a.must_change_password ? ui::kCaution
                                                                                                : style.Colors[ImGuiCol_Text]);
        ui::label(tr(lang, state));
        ImGui::PopStyleColor();
        cell();
        ui::label(to_norwegian(civil_from_days(static_cast<long>(a.created_at / 86400))).c_str());
        cell();
        // Your own password is changed under "Bytt passord", and the server refuses disabling yourself.
        if (a.id != me) {
            ImGui::BeginDisabled(acting_ || offline_);
            if (ui::button(tr(lang, Msg::new_one_time_password))) act(ctx, "/api/users/reset", a.id);
            ImGui::SameLine();
            if (ui::button(tr(lang, a.disabled ? Msg::enable : Msg::disable))) {
                act(ctx, a.disabled ? "/api/users/enable" : "/api/users/disable", a.id);
            }
            ImGui::EndDisabled();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void OfficeUsersScreen::act(Context& ctx, const char* path, const std::string& user_id) {
    acting_ = true;
    action_problems_.clear();
    // The answer comes in a later frame, after this frame's Context is gone: keep only the session.
    Session& session = ctx.session;
    session.server_call(path, {{"user_id", user_id}}, [this, &session](const HttpResponse& r) {
        acting_ = false;
        offline_ = r.status == 0;
        if (r.status != 200) {
            action_problems_ = problems_from_answer(r);
            return;
        }
        const json answer = json::parse(r.body, nullptr, false);
        if (answer.is_object() && answer.contains("one_time_password") && answer["one_time_password"].is_string()) {
            shown_password_ = answer["one_time_password"].get<std::string>();
            shown_for_ = answer.value("user", json::object()).value("username", "");
            copied_ = false;
        }
        fetch(session);
    });
}

void OfficeUsersScreen::draw_form(Context& ctx) {
    const Language lang = ctx.lang;
    ui::heading(tr(lang, Msg::new_account));
    std::vector<std::string> roles;
    for (const auto& r : kRoles) roles.push_back(tr(lang, r.name));
    const auto organisations = organisations_of(ctx.session.view(), kRoles[role_].kind);
    std::vector<std::string> names;
    for (const auto* o : organisations) names.push_back(o->name);
    if (organisation_ >= static_cast<int>(names.size())) organisation_ = -1;
    // The office itself is the only choice for an office account.
    if (organisation_ < 0 && names.size() == 1 && kRoles[role_].kind == OrganisationKind::alis_office) organisation_ = 0;
    const std::string organisation_id = organisation_ >= 0 ? organisations[organisation_]->id : std::string();

    const Problems local = check_new_account(username_, organisation_id, name_, email_, kRoles[role_].code);
    auto message = [&](const char* field, bool typed) {
        const Problem* p = ui::problem_for(form_problems_, field);
        if (!p && typed) p = ui::problem_for(local, field);
        ui::field_error(p, lang);
    };
    // Fields side by side, three to a row where they fit (fewer on a phone), each with its message under it.
    const float gap = ImGui::GetFontSize() * 1.5f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(ImGui::GetFontSize() * 20, avail);
    const int per_row = std::max(1, static_cast<int>((avail + gap) / (width + gap)));
    float row_y = 0;
    auto field = [&](int column, auto&& draw) {
        if (column > 0 && column < per_row) {
            ImGui::SameLine(0, gap);
            ImGui::SetCursorPosY(row_y);  // every field of a row starts at the same height
        } else {
            row_y = ImGui::GetCursorPosY();
        }
        ImGui::BeginGroup();
        ImGui::AlignTextToFramePadding();  // as the later fields of the row get it from SameLine
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        draw();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    };
    field(0, [&] {
        if (ui::combo(tr(lang, Msg::role), role_, roles, width)) organisation_ = -1;  // other organisations
        message("role", false);
    });
    field(1, [&] {
        ui::combo(tr(lang, Msg::organisation), organisation_, names, width);
        message("organisation_id", !username_.empty() || !name_.empty() || !email_.empty());
    });
    field(2, [&] {
        if (ui::text_input(tr(lang, Msg::username), username_, width)) created_ = false;
        message("username", !username_.empty());
    });
    field(0, [&] {
        if (ui::text_input(tr(lang, Msg::full_name), name_, width)) created_ = false;
        message("name", !name_.empty());
    });
    field(1, [&] {
        if (ui::text_input(tr(lang, Msg::email), email_, width)) created_ = false;
        message("email", !email_.empty());
    });
    for (const auto& p : form_problems_) {
        if (p.field != "organisation_id" && p.field != "role" && p.field != "username" && p.field != "name" &&
            p.field != "email") {
            ui::field_error(&p, lang);
        }
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!local.empty() || creating_ || offline_);
    if (ui::primary_button(tr(lang, Msg::create_account))) {
        creating_ = true;
        created_ = false;
        form_problems_.clear();
        const json form = {{"username", lower(username_)}, {"role", kRoles[role_].code},
                           {"organisation_id", organisation_id}, {"name", name_}, {"email", email_},
                           {"language", std::string(language_code(lang))}};
        Session& session = ctx.session;
        session.server_call("/api/users", form, [this, &session](const HttpResponse& r) {
            creating_ = false;
            offline_ = r.status == 0;
            if (r.status != 201) {
                form_problems_ = problems_from_answer(r);
                return;
            }
            const json answer = json::parse(r.body, nullptr, false);
            shown_password_ = answer.value("one_time_password", "");
            shown_for_ = answer.value("user", json::object()).value("username", "");
            copied_ = false;
            created_ = true;
            username_.clear();
            name_.clear();
            email_.clear();
            fetch(session);
        });
    }
    ImGui::EndDisabled();
    if (creating_) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::working));
    } else if (!local.empty()) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::form_incomplete));
    } else if (offline_) {
        ImGui::SameLine();
        ui::muted(tr(lang, Msg::accounts_need_connection));
    }
    if (created_) ui::note(tr(lang, Msg::account_created), ui::kGood);
}

}  // namespace alis::web
