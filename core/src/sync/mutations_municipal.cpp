// Municipal prioritized lists of ALIS candidates, and the ALIS office's regional list [002 §6.1].
#include <algorithm>
#include <map>
#include <set>

#include "mutation_context.hpp"
#include "read_helpers.hpp"

namespace alis::sync::detail {

namespace {

std::vector<Candidate*> list_of(Ctx& c, const std::string& municipality_id) {
    std::vector<Candidate*> list;
    for (auto& [id, cand] : c.s.candidates) {
        if (cand.municipality_id == municipality_id) list.push_back(&cand);
    }
    std::sort(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) {
        return a->position != b->position ? a->position < b->position : a->id < b->id;
    });
    return list;
}

// Keeps positions 1..n without holes, in the current order.
void renumber(Ctx& c, const std::string& municipality_id) {
    int pos = 1;
    for (Candidate* cand : list_of(c, municipality_id)) {
        if (cand->position != pos) {
            cand->position = pos;
            c.touch(RecordKind::candidate, cand->id);
        }
        ++pos;
    }
}

const Text kWholeList{"Lista må ta med alle kandidatene, hver én gang.", "Lista må ta med alle kandidatane, kvar éin gong.",
                      "The list must name every candidate exactly once."};

}  // namespace

void put_candidate(Ctx& c) {
    auto cand = parse_candidate(c.args, c.p, "candidate");
    if (!cand) return;
    if (!c.own_municipality(cand->municipality_id)) return c.not_allowed("candidate.municipality_id");
    const Candidate* old = nullptr;
    if (auto it = c.s.candidates.find(cand->id); it != c.s.candidates.end()) {
        old = &it->second;
        if (old->municipality_id != cand->municipality_id) return c.already_exists(RecordKind::candidate, cand->id, "candidate.id");
        if (old->doctor_id != cand->doctor_id) return c.immutable("candidate.doctor_id");
    }
    const DoctorProfile* d = c.lookup(c.s.doctors, RecordKind::doctor, cand->doctor_id, "candidate.doctor_id");
    if (!d) return;
    if (!old) {
        if (d->municipality_id != cand->municipality_id) {
            return c.fail("candidate.doctor_id", "not_own_doctor",
                          {"Legen arbeider ikke i kommunen.", "Legen arbeider ikkje i kommunen.",
                           "The GP does not work in the municipality."});
        }
        if (list_of(c, cand->municipality_id).size() >= kMaxListLength) {  // positions are 1..kMaxListLength
            return c.fail("candidate.municipality_id", "list_full",
                          {"Lista er full.", "Lista er full.", "The list is full."});
        }
        for (const auto& [id, other] : c.s.candidates) {
            if (other.municipality_id == cand->municipality_id && other.doctor_id == cand->doctor_id) {
                return c.fail("candidate.doctor_id", "already_on_list",
                              {"Legen står allerede på lista.", "Legen står alt på lista.", "The GP is already on the list."});
            }
        }
    }
    // Position and striking have their own mutations, so the list stays 1..n and a strike has a reason.
    if (old) {
        cand->position = old->position;
        cand->struck = old->struck;
        cand->struck_reason = old->struck_reason;
        cand->struck_on = old->struck_on;
    } else {
        cand->position = static_cast<int>(list_of(c, cand->municipality_id).size()) + 1;
        cand->struck = false;
        cand->struck_reason.clear();
        cand->struck_on.reset();
    }
    c.s.candidates[cand->id] = *cand;
    c.touch(RecordKind::candidate, cand->id);
    c.touch(RecordKind::doctor, cand->doctor_id);  // the municipality may now see the doctor
}

