#include "screen_office_evaluation.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "alis/sync/evaluation.hpp"
#include "alis/sync/facts.hpp"
#include "alis/text.hpp"
#include "forms.hpp"
#include "i18n.hpp"
#include "session.hpp"
#include "table_sort.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace alis::web {

using nlohmann::json;

namespace {

int count_of(const json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string decimal_of(const json& v, Language lang) { return v.is_number() ? decimal(v.get<double>(), lang) : "–"; }

// A withheld cell is "<5", never its count.
std::string cell(const json& row) {
    return row.value("suppressed", false) || !row["value"].is_number_integer() ? "<5" : std::to_string(row["value"].get<int>());
}

// The figures added for GPs and offers (alis/sync/evaluation.hpp says what each counts).
const Text kGps{"Fastleger i tidsrommet", "Fastlegar i tidsrommet", "GPs in the window"};
const Text kRegistered{"Registrert", "Registrert", "Registered"};
const Text kNewlyRegistered{"Registrert i tidsrommet", "Registrert i tidsrommet", "Registered in the window"};
const Text kFreeAndWishes{"Med ledig tid og ønsker", "Med ledig tid og ønske", "With free time and wishes"};
const Text kEligible{"Minst 3 år i allmennpraksis", "Minst 3 år i allmennpraksis", "At least 3 years in general practice"};
const Text kCandidates{"Kandidater på kommunenes lister", "Kandidatar på listene til kommunane", "Candidates on the municipalities' lists"};
const Text kStruck{"Strøket fra listen", "Stroke frå lista", "Struck from the list"};
const Text kLeft{"Slettet", "Sletta", "Deleted"};
const Text kOffers{"Tilbud gitt i tidsrommet", "Tilbod gitt i tidsrommet", "Offers made in the window"};
const Text kMade{"Gitt", "Gitt", "Made"};
const Text kAccepted{"Akseptert", "Akseptert", "Accepted"};
const Text kDeclined{"Avslått", "Avslått", "Declined"};
const Text kLapsed{"Utløpt uten svar", "Gått ut utan svar", "Lapsed unanswered"};
const Text kPending{"Venter på svar", "Ventar på svar", "Awaiting an answer"};
const Text kByReason{"Perioder etter årsak", "Periodar etter årsak", "Periods by reason"};
const Text kReason{"Årsak", "Årsak", "Reason"};
const Text kMonths{"Måneder", "Månader", "Months"};
const Text kByMunicipality{"Kommunenes fastleger og kandidater", "Fastlegane og kandidatane til kommunane", "The municipalities' GPs and candidates"};
const Text kCandidatesShort{"Kandidater", "Kandidatar", "Candidates"};
const Text kShare{"Andel tildelt", "Del tildelt", "Share matched"};
const Text kMonth{"Måned", "Månad", "Month"};
const Text kOwnHospital{"Du ser tallene for ditt helseforetak.", "Du ser tala for helseføretaket ditt.", "You see the figures for your hospital trust."};
const Text kOwnMunicipality{"Du ser tallene for din kommune og dens fastleger.", "Du ser tala for kommunen din og fastlegane der.", "You see the figures for your municipality and its GPs."};

std::string percent(const json& share, Language lang) {
    return share.is_number() ? decimal(std::round(share.get<double>() * 1000) / 10, lang) + " %" : "–";
}

std::string cell_in(const json& row, const char* name) {
    const auto it = row.find(name);
    return it == row.end() || !it->is_object() ? "–" : cell(*it);
}

// One bar per row, its number written beside it (the bar only repeats what the text says).
void bars(const std::vector<std::pair<std::string, int>>& rows) {
    int most = 1;
    for (const auto& [text, n] : rows) most = std::max(most, n);
    const float full = std::min(320.0f, ImGui::GetContentRegionAvail().x * 0.4f);
    for (const auto& [text, n] : rows) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        const float w = n ? std::max(2.0f, full * static_cast<float>(n) / static_cast<float>(most)) : 0.0f;
        ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + w, at.y + h), ImGui::GetColorU32(theme::kAccent));
        ImGui::Dummy(ImVec2(full, h));
        ImGui::SameLine();
        ui::paragraph(text.c_str());  // wraps on a phone instead of running past the edge
    }
}

