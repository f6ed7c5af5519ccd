#include "notifications.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace alis::web {

namespace {
// The server sends at most 100 (sync/src/notifications.hpp); more is not an answer of ours.
constexpr std::size_t kMostListed = 1000;
}  // namespace

bool Notifications::take(const std::string& body) {
    const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
    if (!answer.is_object()) return false;
    const auto list = answer.find("notifications");
    if (list == answer.end() || !list->is_array() || list->size() > kMostListed) return false;
    std::vector<std::int64_t> ids;
    std::vector<std::string> keys;
    for (const nlohmann::json& n : *list) {
        if (!n.is_object()) return false;
        const auto id = n.find("id");
        if (id == n.end() || !id->is_number_integer()) return false;
        if (n.value("read", false) || !n.value("in_app", true)) continue;
        ids.push_back(id->get<std::int64_t>());
        keys.push_back(n.value("key", std::string{}));
    }
    unread_ids_ = std::move(ids);
    unread_keys_ = std::move(keys);
    return true;
}

std::vector<std::int64_t> Notifications::start_marking() {
    if (marking_ || unread_ids_.empty()) return {};
    marking_ = true;
    const std::size_t n = std::min(kMarkAtOnce, unread_ids_.size());
    for (std::size_t i = 0; i < n; ++i) fresh_keys_.insert(unread_keys_[i]);
    return {unread_ids_.begin(), unread_ids_.begin() + static_cast<std::ptrdiff_t>(n)};
}

void Notifications::marking_done(bool ok) {
    marking_ = false;
    if (!ok) {
        unread_ids_.clear();
        unread_keys_.clear();
    }
}

}  // namespace alis::web