void set_candidate_order(Ctx& c) {
    const std::string municipality_id = c.arg_id("municipality_id");
    const auto ids = read_id_list(c.args, "candidate_ids", "args", c.p, true);
    if (!c.ok()) return;
    if (!c.own_municipality(municipality_id)) return c.not_allowed("args.municipality_id");
    auto list = list_of(c, municipality_id);
    std::map<std::string, int> pos;
    for (size_t i = 0; i < ids.size(); ++i) pos[ids[i]] = static_cast<int>(i) + 1;
    if (list.size() != ids.size()) return c.fail("args.candidate_ids", "must_list_all_candidates", kWholeList);
    for (const Candidate* cand : list) {
        if (!pos.count(cand->id)) return c.fail("args.candidate_ids", "must_list_all_candidates", kWholeList);
    }
    for (Candidate* cand : list) {
        if (cand->position == pos[cand->id]) continue;
        cand->position = pos[cand->id];
        c.touch(RecordKind::candidate, cand->id);
    }
}

void strike_candidate(Ctx& c) {
    const std::string id = c.arg_id("candidate_id");
    JsonFields f(c.args, "args", c.p);
    const std::string reason = f.is_object() ? f.text("reason", kNoteBytes, true) : std::string();
    if (!c.ok()) return;
    Candidate* cand = c.lookup(c.s.candidates, RecordKind::candidate, id, "args.candidate_id");
    if (!cand) return;
    if (!c.own_municipality(cand->municipality_id)) return c.not_allowed("args.candidate_id");
    if (cand->struck) {
        return c.fail("args.candidate_id", "already_struck",
                      {"Kandidaten er allerede strøket.", "Kandidaten er alt stroken.", "The candidate is already struck."});
    }
    cand->struck = true;
    cand->struck_reason = reason;
    cand->struck_on = c.today;
    c.touch(RecordKind::candidate, id);
}

void delete_candidate(Ctx& c) {
    const std::string id = c.arg_id("candidate_id");
    if (!c.ok()) return;
    const Candidate* cand = c.lookup(c.s.candidates, RecordKind::candidate, id, "args.candidate_id");
    if (!cand) return;
    if (!c.own_municipality(cand->municipality_id)) return c.not_allowed("args.candidate_id");
    const std::string municipality_id = cand->municipality_id;
    c.touch(RecordKind::doctor, cand->doctor_id);
    c.touch(RecordKind::candidate, id);
    c.s.candidates.erase(id);
    renumber(c, municipality_id);
}

