// Data tables sort by clicking their headers: text in Norwegian order, a second click reverses, a
// third goes back to the screen's own order; sorting a view never changes an order the domain keeps.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "alis/collation.hpp"
#include "flow_steps.hpp"
#include "headless.hpp"
#include "portal_fixture.hpp"
#include "table_sort.hpp"
#include "test_platform.hpp"

using namespace alis;
using namespace alis::web;
using namespace alis::web::testing;

namespace {

// Four GPs of Bergen on its list, ranked so that the ranking is not the alphabetical order.
const char* kRanked[] = {"Åse Berg", "Øystein Dal", "Zara Li", "Ærlig Moe"};

void seed_ranked_list(TestPortal& portal) {
    int n = 0;
    for (const char* name : kRanked) {
        const std::string id = "d-" + std::to_string(++n);
        portal.apply("register_doctor", doctor_json(id, name));
        portal.apply("put_candidate", nlohmann::json{{"id", "c-" + std::to_string(n)}, {"municipality_id", "bergen"}, {"doctor_id", id},
                                                     {"wished_service", "Indremedisin"}});
    }
}

std::vector<std::string> ranking_on_server(const TestPortal& portal) {
    std::vector<std::pair<int, std::string>> rows;
    for (const auto& [id, c] : portal.server.state().candidates) rows.push_back({c.position, portal.server.state().doctors.at(c.doctor_id).name});
    std::sort(rows.begin(), rows.end());
    std::vector<std::string> names;
    for (const auto& r : rows) names.push_back(r.second);
    return names;
}

void check_drawn_in_order(const std::vector<std::string>& labels) {
    for (size_t i = 1; i < labels.size(); ++i) {
        CHECK_MESSAGE(row_y(labels[i - 1]) < row_y(labels[i]), labels[i - 1] << " is drawn above " << labels[i]);
    }
}

}  // namespace

TEST_CASE("clicking a header sorts the municipality's list in Norwegian order, again reverses, and the ranking sent stays") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    seed_ranked_list(portal);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "bk");
    REQUIRE(app.session().logged_in());
    CHECK(ui.shows("Rangering"));
    check_drawn_in_order({"Åse Berg", "Øystein Dal", "Zara Li", "Ærlig Moe"});  // the ranking, before any click

    ui.click(app, "Lege");
    check_drawn_in_order({"Zara Li", "Ærlig Moe", "Øystein Dal", "Åse Berg"});
    CHECK(ui.shows("Visningen er sortert. Rekkefølgen kommunen sender, er fortsatt rangeringen."));
    ui.click(app, "Lege");
    check_drawn_in_order({"Åse Berg", "Øystein Dal", "Ærlig Moe", "Zara Li"});

    // Sorting sent nothing; the server's ranking is as it was.
    CHECK(app.session().status().pending == 0);
    CHECK(ranking_on_server(portal) == std::vector<std::string>{"Åse Berg", "Øystein Dal", "Zara Li", "Ærlig Moe"});

    // "Ned" on the top row of the sorted view (Åse, ranked first) moves her down the ranking, not the view.
    ui.click(app, "Ned");
    sync_round(ui, app, platform);
    CHECK(ranking_on_server(portal) == std::vector<std::string>{"Øystein Dal", "Åse Berg", "Zara Li", "Ærlig Moe"});

    ui.click(app, "Lege");  // the third click goes back to the ranking
    check_drawn_in_order({"Øystein Dal", "Åse Berg", "Zara Li", "Ærlig Moe"});
    CHECK_FALSE(ui.shows("Visningen er sortert. Rekkefølgen kommunen sender, er fortsatt rangeringen."));
}

TEST_CASE("the office's organisations are in Norwegian order by name, sort by any column, and keep the filter") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    for (const char* name : {"Åse", "Zara", "Øystein", "Ærlig"}) {
        portal.apply("put_organisation", nlohmann::json{{"id", std::string("m-") + std::to_string(std::hash<std::string>{}(name) % 100000)},
                                                         {"kind", "municipality"}, {"name", name}});
    }
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kontor");
    REQUIRE(app.session().logged_in());
    // By name at first; a click on the name header reverses, another puts it back.
    check_drawn_in_order({"Bergen", "Helse Bergen", "Medisinsk avdeling", "Zara", "Ærlig", "Øystein", "Åse"});
    ui.click(app, "Navn");
    check_drawn_in_order({"Åse", "Øystein", "Ærlig", "Zara", "Medisinsk avdeling", "Helse Bergen", "Bergen"});
    ui.click(app, "Navn");
    check_drawn_in_order({"Bergen", "Helse Bergen", "Medisinsk avdeling", "Zara", "Ærlig", "Øystein", "Åse"});
    ui.click(app, "Type");  // Avdeling < Helseforetak < Kommune
    check_drawn_in_order({"Medisinsk avdeling", "Helse Bergen", "Bergen"});
    ui.click(app, "Navn");
    ui.click(app, "Navn");

    // The filter still narrows the sorted rows.
    ui.type(app, "Filter", "berg");
    CHECK(ui.shows("Bergen"));
    CHECK(ui.shows("Helse Bergen"));
    CHECK_FALSE(ui.shows("Zara"));
    check_drawn_in_order({"Helse Bergen", "Bergen"});
}

