#pragma once
// One-click unsubscribe (RFC 8058) without logging in: each mail carries
//   List-Unsubscribe: <PORTAL/api/unsubscribe?token=T>
//   List-Unsubscribe-Post: List-Unsubscribe=One-Click
// where T = base64url(user id) "." base64url(HMAC-SHA-512-256 of the user id under a server key kept
// in the secrets table). A POST with a valid token deletes the user's e-mail subscriptions; a GET only
// shows a button that POSTs (link checkers and prefetchers follow GETs).
#include <optional>
#include <string>

#include "http_types.hpp"
#include "storage.hpp"
#include "sync_service.hpp"

namespace alis::server {

std::string unsubscribe_key(Storage& storage);
std::string unsubscribe_token(const std::string& key, const std::string& user_id);
// The user id when the token is genuine.
std::optional<std::string> verify_unsubscribe(const std::string& key, const std::string& token);

// GET: the confirmation page; POST: unsubscribes; both in the account's language. `token` is the
// query parameter as sent.
Response unsubscribe_request(Storage& storage, SyncService& sync, const std::string& method, const std::string& token);

}  // namespace alis::server
