// Alerts: the GP's in-app alerts, worked out from what the replica holds, and every role's alert
// subscriptions. E-mail delivery belongs to the server (a later alert job); this screen only records
// the wish for it, and says so.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "alis/matching/derive.hpp"
#include "alis/rules.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "matching_view.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {

Msg topic_name(sync::SubscriptionTopic t) {
    switch (t) {
        case sync::SubscriptionTopic::new_periods: return Msg::topic_new_periods;
        case sync::SubscriptionTopic::offers: return Msg::topic_offers;
        case sync::SubscriptionTopic::released_periods: return Msg::topic_released_periods;
        case sync::SubscriptionTopic::new_candidates: return Msg::topic_new_candidates;
        case sync::SubscriptionTopic::wishes_for_my_departments: return Msg::topic_wishes_for_my_departments;
    }
    return Msg::topic_new_periods;
}

Msg channel_name(sync::Channel c) { return c == sync::Channel::email ? Msg::channel_email : Msg::channel_in_app; }

struct Alert {
    Date when;
    std::string text;
};

std::string where(const sync::PortalState& view, const Period& p) {
    return organisation_name(view, p.hospital_id) + " – " + organisation_name(view, p.department_id) + ", " +
           to_norwegian(p.range.start) + "–" + to_norwegian(p.range.end);
}

bool subscribed_to(const sync::Subscription& s, const Period& p) {
    return s.topic == sync::SubscriptionTopic::new_periods && s.channel == sync::Channel::in_app &&
           (s.hospital_id.empty() || s.hospital_id == p.hospital_id) && (s.specialty.empty() || s.specialty == p.specialty);
}

// What concerns this GP: published periods that fit their wishes and free time (or an in-app
// subscription's filter), offers made to them, and periods released as substitute posts; newest first.
std::vector<Alert> gp_alerts(Context& ctx) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string doctor_id = ctx.session.user().doctor_id;
    const std::string user_id = ctx.session.user().id;
    std::vector<Alert> out;

    std::set<std::string> fitting;
    const matching::MatchingInput& input = matching_input(ctx);
    for (size_t i = 0; i < input.doctors.size(); ++i) {
        if (input.doctors[i].id != doctor_id) continue;
        const matching::DerivedLists& lists = derived_lists(ctx);
        for (const auto& option : lists.options[i]) fitting.insert(input.periods[option.period].id);
    }
    for (const auto& entry : view.periods) {
        const Period& p = entry.second;  // a plain reference: clang 14 cannot capture structured bindings
        if (p.status == PeriodStatus::published) {
            const bool fits = fitting.count(p.id) > 0;
            const bool wanted = std::any_of(view.subscriptions.begin(), view.subscriptions.end(), [&](const auto& kv) {
                return kv.second.user_id == user_id && subscribed_to(kv.second, p);
            });
            if (fits || wanted) {
                out.push_back({p.published_on, std::string(tr(lang, fits ? Msg::alert_fitting_period : Msg::alert_new_period)) + ": " + where(view, p)});
            }
        } else if (p.status == PeriodStatus::released) {
            out.push_back({release_date(p.published_on), std::string(tr(lang, Msg::alert_released)) + ": " + where(view, p)});
        }
    }
    for (const auto& [id, o] : view.offers) {
        if (o.doctor_id != doctor_id) continue;
        const Period* p = sync::find_period(view, o.period_id);
        std::string text = std::string(tr(lang, Msg::alert_offer)) + ": " + organisation_name(view, o.hospital_id);
        if (p) text += " – " + organisation_name(view, p->department_id);
        text += ", " + to_norwegian(o.range.start) + "–" + to_norwegian(o.range.end);
        out.push_back({o.offered_on, std::move(text)});
    }
    std::stable_sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) { return b.when < a.when; });
    return out;
}

}  // namespace

