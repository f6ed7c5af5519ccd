#include "documents_queue.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace alis::web {

using nlohmann::json;

namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr double kMaxBackoffSeconds = 60;

std::string prefix_of(const std::string& user_id) { return "docq-" + user_id + "-"; }
std::string lock_of(const std::string& file) { return "alis-" + file; }

std::optional<QueuedDocument> parse_queued(const std::string& file, const std::string& text, std::string* bytes) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("bytes") || !j["bytes"].is_string()) return std::nullopt;
    const auto kind = sync::document_kind_from(j.value("kind", ""));
    if (!kind) return std::nullopt;
    QueuedDocument q{file, {j.value("doctor_id", ""), *kind, j.value("municipality_id", "")}, j.value("name", ""),
                     j.value("size", std::size_t{0})};
    if (bytes) {
        auto decoded = base64_decode(j["bytes"].get_ref<const std::string&>());
        if (!decoded) return std::nullopt;
        *bytes = std::move(*decoded);
    }
    return q;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out += kAlphabet[v >> s & 63];
    }
    if (const std::size_t rest = bytes.size() - i) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned v = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=') {
            if (i + 2 < text.size()) return std::nullopt;  // only at the end
            ++padding;
            continue;
        }
        if (padding) return std::nullopt;
        const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
        if (!at) return std::nullopt;
        v = (v << 6 | static_cast<unsigned>(at - kAlphabet)) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>(v >> bits & 0xFF);
        }
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (std::isalnum(b) && b < 128) out += c;
        else if (c == '-' || c == '.' || c == '_' || c == '~') out += c;
        else {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 15];
        }
    }
    return out;
}

void DocumentQueue::choose(Context& ctx, const DocumentSlot& slot) {
    Session& session = ctx.session;
    Platform& platform = ctx.platform;
    const Language lang = ctx.lang;
    platform.choose_file(".pdf,application/pdf", sync::kMaxDocumentBytes,
                         [this, alive = alive_, &session, &platform, lang, slot](const ChosenFile& file) {
                             if (!*alive || !session.logged_in()) return;
                             Context ctx{session, platform, lang};
                             add(ctx, slot, file);
                         });
}

void DocumentQueue::add(Context& ctx, const DocumentSlot& slot, const ChosenFile& file) {
    refusals_.erase(slot);
    if (file.too_large) {
        if (auto p = sync::check_document_size(file.size)) refusals_[slot] = {*p};
        return;
    }
    if (auto p = sync::check_pdf(file.bytes)) {
        refusals_[slot] = {*p};
        return;
    }
    const std::string name = prefix_of(ctx.session.user().id) + ctx.platform.random_id();
    const json stored = {{"doctor_id", slot.doctor_id}, {"kind", sync::to_string(slot.kind)},
                         {"municipality_id", slot.municipality_id}, {"name", file.name},
                         {"size", file.bytes.size()}, {"bytes", base64_encode(file.bytes)}};
    ctx.platform.write_file(name, stored.dump());
    queued_[name] = {name, slot, file.name, file.bytes.size()};
    next_attempt_ = 0;  // a new file goes at once, whatever the last one met
    failures_ = 0;
}

// The stored files of this user, every tab's; a new one is read once, for its slot and name.
void DocumentQueue::refresh(Context& ctx) {
    const std::string& user = ctx.session.user().id;
    if (user != user_) {
        user_ = user;
        queued_.clear();
        refusals_.clear();
        elsewhere_.clear();
        asked_.reset();
    }
    std::map<std::string, QueuedDocument> now;
    for (const auto& file : ctx.platform.list_files(prefix_of(user))) {
        auto known = queued_.find(file);
        if (known != queued_.end()) {
            now.insert(*known);
        } else if (auto q = parse_queued(file, ctx.platform.read_file(file), nullptr)) {
            now[file] = std::move(*q);
        }
    }
    queued_ = std::move(now);
    for (auto it = elsewhere_.begin(); it != elsewhere_.end();) it = queued_.count(*it) ? std::next(it) : elsewhere_.erase(it);
}

void DocumentQueue::tick(Context& ctx) {
    if (!ctx.session.logged_in() || ctx.session.status().needs_login) return;
    refresh(ctx);
    const bool online = ctx.platform.online();
    if (online && !was_online_) next_attempt_ = 0;  // back on line: try at once
    was_online_ = online;
    if (!online || ctx.platform.now_seconds() < next_attempt_) {
        elsewhere_.clear();  // not asking for the locks, this tab no longer knows who sends
        return;
    }
    for (const auto& [file, q] : queued_) {
        if (!sending_.count(file)) send(ctx, file);
    }
}

