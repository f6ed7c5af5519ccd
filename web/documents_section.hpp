#pragma once
// The documents part of a screen (issue 14): for each of a GP's documents its name, size and day
// with "Last ned" (and "Slett" for whoever may delete it, which asks "Slette «...»?" in place
// first), the files still waiting to be sent with what each waits for ("Sender …", "Venter på nett",
// after a 401 "Sendes når du har logget inn igjen"), the upload button for whoever may upload that kind, and the last refusal in
// the person's language (role alert). What is shown comes from the synced document records and the
// upload queue (documents_queue.hpp); this only draws and hands clicks to the queue.
#include <string>
#include <vector>

#include "app.hpp"
#include "documents_queue.hpp"

namespace alis::web {

// One document: its heading and buttons for `slot.kind`; the upload button when `may_upload`.
void draw_document_slot(Context& ctx, const DocumentSlot& slot, bool may_upload);

// The GP's own CV and education plan, on their profile ("Dokumenter").
void draw_own_documents(Context& ctx);

// A chooser of one GP among `doctors` (id, name) and that GP's documents to download; with
// `municipality_id` set, the application that municipality attaches, with "Legg ved søknad (PDF)".
// For the municipality's candidates and a hospital's or the office's view of GPs.
class GpDocumentsPanel {
public:
    void draw(Context& ctx, const std::vector<std::pair<std::string, std::string>>& doctors, const std::string& municipality_id);

private:
    std::string doctor_id_;  // the GP chosen; kept by id, so reordering the list keeps the choice
};

}  // namespace alis::web