TEST_CASE("the organisations filter ignores case, also for Æ, Ø and Å") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    portal.apply("put_organisation", nlohmann::json{{"id", "m-oystese"}, {"kind", "municipality"}, {"name", "Øystese kommune"}});
    portal.apply("put_organisation", nlohmann::json{{"id", "m-zara"}, {"kind", "municipality"}, {"name", "Zara"}});
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kontor");
    ui.type(app, "Filter", "øYS");
    CHECK(ui.shows("Øystese kommune"));
    CHECK_FALSE(ui.shows("Zara"));
    CHECK_FALSE(ui.shows("Bergen"));
}

namespace {

// A bare table of `names` with a sorter, drawn into the headless context, as a screen would.
struct NameTable {
    std::vector<std::string> names;
    ui::TableSorter sorter;
    std::vector<int> shown;

    void frame() {
        ImGui::NewFrame();
        probe::begin_frame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##test");
        if (ImGui::BeginTable("##names", 1, ui::kSortable | ImGuiTableFlags_ScrollY, ImVec2(0, 400))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("Navn");
            ui::table_headers();
            ui::Fingerprint fingerprint;
            for (const auto& n : names) fingerprint.add(n);
            const auto& order = sorter.order(static_cast<int>(names.size()), fingerprint.value(),
                                             [&](int a, int b, int) { return ui::compare_text(names[a], names[b]); });
            shown = order;
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(order.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(names[order[i]].c_str());
                }
            }
            ImGui::EndTable();
        }
        ImGui::End();
        ImGui::Render();
    }

    void click_header() {
        const probe::Item* header = probe::find("Navn");
        REQUIRE(header != nullptr);
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(header->x + header->w / 2, header->y + header->h / 2);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }
};

}  // namespace

TEST_CASE("a table of thousands of rows sorts once per header click or data change, not every frame") {
    Headless context;  // an ImGui context with fonts, no app
    NameTable table;
    for (int i = 0; i < 5000; ++i) table.names.push_back((i % 3 == 0 ? "Øy" : i % 3 == 1 ? "Zara" : "Åse") + std::to_string(i));
    table.frame();
    CHECK(table.sorter.sort_count() == 0);  // the caller's own order until a header is clicked
    table.click_header();
    CHECK(table.sorter.sort_count() == 1);
    for (int i = 0; i < 30; ++i) table.frame();
    CHECK(table.sorter.sort_count() == 1);
    REQUIRE(table.shown.size() == 5000);
    for (size_t i = 1; i < table.shown.size(); ++i) {
        CHECK_FALSE(norwegian_less(table.names[table.shown[i]], table.names[table.shown[i - 1]]));
    }
    CHECK(table.names[table.shown.front()].rfind("Zara", 0) == 0);
    CHECK(table.names[table.shown.back()].rfind("Åse", 0) == 0);

    table.names.push_back("Aaron");  // the rows changed: sorted again, once
    table.frame();
    table.frame();
    CHECK(table.sorter.sort_count() == 2);
    CHECK(table.names[table.shown.front()] == "Aaron");
}

