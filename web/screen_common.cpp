// Small pieces the screens share.
#include <imgui.h>

#include <algorithm>
#include <map>

#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

void SendResult::send(Context& ctx, const std::string& mutation, const nlohmann::json& args) {
    newest_known_refusal_ = 0;
    for (const auto& r : ctx.session.rejections()) newest_known_refusal_ = std::max(newest_known_refusal_, r.mutation_id);
    const sync::Outcome outcome = ctx.session.mutate(mutation, args);
    shown_ = true;
    accepted_ = outcome.accepted;
    refused_by_server_ = false;
    problems_ = outcome.problems;
    mutation_ = mutation;
}

void SendResult::draw(Context& ctx) {
    if (!shown_) return;
    const Language lang = ctx.lang;
    if (accepted_) {
        for (const auto& r : ctx.session.rejections()) {
            if (r.name == mutation_ && r.mutation_id > newest_known_refusal_) {
                accepted_ = false;
                refused_by_server_ = true;
                problems_ = r.problems;  // kept after the status line's copy is dismissed
                break;
            }
        }
    }
    if (accepted_) {
        ui::note(tr(lang, Msg::saved), ui::kGood);
        return;
    }
    if (refused_by_server_) ui::note(tr(lang, Msg::rejected_change), ui::kWarning);
    for (const auto& p : problems_) {
        const char* field = field_label(p.field, lang);
        const std::string line = field ? std::string(field) + ": " + p.message.in(lang) : p.message.in(lang);
        ui::note(line.c_str(), ui::kWarning);
    }
}

const char* field_label(const std::string& field, Language lang) {
    static const std::map<std::string, Msg> kFields{
        {"places", Msg::places},           {"start", Msg::start_date},       {"end", Msg::end_date},
        {"department_id", Msg::department}, {"hospital_id", Msg::hospital},   {"specialty", Msg::specialty},
        {"supervisor", Msg::supervisor},   {"reason", Msg::reason},          {"on_call", Msg::on_call},
        {"hpr_number", Msg::hpr_number},   {"municipality_id", Msg::municipality}, {"name", Msg::name},
        {"email", Msg::email},             {"phone", Msg::phone},            {"earliest_start", Msg::earliest_start},
        {"latest_end", Msg::latest_end},   {"wished_service", Msg::wished_service}, {"topic", Msg::alert_topic},
        {"channel", Msg::alert_channel},   {"frequency", Msg::alert_frequency}, {"from", Msg::start_date},
        {"to", Msg::end_date},
    };
    const auto dot = field.rfind('.');
    const auto it = kFields.find(dot == std::string::npos ? field : field.substr(dot + 1));
    return it == kFields.end() ? nullptr : tr(lang, it->second);
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
