// Alerts: the events that concern the signed-in user (decided in core, alis/events.hpp, from what the
// replica holds), in words, and every role's alert subscriptions. E-mail delivery belongs to the server (a later alert job); this screen only records
// the wish for it, and says so.
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "alis/events.hpp"
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
    bool fresh = false;  // unread when the tab was opened
};

std::string where(const sync::PortalState& view, const Period& p) {
    return organisation_name(view, p.hospital_id) + " – " + organisation_name(view, p.department_id) + ", " +
           to_norwegian(p.range.start) + "–" + to_norwegian(p.range.end);
}

Msg event_text(events::EventKind kind, sync::Role role) {
    using K = events::EventKind;
    switch (kind) {
        case K::period_fits: return Msg::alert_fitting_period;
        case K::period_new: return Msg::alert_new_period;
        case K::offer_made: return Msg::alert_offer;
        case K::offer_withdrawn: return Msg::alert_offer_withdrawn;
        case K::offer_lapsed: return role == sync::Role::gp ? Msg::alert_offer_lapsed : Msg::alert_offer_lapsed_hospital;
        case K::offer_accepted: return Msg::alert_offer_accepted;
        case K::offer_declined: return Msg::alert_offer_declined;
        case K::release_warning: return Msg::alert_release_warning;
        case K::period_released: return role == sync::Role::gp ? Msg::alert_released : Msg::alert_released_hospital;
        case K::doctor_fits: return Msg::alert_doctor_fits;
        case K::doctor_struck: return Msg::alert_struck;
        case K::doctor_placed: return Msg::alert_doctor_placed;
    }
    return Msg::alert;
}

// The words for one event; which events concern the user is decided in core (alis/events.hpp).
std::string describe(Context& ctx, const events::Event& e) {
    const auto& view = ctx.session.view();
    std::string text = tr(ctx.lang, event_text(e.kind, ctx.session.user().role));
    const sync::Offer* o = e.offer_id.empty() ? nullptr : sync::find_offer(view, e.offer_id);
    const Period* p = sync::find_period(view, e.period_id);
    if (o) {
        text += ": " + organisation_name(view, o->hospital_id);
        if (p) text += " – " + organisation_name(view, p->department_id);
        text += ", " + to_norwegian(o->range.start) + "–" + to_norwegian(o->range.end);
    } else if (p) {
        text += ": " + where(view, *p);
    }
    if (!e.doctor_id.empty() && e.kind != events::EventKind::doctor_struck) {
        if (const DoctorProfile* d = sync::find_doctor(view, e.doctor_id)) text += " (" + d->name + ")";
    }
    return text;
}

// The events concerning the signed-in user that the portal shows (not those asked for by e-mail
// only), newest first.
std::vector<Alert> alerts_for(Context& ctx) {
    const SessionUser& me = ctx.session.user();
    sync::User user;
    user.id = me.id;
    user.role = me.role;
    user.organisation_id = me.organisation_id;
    user.doctor_id = me.doctor_id;
    const events::Fits fits = me.role == sync::Role::gp ? events::fits_from(matching_input(ctx), derived_lists(ctx)) : events::Fits{};
    std::vector<Alert> out;
    for (const events::Event& e : events::events_for(ctx.session.view(), fits, user, ctx.platform.today())) {
        if (e.in_app) out.push_back({e.on, describe(ctx, e), ctx.session.notifications().is_new(e.key)});
    }
    return out;
}

void draw_alerts(Context& ctx) {
    const Language lang = ctx.lang;
    const std::vector<Alert> alerts = alerts_for(ctx);
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
            ui::label(a.fresh ? (std::string(tr(lang, Msg::new_alert)) + ": " + a.text).c_str() : a.text.c_str());
        }
        ImGui::EndTable();
    }
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
        draw_alerts(ctx);
    }
    ImGui::Spacing();
    ImGui::Separator();
    subscriptions_.draw(ctx, {sync::SubscriptionTopic::new_periods, sync::SubscriptionTopic::offers,
                              sync::SubscriptionTopic::released_periods});
}

void HospitalAlertsScreen::draw(Context& ctx) {
    ui::heading(tr(ctx.lang, Msg::alerts_for_you));
    ui::muted(tr(ctx.lang, Msg::alerts_hospital_rule));
    draw_alerts(ctx);
    ImGui::Spacing();
    ImGui::Separator();
    subscriptions_.draw(ctx, {sync::SubscriptionTopic::new_candidates, sync::SubscriptionTopic::wishes_for_my_departments});
}

}  // namespace alis::web