// The list read from a file (list_import.hpp) becomes the list: entries in the given order, their
// texts as given, a newly struck one struck today; entries it leaves out are removed. Everything is
// checked before anything is written, so a bad entry changes nothing.
void import_candidate_list(Ctx& c) {
    const std::string municipality_id = c.arg_id("municipality_id");
    if (!c.ok()) return;
    if (!c.own_municipality(municipality_id)) return c.not_allowed("args.municipality_id");
    const Organisation* m = c.lookup(c.s.organisations, RecordKind::organisation, municipality_id, "args.municipality_id");
    if (!m) return;
    if (m->kind != OrganisationKind::municipality) {
        return c.fail("args.municipality_id", "not_a_municipality",
                      {"Er ikke en kommune.", "Er ikkje ein kommune.", "Is not a municipality."});
    }
    const auto it = c.args.find("candidates");
    if (it == c.args.end() || !it->is_array()) {
        return c.fail("args.candidates", "required", {"Mangler lista.", "Manglar lista.", "The list is missing."});
    }
    if (it->size() > kMaxListLength) {
        const std::string n = std::to_string(kMaxListLength);
        return c.fail("args.candidates", "list_full", {"Høyst " + n + ".", "Høgst " + n + ".", "At most " + n + "."});
    }
    std::map<std::string, Candidate*> entry_of_doctor;
    for (Candidate* cand : list_of(c, municipality_id)) entry_of_doctor[cand->doctor_id] = cand;
    std::vector<Candidate> imported;
    std::set<std::string> ids, doctors;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string at = "args.candidates[" + std::to_string(i) + "]";
        nlohmann::json entry = (*it)[i];
        if (entry.is_object()) entry["municipality_id"] = municipality_id, entry["position"] = static_cast<int>(i) + 1;
        auto cand = parse_candidate(entry, c.p, at);
        if (!cand) continue;
        if (!ids.insert(cand->id).second || !doctors.insert(cand->doctor_id).second) {
            c.fail(at, "duplicate_entry", {"Legen eller oppføringen står to ganger.", "Legen eller oppføringa står to gonger.",
                                           "The GP or the entry appears twice."});
            continue;
        }
        const DoctorProfile* d = c.lookup(c.s.doctors, RecordKind::doctor, cand->doctor_id, at + ".doctor_id");
        if (!d) continue;
        const auto old = entry_of_doctor.find(cand->doctor_id);
        if (old != entry_of_doctor.end()) {
            if (old->second->id != cand->id) c.immutable(at + ".id");
            if (old->second->struck && !cand->struck) {
                c.fail(at + ".struck", "cannot_unstrike", {"En strøket kandidat kan ikke settes tilbake på lista.",
                                                           "Ein stroken kandidat kan ikkje setjast tilbake på lista.",
                                                           "A struck candidate cannot be put back on the list."});
            }
        } else {
            if (c.s.candidates.count(cand->id)) c.already_exists(RecordKind::candidate, cand->id, at + ".id");
            if (d->municipality_id != municipality_id) {
                c.fail(at + ".doctor_id", "not_own_doctor",
                       {"Legen arbeider ikke i kommunen.", "Legen arbeider ikkje i kommunen.", "The GP does not work in the municipality."});
            }
        }
        if (cand->struck && cand->struck_reason.empty()) {
            c.fail(at + ".struck_reason", "required", {"En strøket kandidat må ha en grunn.", "Ein stroken kandidat må ha ein grunn.",
                                                       "A struck candidate needs a reason."});
        }
        imported.push_back(std::move(*cand));
    }
    if (!c.ok()) return;

    for (const auto& [doctor_id, old] : entry_of_doctor) {
        if (doctors.count(doctor_id)) continue;
        c.touch(RecordKind::doctor, doctor_id);
        c.touch(RecordKind::candidate, old->id);
        c.s.candidates.erase(old->id);
    }
    for (Candidate& cand : imported) {
        const auto old = entry_of_doctor.find(cand.doctor_id);
        const Candidate* before = old != entry_of_doctor.end() ? old->second : nullptr;
        if (cand.struck) cand.struck_on = before && before->struck ? before->struck_on : std::optional<Date>(c.today);
        else cand.struck_on.reset();
        if (before && *before == cand) continue;
        c.touch(RecordKind::candidate, cand.id);
        c.touch(RecordKind::doctor, cand.doctor_id);
        c.s.candidates[cand.id] = cand;
    }
}

void set_regional_list(Ctx& c) {
    const auto ids = read_id_list(c.args, "doctor_ids", "args", c.p, true);
    if (!c.ok()) return;
    if (!c.office()) return c.not_allowed("name");
    for (size_t i = 0; i < ids.size(); ++i) {
        if (!c.s.doctors.count(ids[i])) c.not_found("args.doctor_ids[" + std::to_string(i) + "]");
    }
    if (!c.ok()) return;
    RegionalList& list = c.s.regional_lists[kRegionalListId];
    // Hospitals see the doctors on the list: every doctor who joins or leaves it changes visibility.
    std::set<std::string> before(list.doctor_ids.begin(), list.doctor_ids.end());
    std::set<std::string> after(ids.begin(), ids.end());
    for (const auto& id : before) {
        if (!after.count(id)) c.touch(RecordKind::doctor, id);
    }
    for (const auto& id : after) {
        if (!before.count(id)) c.touch(RecordKind::doctor, id);
    }
    list.id = kRegionalListId;
    list.doctor_ids = ids;
    list.updated_on = c.today;
    c.touch(RecordKind::regional_list, kRegionalListId);
}

}  // namespace alis::sync::detail
