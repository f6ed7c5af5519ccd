// The session's reading of the server's notifications (web/notifications.*): what counts as unread,
// what a marking sends, and answers that are not the server's.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "notifications.hpp"

using alis::web::Notifications;
using nlohmann::json;

namespace {
json note(std::int64_t id, const std::string& key, bool read, bool in_app = true) {
    return {{"id", id}, {"key", key}, {"kind", "period_fits"}, {"on", "2027-01-01"}, {"read", read}, {"in_app", in_app}};
}
std::string answer(const json& list) { return json{{"unread", 0}, {"notifications", list}}.dump(); }
}  // namespace

TEST_CASE("unread counts only unread notifications the portal shows; opening marks them and shows them as new") {
    Notifications n;
    REQUIRE(n.take(answer(json::array({note(3, "period_fits/p1/u1", false), note(2, "offer_made/o1/u1", true),
                           note(1, "period_new/p2/u1", false, false)}))));
    CHECK(n.unread() == 1);
    CHECK_FALSE(n.is_new("period_fits/p1/u1"));

    CHECK(n.start_marking() == std::vector<std::int64_t>{3});
    CHECK(n.is_new("period_fits/p1/u1"));
    CHECK_FALSE(n.is_new("offer_made/o1/u1"));
    CHECK(n.start_marking().empty());  // one marking at a time

    REQUIRE(n.take(answer(json::array({note(3, "period_fits/p1/u1", true), note(2, "offer_made/o1/u1", true)}))));
    n.marking_done(true);
    CHECK(n.unread() == 0);
    CHECK(n.is_new("period_fits/p1/u1"));  // still shown as new while the tab is open
    n.left_alerts();
    CHECK_FALSE(n.is_new("period_fits/p1/u1"));
}

TEST_CASE("a marking sends at most 30 ids; a failed one is not repeated until the next answer") {
    Notifications n;
    json list = json::array();
    for (int i = 1; i <= 45; ++i) list.push_back(note(i, "k" + std::to_string(i), false));
    REQUIRE(n.take(answer(list)));
    CHECK(n.unread() == 45);
    CHECK(n.start_marking().size() == Notifications::kMarkAtOnce);
    n.marking_done(false);
    CHECK(n.start_marking().empty());
    REQUIRE(n.take(answer(list)));
    CHECK(n.start_marking().size() == 30);
}

TEST_CASE("an answer that is not the server's changes nothing") {
    Notifications n;
    REQUIRE(n.take(answer(json::array({note(7, "k", false)}))));
    for (const std::string bad : {"", "not json", "[]", R"({"notifications": 3})", R"({"notifications": [1]})",
                                  R"({"notifications": [{"id": "7"}]})", R"({"notifications": [{"key": "k"}]})"}) {
        CHECK_FALSE(n.take(bad));
        CHECK(n.unread() == 1);
    }
    json many = json::array();
    for (int i = 0; i < 1001; ++i) many.push_back(note(i, "k", false));
    CHECK_FALSE(n.take(answer(many)));
    CHECK(n.unread() == 1);
}
