#pragma once
// The screens behind each role's tabs. Each reads the replica's view and emits mutations through the
// session; none changes domain data itself.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alis/problem.hpp"
#include "alis/sync/list_import.hpp"
#include "alis/sync/records.hpp"
#include "app.hpp"
#include "documents_section.hpp"
#include "screen_office_evaluation.hpp"
#include "screen_office_users.hpp"
#include "screen_own_data.hpp"
#include "table_sort.hpp"

namespace alis::web {

// Sends a form's change and shows its outcome: "Saved" at once when the replica accepts it, or the
// reasons it was refused. A change saved here can still be refused by the server (it knows more);
// when that refusal arrives, it replaces "Saved", naming the field and the rule in words.
class SendResult {
public:
    // Applies the mutation through the session and remembers it, to recognise the server's refusal.
    void send(Context& ctx, const std::string& mutation, const nlohmann::json& args);
    void draw(Context& ctx);
    bool accepted() const { return shown_ && accepted_; }
    bool refused_by_server() const { return refused_by_server_; }

private:
    bool shown_ = false;
    bool accepted_ = false;
    bool refused_by_server_ = false;
    Problems problems_;
    std::string mutation_;
    // The session tells which change a refusal was for only by its mutation id, which it does not
    // hand to the screens; refusals are numbered in sending order, so a refusal of the same kind of
    // change numbered above every refusal known when this one was sent is taken as its answer.
    std::int64_t newest_known_refusal_ = 0;
};

// The form field a problem's path names, in the person's words ("period.places" -> "Plasser"), or
// nothing when the rule is about the change as a whole.
const char* field_label(const std::string& field, Language lang);

std::string new_id(Platform& platform, const char* prefix);
std::string organisation_name(const sync::PortalState& view, const std::string& id);
// True when the logged-in GP has a profile; otherwise says to fill it in first.
bool has_own_profile(Context& ctx);

class GpProfileScreen {
public:
    void draw(Context& ctx);

private:
    void load(const DoctorProfile& d);
    bool untouched(const SessionUser& user) const;
    bool loaded_ = false;
    bool from_record_ = false;  // the fields came from the stored profile, not the account
    std::string name_, hpr_, phone_, email_, cv_;
    std::string gp_start_, alis_start_;
    int municipality_ = -1;
    bool old_scheme_ = false, guidance_ = false, private_ = false;
    int objectives_ = 0, mandatory_ = 0, modules_ = 0;
    bool tried_ = false;
    bool touched_ = false;
    SendResult result_;
    OwnDataSection own_data_;  // "Dine opplysninger": download and deletion
};

class GpAvailableScreen {
public:
    void draw(Context& ctx);

private:
    std::string start_, end_;
    SendResult result_;
};

class GpWishesScreen {
public:
    void draw(Context& ctx);

private:
    int hospital_ = 0, department_ = 0;
    std::string specialty_, earliest_, latest_;
    SendResult result_;
};

class GpPeriodsScreen {
public:
    void draw(Context& ctx);

private:
    SendResult result_;  // a suggested change the GP made from here
};

class GpOffersScreen {
public:
    void draw(Context& ctx);

private:
    SendResult result_;
};

// A user's alert subscriptions, to add and remove. Shared by the GP's and the hospital's alert tabs;
// `topics` are the ones that make sense for the role.
class SubscriptionEditor {
public:
    void draw(Context& ctx, const std::vector<sync::SubscriptionTopic>& topics);

private:
    void draw_list(Context& ctx, const std::vector<sync::SubscriptionTopic>& topics);
    void load(const sync::Subscription& s, const std::vector<sync::SubscriptionTopic>& topics);  // Edit
    void clear();

    std::string editing_;  // the id of the subscription in the form; empty: a new one
    int topic_ = 0, channel_ = 0, frequency_ = 0;
    std::string hospital_id_, department_id_, specialty_, from_, to_;  // dates as typed, dd.mm.åååå
    SendResult result_;
};

// The GP's alerts: what happened that concerns them (fitting periods published, offers, periods
// released as substitute posts), newest first, and their subscriptions.
class GpAlertsScreen {
public:
    void draw(Context& ctx);

private:
    SubscriptionEditor subscriptions_;
};

// A hospital coordinator's alert subscriptions (new candidates, wishes for its departments).
class HospitalAlertsScreen {
public:
    void draw(Context& ctx);

private:
    SubscriptionEditor subscriptions_;
};

class HospitalPeriodsScreen {
public:
    void draw(Context& ctx);

private:
    void draw_form(Context& ctx);
    void draw_table(Context& ctx);
    void draw_candidates(Context& ctx);
    void edit(const Period& period, const sync::PortalState& view);
    void clear_form();
    std::string selected_;
    std::string answer_by_, answer_by_for_;  // the offers' answer deadline, prefilled per selected period
    std::string editing_;  // the period being edited; empty: the form publishes a new one
    int department_ = 0;
    std::string start_, end_, supervisor_, reason_;
    int places_ = 1;
    bool on_call_ = true;
    SendResult result_;
    ui::TableSorter periods_sort_, candidates_sort_;
    GpDocumentsPanel documents_;  // the documents of the GPs this hospital sees
};

class MunicipalityScreen {
public:
    void draw(Context& ctx);

private:
    void draw_upload(Context& ctx, const std::string& municipality_id);

