#pragma once
// The documents a person uploads (issue 14: a GP's CV and education plan, a municipality's
// application), on their way to the server. A chosen file that core's check_pdf accepts is first
// written to this machine's store as "docq-<user>-<random>" (base64 in JSON: the store keeps text,
// and a PDF has NUL bytes), then sent with POST /api/documents/upload whenever the browser is
// online; the file is removed from the store only after the server's 201, or its refusal (4xx, shown
// next to the button). So a file chosen offline, or whose upload got no answer, waits and is sent
// later, also after a reload; a 401 leaves it waiting for the person to log in again (the session
// learns it as from any of its calls). The store is shared by the browser's tabs: a tab sends a queued file
// only while it holds the file's Web Lock ("alis-docq-..."), taken without waiting, as the session
// takes the lock of a client file (session.hpp), so two tabs never send the same file at once.
// docs/documents.md.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "alis/problem.hpp"
#include "alis/sync/documents.hpp"
#include "app.hpp"

namespace alis::web {

std::string base64_encode(std::string_view bytes);
// Nothing when `text` is not base64 (the stored file was damaged).
std::optional<std::string> base64_decode(std::string_view text);
// A file name as a query parameter: every byte but the unreserved ones (RFC 3986) as %XX.
std::string percent_encode(std::string_view text);

// Which document: the GP's, of which kind; for an application, the municipality attaching it.
struct DocumentSlot {
    std::string doctor_id;
    sync::DocumentKind kind = sync::DocumentKind::cv;
    std::string municipality_id;  // "" but for an application
    // By hand: Emscripten's libc++ has no operator<=> for std::string to default to.
    bool operator<(const DocumentSlot& o) const {
        return std::tie(doctor_id, kind, municipality_id) < std::tie(o.doctor_id, o.kind, o.municipality_id);
    }
    bool operator==(const DocumentSlot& o) const {
        return std::tie(doctor_id, kind, municipality_id) == std::tie(o.doctor_id, o.kind, o.municipality_id);
    }
};

// A file waiting in the store to be sent.
struct QueuedDocument {
    std::string file;  // its name in the store
    DocumentSlot slot;
    std::string name;  // the file's name on the person's machine
    std::size_t size = 0;
};

// What a waiting file is doing, as its line under the document says it.
enum class UploadState {
    sending,              // a request for it is in flight (in this tab or another), or goes this frame
    waiting_for_network,  // offline, or a failed attempt is retried later
    waiting_for_login,    // the server answered 401: sent once the person has logged in again
};

class DocumentQueue {
public:
    DocumentQueue() = default;
    ~DocumentQueue() { *alive_ = false; }
    DocumentQueue(const DocumentQueue&) = delete;
    DocumentQueue& operator=(const DocumentQueue&) = delete;

    // Opens the file picker for a PDF for `slot` (call it from the button's click); the chosen file
    // goes to add().
    void choose(Context& ctx, const DocumentSlot& slot);
    // The person chose `file` for `slot`. Refused at once, with core's words, when it is too large
    // or not a PDF (the refusal is kept for the slot); otherwise stored and sent when online.
    void add(Context& ctx, const DocumentSlot& slot, const ChosenFile& file);
    // Every frame: sends the stored files no tab is sending, when online and no retry is pending.
    void tick(Context& ctx);
    // The files of `slot` still waiting (this tab's and other tabs' alike).
    std::vector<QueuedDocument> waiting(const DocumentSlot& slot) const;
    // What `file` (one of waiting()'s) is doing now.
    UploadState state(Context& ctx, const std::string& file) const;
    // Why the last file for `slot` was refused (by the browser or the server), or nothing.
    const Problems* refusal(const DocumentSlot& slot) const;

    // POST /api/documents/get, then the bytes to the browser's downloads as `file_name`. A refusal
    // is kept for the slot.
    void download(Context& ctx, const DocumentSlot& slot, const std::string& id, const std::string& file_name);
    // "Slett" asks first, in place under the document: ask_remove starts the question about
    // document `id`, asking_remove says whether it is shown, cancel_remove ends it ("Avbryt") and
    // remove answers it ("Ja, slett"). One question at a time: a new one replaces the last.
    void ask_remove(const DocumentSlot& slot, const std::string& id);
    bool asking_remove(const DocumentSlot& slot, const std::string& id) const;
    void cancel_remove() { asked_.reset(); }
    // True once after ask_remove: the question's first frame scrolls it into view.
    bool take_question_new() { return std::exchange(question_new_, false); }
    // POST /api/documents/delete; the record goes with the next pull.
    void remove(Context& ctx, const DocumentSlot& slot, const std::string& id);

    std::size_t sending() const { return sending_.size(); }  // tests

private:
    void refresh(Context& ctx);
    void send(Context& ctx, const std::string& file);
    void answered(Context& ctx, const std::string& file, const DocumentSlot& slot, const HttpResponse& r);

    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // answers after the queue is gone are dropped
    std::string user_;                          // the user whose files are listed
    std::map<std::string, QueuedDocument> queued_;  // stored files, by name
    std::set<std::string> sending_;             // files this tab holds the lock of and sends
    std::set<std::string> elsewhere_;           // files whose lock another tab holds: it sends them
    std::optional<std::pair<DocumentSlot, std::string>> asked_;  // the deletion being asked about
    bool question_new_ = false;
    std::map<DocumentSlot, Problems> refusals_;
    bool was_online_ = true;
    double next_attempt_ = 0;
    int failures_ = 0;
};

}  // namespace alis::web