void SubscriptionEditor::draw(Context& ctx, const std::vector<sync::SubscriptionTopic>& topics) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string user_id = ctx.session.user().id;
    ui::heading(tr(lang, Msg::subscriptions));
    std::vector<const sync::Subscription*> mine;
    for (const auto& [id, s] : view.subscriptions) {
        if (s.user_id == user_id) mine.push_back(&s);
    }
    if (mine.empty()) ui::muted(tr(lang, Msg::no_subscriptions));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!mine.empty() && ImGui::BeginTable("##subscriptions", 5, flags)) {
        for (const Msg m : {Msg::alert_topic, Msg::alert_channel, Msg::hospital, Msg::specialty}) ImGui::TableSetupColumn(tr(lang, m));
        ImGui::TableSetupColumn("##delete", ImGuiTableColumnFlags_WidthFixed);
        ui::table_headers();
        for (const auto* s : mine) {
            ImGui::PushID(s->id.c_str());
            ImGui::TableNextColumn();
            ui::label(tr(lang, topic_name(s->topic)));
            ImGui::TableNextColumn();
            ui::label(tr(lang, channel_name(s->channel)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s->hospital_id.empty() ? tr(lang, Msg::any) : organisation_name(view, s->hospital_id).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s->specialty.empty() ? tr(lang, Msg::any) : s->specialty.c_str());
            ImGui::TableNextColumn();
            if (ui::button(tr(lang, Msg::delete_))) result_.send(ctx, "delete_subscription", {{"subscription_id", s->id}});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    std::vector<std::string> topic_names, channel_names{tr(lang, Msg::channel_in_app), tr(lang, Msg::channel_email)};
    for (const auto t : topics) topic_names.push_back(tr(lang, topic_name(t)));
    topic_ = std::clamp(topic_, 0, static_cast<int>(topics.size()) - 1);
    ui::combo(tr(lang, Msg::alert_topic), topic_, topic_names);
    ui::combo(tr(lang, Msg::alert_channel), channel_, channel_names);
    // A hospital's coordinator hears about its own hospital; others may narrow alerts to one.
    std::vector<const Organisation*> hospitals;
    const bool hospital_filter = ctx.session.user().role != sync::Role::hospital;
    if (hospital_filter) {
        std::vector<std::string> names{tr(lang, Msg::any)};
        for (const auto& [id, o] : view.organisations) {
            if (o.kind == OrganisationKind::hospital_trust) hospitals.push_back(&o), names.push_back(o.name);
        }
        hospital_ = std::min(hospital_, static_cast<int>(hospitals.size()));
        ui::combo(tr(lang, Msg::hospital), hospital_, names);
    }
    ui::text_input(tr(lang, Msg::specialty), specialty_);
    if (ui::primary_button((std::string(tr(lang, Msg::add)) + "##subscription").c_str())) {
        const json subscription = {{"id", new_id(ctx.platform, "s-")}, {"user_id", user_id},
                                   {"topic", sync::to_string(topics[topic_])},
                                   {"channel", sync::to_string(channel_ == 1 ? sync::Channel::email : sync::Channel::in_app)},
                                   {"hospital_id", hospital_filter && hospital_ > 0 ? hospitals[hospital_ - 1]->id : ""},
                                   {"specialty", specialty_}};
        result_.send(ctx, "put_subscription", subscription);
        if (result_.accepted()) specialty_.clear();
    }
    result_.draw(ctx);
    ui::muted(tr(lang, Msg::email_alerts_note));
}

void GpAlertsScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    ui::heading(tr(lang, Msg::alerts_for_you));
    // Subscriptions belong to the account, so they can be set before the profile exists; the
    // alerts themselves need the profile's wishes and free time.
    if (has_own_profile(ctx)) {
        ui::muted(tr(lang, Msg::alerts_rule));
        const std::vector<Alert> alerts = gp_alerts(ctx);
        if (alerts.empty()) ui::muted(tr(lang, Msg::no_alerts));
        const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
        if (!alerts.empty() && ImGui::BeginTable("##alerts", 2, flags)) {
            ImGui::TableSetupColumn(tr(lang, Msg::date), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(tr(lang, Msg::alert));
            ui::table_headers();
            for (const Alert& a : alerts) {
                ImGui::TableNextColumn();
                ui::label(to_norwegian(a.when).c_str());
                ImGui::TableNextColumn();
                ui::label(a.text.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::Spacing();
    ImGui::Separator();
    subscriptions_.draw(ctx, {sync::SubscriptionTopic::new_periods, sync::SubscriptionTopic::offers,
                              sync::SubscriptionTopic::released_periods});
}

void HospitalAlertsScreen::draw(Context& ctx) {
    subscriptions_.draw(ctx, {sync::SubscriptionTopic::new_candidates, sync::SubscriptionTopic::wishes_for_my_departments});
}

}  // namespace alis::web