    int doctor_ = 0;
    std::string wished_, plan_, strike_reason_;
    SendResult result_;
    ui::TableSorter sort_;
    // The file the picker handed over, until the next frame reads it. Shared with the picker's
    // callback, which may run after this screen is gone.
    std::shared_ptr<std::optional<ChosenFile>> chosen_ = std::make_shared<std::optional<ChosenFile>>();
    std::string upload_name_;                         // the chosen file's name, for the preview's heading
    std::optional<sync::CandidateListImport> upload_;  // core's reading of it: nothing is sent yet
    std::size_t too_large_ = 0;                       // the size of a file refused by the limit, 0: none
    SendResult upload_result_;
    GpDocumentsPanel documents_;  // a listed GP's CV and plan, and the application this municipality attaches
};

// The office's "Vekter" section under the matching tab (screen_office_weights.cpp): the stored
// score weights with their version, a field per weight, "Lagre" sends set_score_weights.
class OfficeWeightsSection {
public:
    void draw(Context& ctx);

private:
    std::vector<int> values_;  // per matching::weight_fields(), as typed
    int loaded_version_ = -1;  // the stored version the fields were filled from
    bool edited_ = false;
    SendResult result_;
};

// The office's retention policy, a section under the Users tab (screen_office_retention.cpp): the
// stored version, a field per rule with what it deletes and its bounds, saving sends set_retention.
class OfficeRetentionSection {
public:
    void draw(Context& ctx);

private:
    std::vector<int> values_;  // per sync::retention_fields(), as typed
    int loaded_version_ = -1;  // the stored version the fields were filled from
    bool edited_ = false;
    SendResult result_;
};

class OfficeScreen {
public:
    void draw_organisations(Context& ctx);
    void draw_regional_list(Context& ctx);
    void draw_matching(Context& ctx);
    void draw_users(Context& ctx) {  // screen_office_users.cpp, then screen_office_retention.cpp
        users_.draw(ctx);
        retention_.draw(ctx);
    }
    void draw_evaluation(Context& ctx) { evaluation_.draw(ctx); }  // screen_office_evaluation.cpp

private:
    // The organisations table's rows, rebuilt when the view or the language changes, not every
    // frame: with thousands of organisations, folding and copying every name each frame cost more
    // than drawing the visible rows. The pointers live in the view, which only changes together
    // with its revision.
    struct OrganisationRow {
        const Organisation* o;
        const char* kind;
        std::string parent;
        std::string name_key;  // norwegian_sort_key of the name: a sort by name compares bytes only
    };
    void build_organisation_rows(Context& ctx);
    std::vector<OrganisationRow> org_rows_;
    std::vector<std::string> org_search_;  // per organisation in view order: folded name and id
    std::uint64_t org_rows_fingerprint_ = 0, org_rows_revision_ = 0;
    Language org_rows_lang_ = Language::bokmal;
    bool org_rows_built_ = false;

    OfficeUsersScreen users_;
    OfficeEvaluationScreen evaluation_;
    OfficeWeightsSection weights_;
    OfficeRetentionSection retention_;
    GpDocumentsPanel documents_;  // any GP's documents, under the regional list
    int kind_ = 0, parent_ = 0;
    std::string org_id_, org_name_, org_specialty_;
    bool party_ = true;
    std::string filter_;
    SendResult result_;
    ui::TableSorter organisations_sort_, proposal_sort_, matching_sort_;
};

// The GPs in the view with at least one document the user may read (id, name), by name: the
// hospitals' and the office's document chooser.
std::vector<std::pair<std::string, std::string>> doctors_with_documents(const sync::PortalState& view);

void draw_timeline(Context& ctx);
void draw_overview(Context& ctx);  // screen_office_overview.cpp

}  // namespace alis::web
