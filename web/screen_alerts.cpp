// Alerts: the events that concern the signed-in user (decided in core, alis/events.hpp, from what the
// replica holds), in words, and every role's alert subscriptions. The server mails them (its
// notification job and outbox, docs/sync-server.md: Mail); this screen only records the wish.
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

namespace {

Msg frequency_name(sync::Frequency f) {
    switch (f) {
        case sync::Frequency::immediate: return Msg::frequency_immediate;
        case sync::Frequency::daily: return Msg::frequency_daily;
        case sync::Frequency::weekly: return Msg::frequency_weekly;
    }
    return Msg::frequency_immediate;
}

constexpr sync::Frequency kFrequencies[] = {sync::Frequency::immediate, sync::Frequency::daily, sync::Frequency::weekly};

// A subscription's filters in words: hospital, department, specialty and dates, or "(any)".
std::string filters_text(const sync::PortalState& view, const sync::Subscription& s, Language lang) {
    std::string out;
    const auto part = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
    if (!s.hospital_id.empty()) part(organisation_name(view, s.hospital_id));
    if (!s.department_id.empty()) part(organisation_name(view, s.department_id));
    if (!s.specialty.empty()) part(s.specialty);
    if (s.from || s.to) part(ui::field_from_date(s.from) + "–" + ui::field_from_date(s.to));
    return out.empty() ? tr(lang, Msg::any) : out;
}

}  // namespace

void SubscriptionEditor::load(const sync::Subscription& s, const std::vector<sync::SubscriptionTopic>& topics) {
    editing_ = s.id;
    const auto t = std::find(topics.begin(), topics.end(), s.topic);
    topic_ = t == topics.end() ? 0 : static_cast<int>(t - topics.begin());
    channel_ = s.channel == sync::Channel::email ? 1 : 0;
    frequency_ = static_cast<int>(s.frequency);
    hospital_id_ = s.hospital_id;
    department_id_ = s.department_id;
    specialty_ = s.specialty;
    from_ = ui::field_from_date(s.from);
    to_ = ui::field_from_date(s.to);
}

void SubscriptionEditor::clear() {
    editing_.clear();
    topic_ = channel_ = frequency_ = 0;
    hospital_id_.clear(), department_id_.clear(), specialty_.clear(), from_.clear(), to_.clear();
}

