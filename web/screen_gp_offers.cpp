// Offers made to the GP, to accept or decline. Accepting is decided by the server's order: when two
// GPs accept the last place while offline, the second sees the refusal and its reason.
#include <imgui.h>

#include "alis/rules.hpp"
#include "calendar_download.hpp"
#include "i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {
const char* status_text(sync::OfferStatus s, Language lang) {
    if (s == sync::OfferStatus::lapsed) return tr(lang, Msg::offer_lapsed);
    static const char* kText[4][3] = {{"Venter på svar", "Ventar på svar", "Awaiting answer"},
                                      {"Godtatt", "Godteke", "Accepted"},
                                      {"Avslått", "Avslått", "Declined"},
                                      {"Trukket tilbake", "Trekt tilbake", "Withdrawn"}};
    return kText[static_cast<int>(s)][static_cast<int>(lang)];
}
}  // namespace

void GpOffersScreen::draw(Context& ctx) {
    draw_calendar_download(ctx);
    const Language lang = ctx.lang;
    const auto& view = ctx.session.view();
    const std::string doctor_id = ctx.session.user().doctor_id;
    bool any = false;
    for (const auto& [id, offer] : view.offers) {
        if (offer.doctor_id != doctor_id) continue;
        any = true;
        ImGui::PushID(id.c_str());
        const Period* period = sync::find_period(view, offer.period_id);
        std::string line = organisation_name(view, offer.hospital_id);
        if (period) line += " – " + organisation_name(view, period->department_id);
        line += ": " + to_norwegian(offer.range.start) + "–" + to_norwegian(offer.range.end) + " · " + status_text(offer.status, lang);
        // The deadline while the GP can still answer, and on a lapsed offer to say which day it was.
        if (offer.status == sync::OfferStatus::pending || offer.status == sync::OfferStatus::lapsed) {
            line += std::string(" · ") + tr(lang, Msg::answer_by) + " " + to_norwegian(offer.answer_by);
        }
        ui::paragraph(line.c_str());
        if (!offer.message.empty()) ui::muted(offer.message.c_str());
        // Past the deadline the server refuses an answer; the daily job then marks the offer lapsed.
        if (offer.status == sync::OfferStatus::pending && !answer_deadline_passed(offer.answer_by, ctx.platform.today())) {
            if (ui::primary_button(tr(lang, Msg::accept))) result_.send(ctx, "accept_offer", {{"offer_id", id}});
            ImGui::SameLine();
            if (ui::button(tr(lang, Msg::decline))) result_.send(ctx, "decline_offer", {{"offer_id", id}});
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (!any) ui::muted(tr(lang, Msg::no_offers));
    result_.draw(ctx);
}

}  // namespace alis::web