void table(const char* id, const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
    const ui::WideTable wide = ui::wide_table(ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp,
                                              ImGui::GetFontSize() * 7 * static_cast<float>(headers.size()));
    const ImVec2 outer(0, wide.scrolls ? ui::table_height(static_cast<int>(rows.size())) : 0);
    if (!ImGui::BeginTable(id, static_cast<int>(headers.size()), wide.flags, outer, wide.inner_width)) return;
    for (const auto& h : headers) ImGui::TableSetupColumn(h.c_str());
    ui::table_headers();
    for (const auto& row : rows) {
        for (const auto& text : row) {
            ImGui::TableNextColumn();
            ui::label(text.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

// The window typed in the fields, or nullopt with the fields' problems set.
std::optional<sync::EvaluationWindow> OfficeEvaluationScreen::window() {
    const auto from = ui::date_from_field(from_), to = ui::date_from_field(to_);
    problems_.clear();
    if (!from) problems_.push_back({"from", "date_format", {"Skriv en dato (dd.mm.åååå).", "Skriv ein dato (dd.mm.åååå).", "Type a date (dd.mm.yyyy)."}});
    if (!to) problems_.push_back({"to", "date_format", {"Skriv en dato (dd.mm.åååå).", "Skriv ein dato (dd.mm.åååå).", "Type a date (dd.mm.yyyy)."}});
    if (!problems_.empty()) return std::nullopt;
    return sync::EvaluationWindow{*from, *to};
}

void OfficeEvaluationScreen::fetch(Context& ctx) {
    const auto w = window();
    if (!w) return;
    loading_ = true;
    ctx.session.server_call("/api/evaluation", {{"from", to_iso(w->from)}, {"to", to_iso(w->to)}}, [this](const HttpResponse& r) {
        loading_ = false;
        offline_ = r.status == 0;
        if (r.status == 200) {
            answer_ = json::parse(r.body, nullptr, false);
            problems_.clear();
        } else if (r.status != 0) {
            problems_ = problems_from_answer(r);
        }
    });
}

// The same window as CSV (the bytes `alis-sync report --format csv` writes), handed to the browser.
void OfficeEvaluationScreen::download(Context& ctx) {
    const auto w = window();
    if (!w) return;
    downloading_ = true;
    const std::string name = "alis-evaluering-" + to_iso(w->from) + "-" + to_iso(w->to) + ".csv";
    ctx.session.server_call("/api/evaluation", {{"from", to_iso(w->from)}, {"to", to_iso(w->to)}, {"format", "csv"}},
                            [this, &platform = ctx.platform, name](const HttpResponse& r) {
                                downloading_ = false;
                                offline_ = r.status == 0;
                                if (r.status == 200) {
                                    platform.save_download(name, "text/csv;charset=utf-8", r.body);
                                    downloaded_ = name;
                                } else if (r.status != 0) {
                                    problems_ = problems_from_answer(r);
                                }
                            });
}

// The windows the scheme is evaluated by; the first months count from the scheme's first publication.
void OfficeEvaluationScreen::draw_presets(Context& ctx) {
    const Language lang = ctx.lang;
    std::optional<Date> start;
    if (answer_.is_object() && answer_.value("scheme_start", json()).is_string()) start = parse_iso(answer_["scheme_start"].get<std::string>());
    ui::label(tr(lang, Msg::evaluation_window_presets));
    const std::pair<sync::WindowPreset, Msg> presets[] = {{sync::WindowPreset::first_6_months, Msg::preset_first_6_months},
                                                          {sync::WindowPreset::first_12_months, Msg::preset_first_12_months},
                                                          {sync::WindowPreset::first_18_months, Msg::preset_first_18_months},
                                                          {sync::WindowPreset::last_year, Msg::preset_last_year},
                                                          {sync::WindowPreset::this_year, Msg::preset_this_year}};
    bool first = true;
    for (const auto& [preset, msg] : presets) {
        const auto w = sync::preset_window(preset, start, ctx.platform.today());
        if (!first) ui::same_line_if_fits(ui::button_width(tr(lang, msg)));
        first = false;
        ImGui::BeginDisabled(!w || loading_);
        if (ui::button(tr(lang, msg)) && w) {
            from_ = ui::field_from_date(w->from);
            to_ = ui::field_from_date(w->to);
            fetch(ctx);
        }
        ImGui::EndDisabled();
    }
}

void OfficeEvaluationScreen::draw(Context& ctx) {
    const Language lang = ctx.lang;
    if (from_.empty() && to_.empty()) {
        const Date today = ctx.platform.today();
        from_ = ui::field_from_date(Date{today.year, 1, 1});
        to_ = ui::field_from_date(today);
    }
    ui::heading(tr(lang, Msg::tab_evaluation));
    ui::muted(tr(lang, Msg::evaluation_intro));
    // The server answers a hospital and a municipality with their own part (evaluation_api.hpp).
    if (ctx.session.user().role == sync::Role::hospital) ui::muted(kOwnHospital.in(lang).c_str());
    if (ctx.session.user().role == sync::Role::municipality) ui::muted(kOwnMunicipality.in(lang).c_str());
    draw_presets(ctx);
    ui::date_input(tr(lang, Msg::start_date), from_, lang);
    ui::field_error(ui::problem_for(problems_, "from"), lang);
    ui::date_input(tr(lang, Msg::end_date), to_, lang);
    ui::field_error(ui::problem_for(problems_, "to"), lang);
    ImGui::BeginDisabled(loading_);
    const bool show = ui::primary_button(tr(lang, Msg::show_figures));
    ImGui::EndDisabled();
    ui::same_line_if_fits(ui::button_width(tr(lang, Msg::download_csv)));
    ImGui::BeginDisabled(downloading_);
    const bool save = ui::button(tr(lang, Msg::download_csv));
    ImGui::EndDisabled();
    if (show || (!asked_ && ctx.session.status().online)) {
        asked_ = true;
        fetch(ctx);
    }
    if (save) download(ctx);
    if (!downloaded_.empty()) ui::note((std::string(tr(lang, Msg::downloaded_file)) + " " + downloaded_).c_str(), ui::kGood);
    if (offline_) ui::note(tr(lang, Msg::evaluation_offline), ui::kCaution);
    for (const Problem& p : problems_) {
        if (p.field.empty()) ui::note(p.message.in(lang).c_str(), ui::kWarning);
    }
    if (answer_.is_object()) draw_figures(ctx);
}

void OfficeEvaluationScreen::draw_figures(Context& ctx) {
    const Language lang = ctx.lang;
    const json& total = answer_.value("total", json::object());
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::evaluation_periods));
    std::vector<std::vector<std::string>> rows;
    for (const auto& [msg, name] : {std::pair{Msg::tab_periods, "periods"}, {Msg::places, "places"},
                                    {Msg::evaluation_matched, "matched"}, {Msg::evaluation_released, "released"},
                                    {Msg::evaluation_withdrawn, "withdrawn"}, {Msg::evaluation_open, "open"}}) {
        rows.push_back({tr(lang, msg), std::to_string(count_of(total, name))});
    }
    table("##eval_total", {tr(lang, Msg::evaluation_measure), tr(lang, Msg::evaluation_count)}, rows);

    const json& days = answer_.value("days_to_match", json::object());
    ImGui::Spacing();
    ui::heading(tr(lang, Msg::evaluation_days));
    table("##eval_days", {tr(lang, Msg::evaluation_measure), tr(lang, Msg::evaluation_count)},
          {{tr(lang, Msg::evaluation_matched), std::to_string(count_of(days, "count"))},
           {tr(lang, Msg::evaluation_median), decimal_of(days.value("median", json()), lang)},
           {tr(lang, Msg::evaluation_lower_quartile), decimal_of(days.value("lower_quartile", json()), lang)},
           {tr(lang, Msg::evaluation_upper_quartile), decimal_of(days.value("upper_quartile", json()), lang)}});
    const json& dist = days.value("distribution", json::object());
    const char* unit = tr(lang, Msg::evaluation_days_unit);
    bars({{std::string("0–14 ") + unit + ": " + std::to_string(count_of(dist, "0-14")), count_of(dist, "0-14")},
          {std::string("15–30 ") + unit + ": " + std::to_string(count_of(dist, "15-30")), count_of(dist, "15-30")},
          {std::string("31–60 ") + unit + ": " + std::to_string(count_of(dist, "31-60")), count_of(dist, "31-60")},
          {std::string("> 60 ") + unit + ": " + std::to_string(count_of(dist, "over_60")), count_of(dist, "over_60")}});

    ImGui::Spacing();
    ui::heading(tr(lang, Msg::evaluation_by_month));
    std::vector<std::pair<std::string, int>> months;
    for (const json& m : answer_.value("by_month", json::array())) {
        const int n = count_of(m, "periods");
        months.push_back({m.value("month", std::string()) + " – " + tr(lang, Msg::tab_periods) + ": " + std::to_string(n) + ", " +
                              tr(lang, Msg::evaluation_matched) + ": " + std::to_string(count_of(m, "matched")),
                          n});
    }
    if (months.empty()) ui::muted(tr(lang, Msg::evaluation_none));
    bars(months);

    ImGui::Spacing();
    ui::heading(tr(lang, Msg::role_hospital));
    rows.clear();
    for (const json& h : answer_.value("by_hospital", json::array())) {
        rows.push_back({h.value("name", std::string()), std::to_string(count_of(h, "periods")), std::to_string(count_of(h, "matched")),
                        std::to_string(count_of(h, "released")), std::to_string(count_of(h, "withdrawn"))});
    }
    if (rows.empty()) ui::muted(tr(lang, Msg::evaluation_none));
    else table("##eval_hospitals", {tr(lang, Msg::role_hospital), tr(lang, Msg::tab_periods), tr(lang, Msg::evaluation_matched),
                                    tr(lang, Msg::evaluation_released), tr(lang, Msg::evaluation_withdrawn)}, rows);

    ImGui::Spacing();
    ui::heading(tr(lang, Msg::evaluation_placed));
    ui::muted(tr(lang, Msg::evaluation_small_cells));
    for (const auto& [part, msg] : {std::pair{"placed_by_department", Msg::department}, {"placed_by_municipality", Msg::municipality}}) {
        rows.clear();
        for (const json& row : answer_.value(part, json::array())) rows.push_back({row.value("name", std::string()), cell(row)});
        if (!rows.empty()) table(part, {tr(lang, msg), tr(lang, Msg::evaluation_matched)}, rows);
    }
    draw_people(ctx);
}

// GPs, offers, periods by reason and the municipalities' share placed: as the answer gives them.
void OfficeEvaluationScreen::draw_people(Context& ctx) {
    const Language lang = ctx.lang;
    const auto t = [&](const Text& text) { return text.in(lang); };
    const json& doctors = answer_.value("doctors", json::object());
    if (ctx.session.user().role != sync::Role::hospital) {
        ImGui::Spacing();
        ui::heading(t(kGps).c_str());
        std::vector<std::vector<std::string>> rows;
        for (const auto& [text, name] : {std::pair{&kRegistered, "registered"}, {&kNewlyRegistered, "newly_registered"},
                                         {&kFreeAndWishes, "with_free_time_and_wishes"}, {&kEligible, "eligible"},
                                         {&kCandidates, "candidates"}, {&kStruck, "struck"}, {&kLeft, "left"}}) {
            rows.push_back({t(*text), std::to_string(count_of(doctors, name))});
        }
        table("##eval_gps", {tr(lang, Msg::evaluation_measure), tr(lang, Msg::evaluation_count)}, rows);
    }

    ImGui::Spacing();
    ui::heading(t(kOffers).c_str());
    const json& offers = answer_.value("offers", json::object());
    std::vector<std::pair<std::string, int>> offer_bars;
    const std::pair<std::string, const char*> offer_rows[] = {
        {t(kMade), "made"}, {t(kAccepted), "accepted"}, {t(kDeclined), "declined"},
        {tr(lang, Msg::evaluation_withdrawn), "withdrawn"}, {t(kLapsed), "lapsed"}, {t(kPending), "pending"}};
    for (const auto& [text, name] : offer_rows) offer_bars.push_back({text + ": " + std::to_string(count_of(offers, name)), count_of(offers, name)});
    bars(offer_bars);
    // By the period's department (withheld as "<5" when 1..4) and by the month the offer was made.
    std::vector<std::vector<std::string>> offer_table;
    for (const json& row : answer_.value("offers_by_department", json::array())) offer_table.push_back({row.value("name", std::string()), cell(row)});
    if (!offer_table.empty()) table("##eval_offers_departments", {tr(lang, Msg::department), t(kMade)}, offer_table);
    offer_table.clear();
    for (const json& m : answer_.value("offers_by_month", json::array())) {
        offer_table.push_back({m.value("month", std::string()), std::to_string(count_of(m, "made")), std::to_string(count_of(m, "accepted")),
                               std::to_string(count_of(m, "declined"))});
    }
    if (!offer_table.empty()) table("##eval_offers_months", {t(kMonth), t(kMade), t(kAccepted), t(kDeclined)}, offer_table);

    ImGui::Spacing();
    ui::heading(t(kByReason).c_str());
    std::vector<std::vector<std::string>> rows;
    for (const json& r : answer_.value("by_reason", json::array())) {
        const std::string reason = r.value("reason", std::string());
        rows.push_back({sync::reason_label(reason).in(lang), std::to_string(count_of(r, "periods")), std::to_string(count_of(r, "places")),
                        decimal_of(r.value("months", json()), lang)});
    }
    if (rows.empty()) ui::muted(tr(lang, Msg::evaluation_none));
    else table("##eval_reasons", {t(kReason), tr(lang, Msg::tab_periods), tr(lang, Msg::places), t(kMonths)}, rows);

    rows.clear();
    for (const json& m : answer_.value("by_municipality", json::array())) {
        rows.push_back({m.value("name", std::string()), cell_in(m, "gps"), cell_in(m, "candidates"), cell_in(m, "placed"),
                        percent(m.value("placed_share", json()), lang)});
    }
    if (!rows.empty()) {
        ImGui::Spacing();
        ui::heading(t(kByMunicipality).c_str());
        table("##eval_municipalities", {tr(lang, Msg::municipality), t(kRegistered), t(kCandidatesShort), tr(lang, Msg::evaluation_matched), t(kShare)},
              rows);
    }
}

}  // namespace alis::web
