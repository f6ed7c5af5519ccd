#include "alis/sync/protocol.hpp"

#include "alis/json_fields.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

using nlohmann::json;

namespace {

// A non-negative 64-bit integer field (cookies, versions, mutation ids).
std::int64_t read_count(JsonFields& f, const json& j, const char* name, bool required) {
    if (!f.is_object()) return 0;
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
        if (required) f.add(name, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
        return 0;
    }
    if (!it->is_number_integer() || it->get<long long>() < 0) {
        f.add(name, "not_a_count",
              {"Må være et heltall fra 0 og oppover.", "Må vera eit heiltal frå 0 og oppover.", "Must be a whole number from 0 up."});
        return 0;
    }
    return it->get<std::int64_t>();
}

const json* read_array(JsonFields& f, const json& j, const char* name, bool required) {
    if (!f.is_object()) return nullptr;
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
        if (required) f.add(name, "required", {"Feltet må fylles ut.", "Feltet må fyllast ut.", "This field is required."});
        return nullptr;
    }
    if (!it->is_array()) {
        f.add(name, "not_a_list", {"Må være en liste.", "Må vera ei liste.", "Must be a list."});
        return nullptr;
    }
    return &*it;
}

json problems_json(const Problems& ps) {
    json a = json::array();
    for (const Problem& p : ps) a.push_back(p);
    return a;
}

}  // namespace

std::string to_string(PushStatus s) {
    switch (s) {
        case PushStatus::ok: return "ok";
        case PushStatus::gap: return "gap";
        case PushStatus::refused: return "refused";
        case PushStatus::forked: return "forked";
    }
    return "?";
}

json to_json(const PushRequest& r) {
    json ms = json::array();
    for (const Mutation& m : r.mutations) ms.push_back(m);
    return {{"client_id", r.client_id}, {"mutations", std::move(ms)}};
}

json to_json(const PullRequest& r) { return {{"client_id", r.client_id}, {"cookie", r.cookie}}; }

json to_json(const Rejection& r) {
    // client_id included so a stored rejection reloads under its client; in a pull it is the asker's own.
    return {{"client_id", r.client_id}, {"mutation_id", r.mutation_id}, {"name", r.name},
            {"problems", problems_json(r.problems)}, {"version", r.version}};
}

json to_json(const RecordChange& c) {
    json j = {{"kind", to_string(c.key.kind)}, {"id", c.key.id}, {"version", c.version}, {"deleted", c.deleted}};
    j["body"] = c.deleted ? json(nullptr) : c.body;
    return j;
}

json to_json(const PullResponse& r) {
    json changes = json::array();
    for (const auto& c : r.changes) changes.push_back(to_json(c));
    json rejections = json::array();
    for (const auto& x : r.rejections) rejections.push_back(to_json(x));
    return {{"cookie", r.cookie}, {"reset", r.reset}, {"last_mutation_id", r.last_mutation_id},
            {"changes", std::move(changes)}, {"rejections", std::move(rejections)}};
}

json push_response_json(const PushResult& r) {
    json j = {{"status", to_string(r.status)}, {"last_mutation_id", r.last_mutation_id}, {"expected_id", r.expected_id},
              {"applied", r.applied}, {"problems", problems_json(r.problems)}};
    if (r.status == PushStatus::forked) j["forked_id"] = r.forked_id;
    return j;
}

std::string mutation_digest(const Mutation& m) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto add = [&](const std::string& text) {
        for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
        h = (h ^ 0xffu) * 0x100000001b3ull;  // a separator no UTF-8 text contains
    };
    add(m.name);
    add(m.args.dump());  // objects keep their keys sorted: the same args give the same text
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 15];
    return out;
}

json digests_to_json(const std::map<std::int64_t, std::string>& digests) {
    json j = json::object();
    for (const auto& [id, d] : digests) j[std::to_string(id)] = d;
    return j;
}

std::map<std::int64_t, std::string> digests_from_json(const json& j) {
    std::map<std::int64_t, std::string> out;
    if (!j.is_object()) return out;
    for (const auto& [key, value] : j.items()) {
        if (key.empty() || key.size() > 18 || key.find_first_not_of("0123456789") != std::string::npos) continue;
        if (!value.is_string() || value.get_ref<const std::string&>().size() > 64) continue;
        out[std::stoll(key)] = value.get<std::string>();
        if (out.size() > kForkWindow) out.erase(out.begin());
    }
    return out;
}