void DocumentQueue::send(Context& ctx, const std::string& file) {
    sending_.insert(file);
    Platform& platform = ctx.platform;
    Session& session = ctx.session;
    const Language lang = ctx.lang;
    platform.claim(lock_of(file), false, [this, alive = alive_, &platform, &session, lang, file](bool granted) {
        if (!*alive) return;
        if (!granted) {  // another tab sends it
            sending_.erase(file);
            elsewhere_.insert(file);
            return;
        }
        elsewhere_.erase(file);
        // Read after the lock: a tab that sent it before has removed it by now.
        std::string bytes;
        const std::string text = platform.read_file(file);
        const auto q = text.empty() ? std::nullopt : parse_queued(file, text, &bytes);
        if (!q) {
            if (!text.empty()) platform.remove_file(file);  // damaged: it could never be sent
            platform.release(lock_of(file));
            sending_.erase(file);
            return;
        }
        const std::string path = "/api/documents/upload?doctor=" + percent_encode(q->slot.doctor_id) +
                                 "&kind=" + sync::to_string(q->slot.kind) + "&name=" + percent_encode(q->name);
        // Through the session: a 401 then tells it that the person must log in again.
        session.server_post_bytes(path, "application/pdf", bytes, [this, alive, &platform, &session, lang, file, slot = q->slot](const HttpResponse& r) {
            if (!*alive) return;
            Context ctx{session, platform, lang};
            answered(ctx, file, slot, r);
        });
    });
}

void DocumentQueue::answered(Context& ctx, const std::string& file, const DocumentSlot& slot, const HttpResponse& r) {
    // 401: the session has ended (log in again, then it is sent); 408, 429 and 5xx: try later. Any
    // other 4xx is the server's final word on this file.
    const bool final_refusal = r.status >= 400 && r.status < 500 && r.status != 401 && r.status != 408 && r.status != 429;
    if (r.status == 201 || final_refusal) {
        ctx.platform.remove_file(file);
        queued_.erase(file);
        failures_ = 0;
        if (r.status == 201) {
            refusals_.erase(slot);
            ctx.session.sync_now();  // the record comes with the next pull
        } else {
            refusals_[slot] = problems_from_answer(r);
        }
    } else if (r.status == 401) {
        // Kept, with no backoff: tick waits while the session needs a log-in, and sends it right after.
    } else {
        ++failures_;
        next_attempt_ = ctx.platform.now_seconds() + std::min(kMaxBackoffSeconds, 2.0 * (1 << std::min(failures_, 5)));
    }
    ctx.platform.release(lock_of(file));  // after the removal: the next holder finds it gone
    sending_.erase(file);
}

std::vector<QueuedDocument> DocumentQueue::waiting(const DocumentSlot& slot) const {
    std::vector<QueuedDocument> out;
    for (const auto& [file, q] : queued_) {
        if (q.slot == slot) out.push_back(q);
    }
    return out;
}

UploadState DocumentQueue::state(Context& ctx, const std::string& file) const {
    if (sending_.count(file) || elsewhere_.count(file)) return UploadState::sending;
    if (ctx.session.status().needs_login) return UploadState::waiting_for_login;
    if (!ctx.platform.online() || ctx.platform.now_seconds() < next_attempt_) return UploadState::waiting_for_network;
    return UploadState::sending;  // tick sends it this frame
}

const Problems* DocumentQueue::refusal(const DocumentSlot& slot) const {
    auto it = refusals_.find(slot);
    return it == refusals_.end() ? nullptr : &it->second;
}

void DocumentQueue::download(Context& ctx, const DocumentSlot& slot, const std::string& id, const std::string& file_name) {
    refusals_.erase(slot);
    Platform& platform = ctx.platform;
    ctx.session.server_call("/api/documents/get", json{{"id", id}}, [this, alive = alive_, &platform, slot, file_name](const HttpResponse& r) {
        if (!*alive) return;
        if (r.status == 200) platform.save_download(file_name, "application/pdf", r.body);
        else refusals_[slot] = problems_from_answer(r);
    });
}

void DocumentQueue::ask_remove(const DocumentSlot& slot, const std::string& id) {
    refusals_.erase(slot);
    asked_.emplace(slot, id);
    question_new_ = true;
}

bool DocumentQueue::asking_remove(const DocumentSlot& slot, const std::string& id) const {
    return asked_ && asked_->first == slot && asked_->second == id;
}

void DocumentQueue::remove(Context& ctx, const DocumentSlot& slot, const std::string& id) {
    asked_.reset();
    refusals_.erase(slot);
    Session& session = ctx.session;
    session.server_call("/api/documents/delete", json{{"id", id}}, [this, alive = alive_, &session, slot](const HttpResponse& r) {
        if (!*alive) return;
        if (r.status == 200) session.sync_now();
        else refusals_[slot] = problems_from_answer(r);
    });
}

}  // namespace alis::web
