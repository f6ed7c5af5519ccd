#include "documents_api.hpp"

#include <sodium.h>

#include <exception>
#include <iostream>

#include "alis/bounded_json.hpp"
#include "alis/sync/documents.hpp"
#include "app.hpp"
#include "request_limits.hpp"

namespace alis::server {

using nlohmann::json;

namespace {

// A refusal as the server's usual error JSON; the status follows the rule.
Response refusal(const Problem& p, const std::string& field) {
    int status = 400;
    if (p.rule == "not_allowed") status = 403;
    if (p.rule == "unknown_doctor" || p.rule == "unknown_document") status = 404;
    if (p.rule == "too_large") status = 413;
    return Response::error(status, p.rule, p.message, field);
}

Response storage_failed() {
    return Response::error(503, "storage_failed", {"Dokumentet kunne ikke lagres; prøv igjen.", "Dokumentet kunne ikkje lagrast; prøv att.",
                                                   "The document could not be stored; try again."});
}

// {"id": "doc-..."}, bounded like every small JSON body before it is parsed.
std::optional<std::string> document_id_of(const Request& req, Problem& why) {
    const EndpointLimits limits = limits_for(req.path, 0);
    auto body = parse_bounded_json(req.body, limits.json, why);
    if (!body) return std::nullopt;
    const auto it = body->is_object() ? body->find("id") : body->end();
    if (!body->is_object() || it == body->end() || !it->is_string() || !sync::is_document_id(it->get_ref<const std::string&>())) {
        why = {"id", "not_a_document_id", {"Må være en dokument-id (doc- og 16 heksadesimale sifre).",
                                           "Må vera ein dokument-id (doc- og 16 heksadesimale siffer).",
                                           "Must be a document id (doc- and 16 hexadecimal digits)."}};
        return std::nullopt;
    }
    return it->get<std::string>();
}

Response upload(App& app, const Request& req, const UserRecord& user) {
    Problems problems;
    const auto query = parse_upload_query(req.query, problems);
    if (!query) {
        return Response::problems(400, "invalid_upload", {"Opplastingen har ugyldige felt.", "Opplastinga har ugyldige felt.",
                                                          "The upload has invalid fields."},
                                  problems);
    }
    // The bytes first (they need no lock): an empty, cut or renamed file is refused by its content.
    if (auto bad = sync::check_pdf(req.body)) return refusal(*bad, "file");
    const Principal who = principal_of(user);
    if (auto refused = app.sync().may_upload_document(who, query->doctor_id, query->kind)) return refusal(*refused, "doctor");
    sync::DocumentRecord record;
    try {
        record.id = app.documents().store(req.body);
    } catch (const std::exception& e) {
        std::cerr << "alis-sync: a document could not be written: " << e.what() << std::endl;
        return storage_failed();
    }
    record.doctor_id = query->doctor_id;
    record.kind = query->kind;
    record.municipality_id = query->kind == sync::DocumentKind::application ? user.organisation_id : "";
    record.file_name = query->file_name;
    record.size = req.body.size();
    record.sha256 = sha256_hex(req.body);
    record.uploaded_on = app.clock().today();
    record.uploaded_by = user.id;
    std::optional<Problem> refused;
    try {
        refused = app.sync().put_document(who, record);
    } catch (const std::exception&) {
        app.documents().remove(record.id);
        return storage_failed();
    }
    if (refused) {  // the GP left the list (or was deleted) while the file was written
        app.documents().remove(record.id);
        return refusal(*refused, "doctor");
    }
    return Response::json(201, {{"document", record}});
}

Response download(App& app, const Request& req, const UserRecord& user) {
    Problem why;
    const auto id = document_id_of(req, why);
    if (!id) return Response::error(why.rule == "not_a_document_id" || why.rule == "malformed_json" ? 400 : 413, why.rule, why.message, why.field);
    const auto record = app.sync().document(*id);
    const auto missing = [] {
        return Response::error(404, "unknown_document", {"Dokumentet finnes ikke.", "Dokumentet finst ikkje.", "There is no such document."}, "id");
    };
    if (!record) return missing();
    // Who may not see the GP learns nothing of the file, and the attempt is kept.
    if (auto refused = app.sync().may_read_documents(principal_of(user), record->doctor_id)) {
        app.audit().record({0, 0, user.id, user.role, "document_download_refused", "document", *id, record->doctor_id, ""});
        return refusal(*refused, "id");
    }
    auto bytes = app.documents().read(*id);
    if (!bytes) {
        std::cerr << "alis-sync: the file of " << *id << " is missing" << std::endl;
        return missing();
    }
    app.audit().record({0, 0, user.id, user.role, "document_download", "document", *id, record->doctor_id, ""});
    Response r;
    r.content_type = "application/pdf";
    r.body = std::move(*bytes);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii_file_name(record->file_name) + "\"");
    return r;
}

Response remove(App& app, const Request& req, const UserRecord& user) {
    Problem why;
    const auto id = document_id_of(req, why);
    if (!id) return Response::error(why.rule == "not_a_document_id" || why.rule == "malformed_json" ? 400 : 413, why.rule, why.message, why.field);
    std::optional<Problem> refused;
    try {
        refused = app.sync().delete_document(principal_of(user), *id);
    } catch (const std::exception&) {
        return storage_failed();
    }
    if (refused) return refusal(*refused, "id");
    return Response::json(200, json::object());
}

}  // namespace

bool is_documents_path(std::string_view path) {
    return path == kDocumentUploadPath || path == kDocumentGetPath || path == kDocumentDeletePath;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

Response documents_request(App& app, const Request& req, const UserRecord& user) {
    if (req.path == kDocumentUploadPath) return upload(app, req, user);
    if (req.path == kDocumentGetPath) return download(app, req, user);
    return remove(app, req, user);
}

}  // namespace alis::server