std::optional<PushRequest> parse_push_request(const json& j, Problems& out) {
    const size_t before = out.size();
    JsonFields f(j, "", out);
    if (!f.is_object()) return std::nullopt;
    PushRequest r;
    r.client_id = f.text("client_id", kClientIdBytes, true);
    if (const json* ms = read_array(f, j, "mutations", true)) {
        if (ms->size() > kMaxMutationsPerPush) {
            f.add("mutations", "too_many",
                  {"Høyst " + std::to_string(kMaxMutationsPerPush) + " endringer per sending.",
                   "Høgst " + std::to_string(kMaxMutationsPerPush) + " endringar per sending.",
                   "At most " + std::to_string(kMaxMutationsPerPush) + " mutations per push."});
        } else {
            for (size_t i = 0; i < ms->size(); ++i) {
                const std::string prefix = "mutations[" + std::to_string(i) + "]";
                auto m = parse_mutation((*ms)[i], out, prefix);
                if (!m) continue;
                if (!r.mutations.empty() && m->id <= r.mutations.back().id) {
                    out.push_back({prefix + ".id", "not_ascending",
                                   {"Endringene må stå i stigende rekkefølge.", "Endringane må stå i stigande rekkjefølgje.",
                                    "Mutations must be in ascending id order."}});
                    continue;
                }
                r.mutations.push_back(std::move(*m));
            }
        }
    }
    if (out.size() != before) return std::nullopt;
    return r;
}

std::optional<PullRequest> parse_pull_request(const json& j, Problems& out) {
    const size_t before = out.size();
    JsonFields f(j, "", out);
    if (!f.is_object()) return std::nullopt;
    PullRequest r;
    r.client_id = f.text("client_id", kClientIdBytes, true);
    r.cookie = read_count(f, j, "cookie", false);
    if (out.size() != before) return std::nullopt;
    return r;
}

std::optional<Problem> parse_problem(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Problem p;
    p.field = f.text("field", detail::kNameBytes, true);
    p.rule = f.text("rule", detail::kIdBytes, true);
    const json empty = json::object();
    const json& m = j.contains("message") ? j["message"] : empty;
    JsonFields mf(m, f.path("message"), out);
    if (mf.is_object()) {
        p.message.nb = mf.text("nb", detail::kNoteBytes, false);
        p.message.nn = mf.text("nn", detail::kNoteBytes, false);
        p.message.en = mf.text("en", detail::kNoteBytes, false);
    }
    if (out.size() != before) return std::nullopt;
    return p;
}

std::optional<Rejection> parse_rejection(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Rejection r;
    r.client_id = f.text("client_id", kClientIdBytes, false);
    r.mutation_id = read_count(f, j, "mutation_id", true);
    r.name = f.text("name", 64, true);
    r.version = read_count(f, j, "version", false);
    if (const json* ps = read_array(f, j, "problems", true)) {
        for (size_t i = 0; i < ps->size(); ++i) {
            if (auto p = parse_problem((*ps)[i], out, f.path("problems") + "[" + std::to_string(i) + "]")) r.problems.push_back(*p);
        }
    }
    if (out.size() != before) return std::nullopt;
    return r;
}

std::optional<RecordChange> parse_record_change(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    RecordChange c;
    const std::string kind = f.text("kind", 32, true);
    if (auto k = record_kind_from_string(kind)) {
        c.key.kind = *k;
    } else if (!kind.empty()) {
        f.add("kind", "unknown_kind", {"Ukjent posttype.", "Ukjend posttype.", "Unknown record kind."});
    }
    c.key.id = f.text("id", detail::kIdBytes, true);
    c.version = read_count(f, j, "version", false);
    c.deleted = f.boolean("deleted", false);
    if (!c.deleted) {
        if (!j.contains("body") || !j["body"].is_object()) {
            f.add("body", "not_an_object", {"Må være et JSON-objekt.", "Må vera eit JSON-objekt.", "Must be a JSON object."});
        } else {
            c.body = j["body"];
        }
    }
    if (out.size() != before) return std::nullopt;
    return c;
}

std::optional<PullResponse> parse_pull_response(const json& j, Problems& out) {
    const size_t before = out.size();
    JsonFields f(j, "", out);
    if (!f.is_object()) return std::nullopt;
    PullResponse r;
    r.cookie = read_count(f, j, "cookie", true);
    r.reset = f.boolean("reset", false);
    r.last_mutation_id = read_count(f, j, "last_mutation_id", true);
    if (const json* cs = read_array(f, j, "changes", true)) {
        for (size_t i = 0; i < cs->size(); ++i) {
            if (auto c = parse_record_change((*cs)[i], out, "changes[" + std::to_string(i) + "]")) r.changes.push_back(std::move(*c));
        }
    }
    if (const json* rs = read_array(f, j, "rejections", false)) {
        for (size_t i = 0; i < rs->size(); ++i) {
            if (auto x = parse_rejection((*rs)[i], out, "rejections[" + std::to_string(i) + "]")) r.rejections.push_back(std::move(*x));
        }
    }
    if (out.size() != before) return std::nullopt;
    return r;
}

}  // namespace alis::sync
