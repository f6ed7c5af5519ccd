#include "alis/sync/documents.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "alis/sync/authorization.hpp"

namespace alis::sync {

namespace {

Problem file_problem(const char* rule, Text message) { return {"file", rule, std::move(message)}; }

Problem not_allowed() {
    return {"doctor_id", "not_allowed",
            {"Du har ikke tilgang til denne legens dokumenter.", "Du har ikkje tilgang til dokumenta til denne legen.",
             "You may not see this doctor's documents."}};
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

}  // namespace

std::optional<Problem> check_document_size(std::size_t bytes) {
    if (bytes == 0) return file_problem("empty_file", {"Fila er tom.", "Fila er tom.", "The file is empty."});
    if (bytes > kMaxDocumentBytes) {
        return file_problem("too_large", {"Fila er for stor: et dokument kan være høyst 5 MB.", "Fila er for stor: eit dokument kan vere høgst 5 MB.",
                                          "The file is too large: a document can be at most 5 MB."});
    }
    return std::nullopt;
}

std::optional<Problem> check_pdf(std::string_view bytes) {
    if (auto size = check_document_size(bytes.size())) return size;
    // "%PDF-1.7", "%PDF-2.0": the header every PDF starts with. The name the file had says nothing.
    if (bytes.size() < 8 || bytes.substr(0, 5) != "%PDF-" || bytes[5] < '1' || bytes[5] > '9') {
        return file_problem("not_a_pdf", {"Fila er ikke en PDF (det sjekkes i innholdet, ikke i navnet).",
                                          "Fila er ikkje ein PDF (det blir sjekka i innhaldet, ikkje i namnet).",
                                          "The file is not a PDF (its content is checked, not its name)."});
    }
    std::size_t end = bytes.size();
    const std::size_t floor = end > kPdfTailBytes ? end - kPdfTailBytes : 0;
    while (end > floor && is_space(bytes[end - 1])) --end;
    if (end < floor + 5 || bytes.substr(end - 5, 5) != "%%EOF") {
        return file_problem("truncated_pdf", {"PDF-fila er ufullstendig (den slutter ikke med %%EOF). Lagre den på nytt og prøv igjen.",
                                              "PDF-fila er ufullstendig (ho sluttar ikkje med %%EOF). Lagre ho på nytt og prøv igjen.",
                                              "The PDF file is incomplete (it does not end with %%EOF). Save it again and retry."});
    }
    return std::nullopt;
}

std::optional<Problem> check_may_read_documents(const PortalState& state, const Actor& actor, const std::string& doctor_id) {
    if (may_see(state, actor, {RecordKind::doctor, doctor_id})) return std::nullopt;
    return not_allowed();
}

std::optional<Problem> check_may_upload_document(const PortalState& state, const Actor& actor, const std::string& doctor_id,
                                                 DocumentKind kind) {
    if (!state.doctors.count(doctor_id)) {
        return Problem{"doctor_id", "unknown_doctor", {"Legen finnes ikke.", "Legen finst ikkje.", "There is no such doctor."}};
    }
    if (kind == DocumentKind::application) {
        const bool on_list = actor.role == Role::municipality &&
                             std::any_of(state.candidates.begin(), state.candidates.end(), [&](const auto& entry) {
                                 return entry.second.doctor_id == doctor_id && entry.second.municipality_id == actor.organisation_id;
                             });
        if (on_list) return std::nullopt;
    } else if (actor.role == Role::gp && actor.doctor_id == doctor_id) {
        return std::nullopt;
    }
    return not_allowed();
}

std::optional<Problem> check_may_delete_document(const Actor& actor, const DocumentRecord& document) {
    if (actor.role == Role::alis_office) return std::nullopt;
    if (document.kind == DocumentKind::application) {
        if (actor.role == Role::municipality && !actor.organisation_id.empty() && actor.organisation_id == document.municipality_id) {
            return std::nullopt;
        }
        return not_allowed();
    }
    if (actor.role == Role::gp && !actor.doctor_id.empty() && actor.doctor_id == document.doctor_id) return std::nullopt;
    return not_allowed();
}

const DocumentRecord* find_document(const PortalState& state, const std::string& doctor_id, DocumentKind kind,
                                    const std::string& municipality_id) {
    for (const auto& [id, d] : state.documents) {
        if (d.doctor_id == doctor_id && d.kind == kind && d.municipality_id == municipality_id) return &d;
    }
    return nullptr;
}

std::vector<RecordKey> erase_orphaned_documents(PortalState& state) {
    if (state.documents.empty()) return {};
    std::set<std::pair<std::string, std::string>> listed;  // (municipality, doctor) with an entry
    for (const auto& [id, c] : state.candidates) listed.insert({c.municipality_id, c.doctor_id});
    std::vector<RecordKey> removed;
    for (auto it = state.documents.begin(); it != state.documents.end();) {
        const DocumentRecord& d = it->second;
        const bool orphan = !state.doctors.count(d.doctor_id) ||
                            (d.kind == DocumentKind::application && !listed.count({d.municipality_id, d.doctor_id}));
        if (orphan) {
            removed.push_back({RecordKind::document, it->first});
            it = state.documents.erase(it);
        } else {
            ++it;
        }
    }
    return removed;
}

void add_documents_of_touched_doctors(const PortalState& state, std::set<RecordKey>& changed) {
    if (state.documents.empty()) return;
    std::set<std::string> doctors;
    for (const RecordKey& k : changed) {
        if (k.kind == RecordKind::doctor) doctors.insert(k.id);
    }
    for (const auto& [id, d] : state.documents) {
        if (doctors.count(d.doctor_id)) changed.insert({RecordKind::document, id});
    }
}

}  // namespace alis::sync