void SubscriptionEditor::draw_list(Context& ctx, const std::vector<sync::SubscriptionTopic>& topics) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string user_id = ctx.session.user().id;
    std::vector<const sync::Subscription*> mine;
    for (const auto& [id, s] : view.subscriptions) {
        if (s.user_id == user_id) mine.push_back(&s);
    }
    if (mine.empty()) ui::muted(tr(lang, Msg::no_subscriptions));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (mine.empty() || !ImGui::BeginTable("##subscriptions", 5, flags)) return;
    for (const Msg m : {Msg::alert_topic, Msg::alert_channel, Msg::alert_filters, Msg::alert_delivery}) ImGui::TableSetupColumn(tr(lang, m));
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed);
    ui::table_headers();
    for (const auto* s : mine) {
        ImGui::PushID(s->id.c_str());
        ImGui::TableNextColumn();
        ui::label(tr(lang, topic_name(s->topic)));
        ImGui::TableNextColumn();
        ui::label(tr(lang, channel_name(s->channel)));
        ImGui::TableNextColumn();
        ui::label(filters_text(view, *s, lang).c_str());
        ImGui::TableNextColumn();
        std::string often = tr(lang, frequency_name(s->frequency));
        if (s->paused) often += " (" + std::string(tr(lang, Msg::subscription_paused)) + ")";
        ui::label(often.c_str());
        ImGui::TableNextColumn();
        if (ui::button(tr(lang, Msg::edit))) load(*s, topics);
        ImGui::SameLine();
        if (ui::button(tr(lang, s->paused ? Msg::resume_subscription : Msg::pause_subscription))) {
            sync::Subscription changed = *s;
            changed.paused = !s->paused;
            result_.send(ctx, "put_subscription", json(changed));
        }
        ImGui::SameLine();
        if (ui::button(tr(lang, Msg::delete_))) {
            if (editing_ == s->id) clear();
            result_.send(ctx, "delete_subscription", {{"subscription_id", s->id}});
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void SubscriptionEditor::draw(Context& ctx, const std::vector<sync::SubscriptionTopic>& topics) {
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const SessionUser& me = ctx.session.user();
    ui::heading(tr(lang, Msg::subscriptions));
    draw_list(ctx, topics);
    if (!editing_.empty() && !view.subscriptions.count(editing_)) clear();  // deleted meanwhile
    ImGui::Spacing();
    if (!editing_.empty()) ui::heading(tr(lang, Msg::edit_subscription));
    std::vector<std::string> topic_names, channel_names{tr(lang, Msg::channel_in_app), tr(lang, Msg::channel_email)}, frequency_names;
    for (const auto t : topics) topic_names.push_back(tr(lang, topic_name(t)));
    for (const auto f : kFrequencies) frequency_names.push_back(tr(lang, frequency_name(f)));
    topic_ = std::clamp(topic_, 0, static_cast<int>(topics.size()) - 1);
    ui::combo(tr(lang, Msg::alert_topic), topic_, topic_names);
    ui::combo(tr(lang, Msg::alert_channel), channel_, channel_names);
    ui::combo(tr(lang, Msg::alert_frequency), frequency_, frequency_names);
    // A hospital's coordinator hears about its own hospital; others may narrow alerts to one.
    const bool hospital_filter = me.role != sync::Role::hospital;
    if (hospital_filter) {
        std::vector<const Organisation*> hospitals;
        std::vector<std::string> names{tr(lang, Msg::any)};
        int chosen = 0;
        for (const auto& [id, o] : view.organisations) {
            if (o.kind != OrganisationKind::hospital_trust) continue;
            hospitals.push_back(&o), names.push_back(o.name);
            if (id == hospital_id_) chosen = static_cast<int>(hospitals.size());
        }
        if (ui::combo(tr(lang, Msg::hospital), chosen, names)) hospital_id_ = chosen > 0 ? hospitals[chosen - 1]->id : "";
    }
    // Departments of the chosen hospital (the coordinator's own); with no hospital chosen, all of
    // them, each named with its hospital.
    const std::string within = hospital_filter ? hospital_id_ : me.organisation_id;
    std::vector<const Organisation*> departments;
    std::vector<std::string> department_names{tr(lang, Msg::any)};
    int department = 0;
    for (const auto& [id, o] : view.organisations) {
        if (o.kind != OrganisationKind::department || (!within.empty() && o.parent_id != within)) continue;
        departments.push_back(&o);
        department_names.push_back(within.empty() ? organisation_name(view, o.parent_id) + " – " + o.name : o.name);
        if (id == department_id_) department = static_cast<int>(departments.size());
    }
    if (department == 0) department_id_.clear();  // not a department of the hospital chosen now
    if (ui::combo(tr(lang, Msg::department), department, department_names)) department_id_ = department > 0 ? departments[department - 1]->id : "";
    ui::text_input(tr(lang, Msg::specialty), specialty_);
    ui::date_input(tr(lang, Msg::start_date), from_, lang);
    ui::date_input(tr(lang, Msg::end_date), to_, lang);

    // An edit keeps the record's pause as it is now (the row's button may have changed it meanwhile).
    const auto found = view.subscriptions.find(editing_);
    const sync::Subscription* editing = found == view.subscriptions.end() ? nullptr : &found->second;
    json draft = {{"id", editing_.empty() ? "new" : editing_}, {"user_id", me.id}, {"topic", sync::to_string(topics[topic_])},
                  {"channel", sync::to_string(channel_ == 1 ? sync::Channel::email : sync::Channel::in_app)},
                  {"frequency", sync::to_string(kFrequencies[std::clamp(frequency_, 0, 2)])}, {"paused", editing && editing->paused},
                  {"hospital_id", hospital_filter ? hospital_id_ : ""}, {"department_id", department_id_}, {"specialty", specialty_}};
    const auto from = ui::date_from_field(from_), to = ui::date_from_field(to_);
    if (!from_.empty()) draft["from"] = from ? json(to_iso(*from)) : json(from_);
    if (!to_.empty()) draft["to"] = to ? json(to_iso(*to)) : json(to_);
    Problems problems;
    auto subscription = sync::parse_subscription(draft, problems, "subscription");
    for (const auto& p : problems) ui::field_error(&p, lang);
    ImGui::BeginDisabled(!subscription.has_value());
    const std::string action = std::string(tr(lang, editing_.empty() ? Msg::add : Msg::save_changes)) + "##subscription";
    if (ui::primary_button(action.c_str())) {
        if (editing_.empty()) subscription->id = new_id(ctx.platform, "s-");
        result_.send(ctx, "put_subscription", json(*subscription));
        if (result_.accepted()) clear();
    }
    ImGui::EndDisabled();
    if (!editing_.empty()) {
        ImGui::SameLine();
        if (ui::button(tr(lang, Msg::cancel))) clear();
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
