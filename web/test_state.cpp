// The app's self-description for tests: what the last frame showed.
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "ui_probe.hpp"

namespace alis::web {

nlohmann::json App::test_state() const {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : probe::items()) {
        items.push_back({{"label", item.label}, {"x", item.x}, {"y", item.y}, {"w", item.w}, {"h", item.h},
                         {"role", probe::role_name(item.role)}, {"key", item.key}, {"state", item.state},
                         {"clip_right", item.clip_right}, {"scrolls_x", item.scrolls_x}, {"group", item.group},
                         {"row", item.row}});
    }
    const SyncStatus status = session_.status();
    return {{"frame", frames_},
            {"screen", screen_name(drawn_)},  // the items' screen: a test that waited for it finds them
            {"language", std::string(language_code(language_))},
            {"route", route()},
            {"title", page_title()},
            {"items", items},
            {"sync", {{"online", status.online}, {"pending", status.pending}, {"last_sync", status.last_sync},
                      {"needs_login", status.needs_login}, {"in_flight", status.in_flight},
                      {"saved_here", status.saved_here}, {"recovered", status.recovered},
                      {"storage_error", platform_.storage_error()},
                      {"client_id", session_.logged_in() ? session_.client_id() : std::string()}}},
            {"user", session_.logged_in() ? session_.user().id : std::string()}};
}

}  // namespace alis::web
