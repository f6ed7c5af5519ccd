#include "notifications.hpp"

#include <algorithm>

namespace alis::server {

using nlohmann::json;

std::size_t collect_notifications(Storage& storage, const SyncService& sync, const Clock& clock, int keep_days) {
    std::vector<NotificationRow> rows;
    const Date oldest = add_days(clock.today(), -keep_days);
    for (const events::Event& e : sync.events()) {
        if (e.on < oldest) continue;
        NotificationRow r;
        r.key = e.key;
        r.user_id = e.user_id;
        r.kind = events::to_string(e.kind);
        r.on = to_iso(e.on);
        r.created_at = clock.now();
        r.email = e.email;
        json body = json::object();
        for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"period_id", &e.period_id},
                                          {"offer_id", &e.offer_id}, {"doctor_id", &e.doctor_id},
                                          {"wish_id", &e.wish_id}, {"candidate_id", &e.candidate_id}}) {
            if (!value->empty()) body[name] = *value;
        }
        // Gathered into a daily or weekly digest by the outbox (outbox.cpp) instead of mailed at once.
        if (e.email && e.email_frequency != sync::Frequency::immediate) body["frequency"] = sync::to_string(e.email_frequency);
        if (!e.in_app) body["in_app"] = false;  // for an e-mail subscription only: not counted in the portal
        r.body = std::move(body);
        rows.push_back(std::move(r));
    }
    return storage.add_notifications(rows);
}

Storage::NotificationExpiry expire_notifications(Storage& storage, const Clock& clock, int keep_days, bool dry_run) {
    return storage.expire_notifications(to_iso(add_days(clock.today(), -keep_days)), clock.now() - std::int64_t{keep_days} * 86400,
                                        dry_run);
}

Response notifications_answer(Storage& storage, const std::string& user_id) {
    json list = json::array();
    for (const auto& n : storage.notifications(user_id, kNotificationsPerAnswer)) {
        list.push_back({{"id", n.id}, {"key", n.key}, {"kind", n.kind}, {"on", n.on}, {"read", n.read_at != 0},
                        {"in_app", n.body.value("in_app", true)}, {"email", n.email}, {"body", n.body}});
    }
    return Response::json(200, {{"unread", storage.unread_notifications(user_id)}, {"notifications", std::move(list)}});
}

Response mark_notifications_read(Storage& storage, const Clock& clock, const std::string& user_id, const json& body) {
    auto it = body.find("ids");
    const bool ok = it != body.end() && it->is_array() && it->size() <= kMarkReadIds &&
                    std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_number_integer(); });
    if (!ok) {
        const std::string n = std::to_string(kMarkReadIds);
        return Response::problems(400, "invalid_request",
                                  {"Forespørselen har ugyldige felt.", "Førespurnaden har ugyldige felt.",
                                   "The request has invalid fields."},
                                  {{"ids", "integer_list",
                                    {"Må være en liste med høyst " + n + " heltall.", "Må vera ei liste med høgst " + n + " heiltal.",
                                     "Must be a list of at most " + n + " integers."}}});
    }
    std::vector<std::int64_t> ids;
    for (const auto& v : *it) ids.push_back(v.get<std::int64_t>());
    storage.mark_notifications_read(user_id, ids, clock.now());
    return notifications_answer(storage, user_id);
}

}  // namespace alis::server