TEST_CASE("a table that draws only its visible rows numbers them in the whole table, and a scrolled row keeps its node") {
    Headless ui(1280, 1000);
    TestPortal portal;
    seed_region(portal);
    seed_municipalities(portal, 300);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "kontor");
    REQUIRE(app.session().logged_in());
    const probe::Item* header = probe::find("Navn");
    REQUIRE(header != nullptr);
    CHECK(header->row_count == 303 + 1);  // the region's three and the 300, and the header row
    // By name: Bergen, Helse Bergen, Kommune 000 ... ; "Kommune 000" is the whole table's third row.
    const probe::Item* first = probe::find("Kommune 000");
    REQUIRE(first != nullptr);
    CHECK(first->row == 3);
    CHECK(probe::find("Kommune 200") == nullptr);  // not drawn: far below
    // Scroll the table with the wheel until "Kommune 040" is drawn; a row drawn before and after
    // keeps its key and its number, whatever ImGui's count of drawn rows says.
    const probe::Item* k = probe::find("Kommune 005");
    REQUIRE(k != nullptr);
    const std::uint32_t key = k->key;
    ImGui::GetIO().MousePos = ImVec2(k->x + 10, k->y + 5);
    for (int i = 0; i < 40 && !probe::find("Kommune 040"); ++i) {
        ImGui::GetIO().MouseWheel = -1;
        ui.frame(app);
    }
    REQUIRE(probe::find("Kommune 040") != nullptr);
    CHECK(probe::find("Kommune 040")->row == 43);
    if (const probe::Item* again = probe::find("Kommune 039")) CHECK(again->row == 42);
    // Scrolled back: the same organisation, the same node.
    for (int i = 0; i < 40 && !probe::find("Kommune 005"); ++i) {
        ImGui::GetIO().MouseWheel = 1;
        ui.frame(app);
    }
    REQUIRE(probe::find("Kommune 005") != nullptr);
    CHECK(probe::find("Kommune 005")->key == key);
    CHECK(probe::find("Kommune 005")->row == 8);
}

TEST_CASE("on a phone the municipality's candidates are stacked entries with every field named, whole, and their buttons work") {
    Headless ui(320, 640);
    TestPortal portal;
    seed_region(portal);
    seed_ranked_list(portal);
    TestPlatform platform(portal);
    App app(platform);
    log_in(ui, app, platform, "bk");
    REQUIRE(app.session().logged_in());
    // No five squeezed columns: each field under its name, the name whole inside the screen.
    CHECK_FALSE(ui.shows("Rangering"));
    const probe::Item* name = probe::find("Lege: Åse Berg");
    REQUIRE(name != nullptr);
    CHECK(name->x + name->w <= 320);
    CHECK(ui.shows("Rangering: 1"));
    CHECK(ui.shows_part("Poeng: "));
    CHECK(ui.shows("Ønsket tjeneste: Indremedisin"));
    CHECK(past_right_edge(320) == "");
    // In the ranking's order; "Ned" on the first moves her down the ranking sent.
    check_drawn_in_order({"Lege: Åse Berg", "Lege: Øystein Dal", "Lege: Zara Li", "Lege: Ærlig Moe"});
    ui.click(app, "Ned");
    sync_round(ui, app, platform);
    CHECK(ranking_on_server(portal) == std::vector<std::string>{"Øystein Dal", "Åse Berg", "Zara Li", "Ærlig Moe"});
    check_drawn_in_order({"Lege: Øystein Dal", "Lege: Åse Berg"});
}

TEST_CASE("turning a column's direction costs no sort: the order a stable sort gives, equal rows in the screen's order") {
    Headless context;
    NameTable table;
    // Few distinct names, so most rows are equal to others and their order among themselves shows.
    const char* kinds[] = {"Åse", "Zara", "Øy", "Bergen", "Ærlig", "bergen", "Voss"};
    for (int i = 0; i < 3000; ++i) table.names.push_back(kinds[(i * 7919) % 7]);
    auto stable = [&](bool descending) {
        std::vector<int> order(table.names.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const int c = ui::compare_text(table.names[a], table.names[b]);
            return descending ? c > 0 : c < 0;
        });
        return order;
    };
    std::vector<int> screen(table.names.size());
    for (size_t i = 0; i < screen.size(); ++i) screen[i] = static_cast<int>(i);

    table.frame();
    table.click_header();  // ascending: sorted once
    CHECK(table.sorter.sort_count() == 1);
    CHECK(table.shown == stable(false));
    table.click_header();  // descending: read from the ascending order
    CHECK(table.sorter.sort_count() == 1);
    CHECK(table.shown == stable(true));
    CHECK(table.names[table.shown.front()] == "Åse");
    CHECK(table.shown[1] > table.shown[0]);  // equal names keep the screen's order, not reversed
    table.click_header();  // the third click: the screen's own order
    CHECK(table.shown == screen);
    table.click_header();  // ascending again, from what was sorted
    CHECK(table.sorter.sort_count() == 1);
    CHECK(table.shown == stable(false));
}
