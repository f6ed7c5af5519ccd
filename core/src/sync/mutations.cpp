// The mutation dispatcher: shape of a mutation, role gate, handler, and the catalogue.
#include "alis/sync/mutations.hpp"

#include "alis/sync/documents.hpp"

#include <algorithm>
#include <exception>

#include "mutation_context.hpp"
#include "read_helpers.hpp"

namespace alis::sync {

using nlohmann::json;

namespace detail {

std::string Ctx::arg_id(const char* name) {
    JsonFields f(args, "args", p);
    return f.is_object() ? f.text(name, kIdBytes, true) : std::string();
}

void Ctx::not_allowed(const std::string& field) {
    fail(field, "not_allowed",
         {"Du har ikke tilgang til å endre dette.", "Du har ikkje tilgang til å endra dette.",
          "You are not allowed to change this."});
}
void Ctx::not_found(const std::string& field) {
    fail(field, "not_found", {"Finnes ikke.", "Finst ikkje.", "Does not exist."});
}
void Ctx::already_exists(RecordKind kind, const std::string& id, const std::string& field) {
    if (!may_see(s, a, {kind, id})) return not_found(field);
    fail(field, "already_exists", {"Finnes allerede.", "Finst allereie.", "Already exists."});
}
void Ctx::immutable(const std::string& field) {
    fail(field, "immutable", {"Kan ikke endres.", "Kan ikkje endrast.", "Cannot be changed."});
}

}  // namespace detail

namespace {

using Handler = void (*)(detail::Ctx&);

struct Entry {
    MutationInfo info;
    Handler handler;
};

const std::vector<Entry>& entries() {
    using R = Role;
    static const std::vector<Entry> table{
        {{"register_doctor", {R::gp, R::alis_office}, "Create the GP's doctor profile (args: doctor)."}, detail::register_doctor},
        {{"update_doctor", {R::gp, R::alis_office}, "Replace the GP's doctor profile (args: doctor)."}, detail::update_doctor},
        {{"delete_doctor", {R::gp, R::alis_office}, "Delete a doctor profile and everything about the doctor (args: doctor_id)."}, detail::delete_doctor},
        {{"put_available_time", {R::gp, R::alis_office}, "Add or replace a span of free time (args: available_time)."}, detail::put_available_time},
        {{"delete_available_time", {R::gp, R::alis_office}, "Delete a span of free time (args: id)."}, detail::delete_available_time},
        {{"put_wish", {R::gp, R::alis_office}, "Add or replace a ranked wish (args: wish)."}, detail::put_wish},
        {{"delete_wish", {R::gp, R::alis_office}, "Delete a wish (args: id)."}, detail::delete_wish},
        {{"rank_wishes", {R::gp, R::alis_office}, "Set the order of all of a GP's wishes (args: doctor_id, wish_ids)."}, detail::rank_wishes},
        {{"publish_period", {R::hospital, R::alis_office}, "Publish a period of a department (args: period)."}, detail::publish_period},
        {{"edit_period", {R::hospital, R::alis_office}, "Change a published period (args: period)."}, detail::edit_period},
        {{"withdraw_period", {R::hospital, R::alis_office}, "Withdraw a published period (args: period_id)."}, detail::withdraw_period},
        {{"make_offer", {R::hospital, R::alis_office}, "Offer (part of) a period to a GP (args: offer)."}, detail::make_offer},
        {{"withdraw_offer", {R::hospital, R::alis_office}, "Withdraw a pending offer (args: offer_id)."}, detail::withdraw_offer},
        {{"accept_offer", {R::gp}, "The GP accepts an offer made to them (args: offer_id)."}, detail::accept_offer},
        {{"decline_offer", {R::gp}, "The GP declines an offer made to them (args: offer_id)."}, detail::decline_offer},
        {{"put_candidate", {R::municipality, R::alis_office}, "Add or update an entry on the municipal list (args: candidate)."}, detail::put_candidate},
        {{"set_candidate_order", {R::municipality, R::alis_office}, "Set the priority order of a municipal list (args: municipality_id, candidate_ids)."}, detail::set_candidate_order},
        {{"strike_candidate", {R::municipality, R::alis_office}, "Strike a candidate from the list, with the reason (args: candidate_id, reason)."}, detail::strike_candidate},
        {{"delete_candidate", {R::municipality, R::alis_office}, "Remove an entry from the municipal list (args: candidate_id)."}, detail::delete_candidate},
        {{"import_candidate_list", {R::municipality, R::alis_office}, "Replace a municipal list with an imported one, whole or not at all (args: municipality_id, candidates in order)."}, detail::import_candidate_list},
        {{"set_regional_list", {R::alis_office}, "Set the regional prioritized list (args: doctor_ids)."}, detail::set_regional_list},
        {{"set_score_weights", {R::alis_office}, "Set the priority score's weights as the next version (args: weights)."}, detail::set_score_weights},
        {{"set_retention", {R::alis_office}, "Set the retention policy as the next version (args: retention)."}, detail::set_retention},
        {{"put_subscription", {R::gp, R::hospital, R::municipality, R::alis_office}, "Add or replace an alert subscription (args: subscription)."}, detail::put_subscription},
        {{"delete_subscription", {R::gp, R::hospital, R::municipality, R::alis_office}, "Delete an alert subscription (args: subscription_id)."}, detail::delete_subscription},
        {{"put_organisation", {R::alis_office}, "Add or replace an organisation (args: organisation)."}, detail::put_organisation},
        {{"delete_organisation", {R::alis_office}, "Delete an organisation nothing refers to (args: organisation_id)."}, detail::delete_organisation},
        {{"put_user", {R::alis_office}, "Add or replace a user's public record (args: user)."}, detail::put_user},
        {{"delete_user", {R::alis_office}, "Delete a user's record and subscriptions (args: user_id)."}, detail::delete_user},
    };
    return table;
}

Outcome rejected(Problems problems) { return {false, std::move(problems), {}}; }

// At most `bytes` bytes of s, cut at a UTF-8 character boundary: a name echoed in a message must stay
// valid UTF-8, or serialising the rejection would fail.
std::string utf8_prefix(const std::string& s, size_t bytes) {
    if (s.size() <= bytes) return s;
    size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

}  // namespace

void to_json(json& j, const Mutation& m) { j = {{"id", m.id}, {"name", m.name}, {"args", m.args}}; }

std::optional<Mutation> parse_mutation(const json& j, Problems& out, const std::string& prefix) {
    const size_t before = out.size();
    JsonFields f(j, prefix, out);
    if (!f.is_object()) return std::nullopt;
    Mutation m;
    const json* id = j.contains("id") ? &j["id"] : nullptr;
    if (!id || !id->is_number_integer() || id->get<long long>() < 1) {
        f.add("id", "not_a_mutation_id",
              {"Må være et heltall fra 1 og oppover.", "Må vera eit heiltal frå 1 og oppover.",
               "Must be a whole number from 1 up."});
    } else {
        m.id = id->get<std::int64_t>();
    }
    m.name = f.text("name", 64, true);
    if (j.contains("args") && !j["args"].is_null()) {
        if (!j["args"].is_object()) {
            f.add("args", "not_an_object", {"Må være et JSON-objekt.", "Må vera eit JSON-objekt.", "Must be a JSON object."});
        } else {
            m.args = j["args"];
        }
    }
    if (out.size() != before) return std::nullopt;
    return m;
}

const std::vector<MutationInfo>& mutation_catalogue() {
    static const std::vector<MutationInfo> infos = [] {
        std::vector<MutationInfo> v;
        for (const Entry& e : entries()) v.push_back(e.info);
        return v;
    }();
    return infos;
}

Outcome apply_mutation(PortalState& state, const Actor& actor, const Mutation& m, const Date& today) {
    const auto& table = entries();
    auto it = std::find_if(table.begin(), table.end(), [&](const Entry& e) { return e.info.name == m.name; });
    if (it == table.end()) {
        const std::string shown = utf8_prefix(m.name, 64);
        return rejected({{"name", "unknown_mutation",
                          {"Ukjent endring: " + shown + ".", "Ukjend endring: " + shown + ".", "Unknown mutation: " + shown + "."}}});
    }
    const auto& roles = it->info.roles;
    if (std::find(roles.begin(), roles.end(), actor.role) == roles.end()) {
        return rejected({{"name", "role_not_allowed",
                          {"Rollen din kan ikke gjøre denne endringen.", "Rolla di kan ikkje gjera denne endringa.",
                           "Your role cannot make this change."}}});
    }
    if (!m.args.is_object()) {
        return rejected({{"args", "not_an_object", {"Må være et JSON-objekt.", "Må vera eit JSON-objekt.", "Must be a JSON object."}}});
    }
    try {
        detail::Ctx c{state, actor, m.args, today, {}, {}};
        it->handler(c);
        if (!c.ok()) return rejected(std::move(c.p));
        // A deleted doctor or a GP taken off a list takes their documents along (documents.hpp).
        const bool may_orphan = std::any_of(c.changed.begin(), c.changed.end(), [](const RecordKey& k) {
            return k.kind == RecordKind::doctor || k.kind == RecordKind::candidate;
        });
        if (may_orphan) {
            for (const RecordKey& k : erase_orphaned_documents(state)) c.changed.insert(k);
        }
        return {true, {}, std::vector<RecordKey>(c.changed.begin(), c.changed.end())};
    } catch (const std::exception&) {
        // Handlers check before they write, so an exception here (out of memory, a bug) happened
        // before any change; report it instead of letting it cross into the host.
        return rejected({{"(mutation)", "internal_error",
                          {"Intern feil; endringen ble ikke gjort.", "Intern feil; endringa vart ikkje gjord.",
                           "Internal error; the change was not made."}}});
    }
}

}  // namespace alis::sync
