#include "placement_download.hpp"

#include "alis/sync/placement_export.hpp"
#include "session.hpp"
#include "widgets.hpp"

namespace alis::web {

namespace {
const Text kCsv{"Godtatte plasseringer til WebCruiter (CSV)", "Godtekne plasseringar til WebCruiter (CSV)",
                "Accepted placements for WebCruiter (CSV)"};
const Text kJson{"Godtatte plasseringer til WebCruiter (JSON)", "Godtekne plasseringar til WebCruiter (JSON)",
                 "Accepted placements for WebCruiter (JSON)"};
}  // namespace

void draw_placement_download(Context& ctx) {
    const SessionUser& user = ctx.session.user();
    if (user.role != sync::Role::hospital) return;
    const auto records = sync::placement_records(ctx.session.view(), user.organisation_id);
    if (records.empty()) return;  // no accepted offer yet
    const std::string stem = "alis-plasseringer-" + to_iso(ctx.platform.today());
    const char* csv = kCsv.in(ctx.lang).c_str();
    const char* json = kJson.in(ctx.lang).c_str();
    if (ui::button(csv)) ctx.platform.save_download(stem + ".csv", "text/csv;charset=utf-8", sync::placements_csv(records));
    ui::same_line_if_fits(ui::button_width(json));
    if (ui::button(json)) {
        ctx.platform.save_download(stem + ".json", "application/json", sync::placements_json(records, user.organisation_id));
    }
}

}  // namespace alis::web
