#pragma once
// The logged-in user's side of the portal: who they are, their replica (server snapshot + pending
// mutations), and the sync loop that pushes and pulls with retries. Every change is written to this
// machine's storage when it is made and sent from there; the status says "venter" until the write
// has committed and "lagret på denne maskinen" after, and only then would it survive a crash.
//
// Every browser tab is its own client (its own client id and mutation numbering) with its own file,
// which only that tab writes: tabs never overwrite each other. A tab shows the newest snapshot among
// all of the user's client files with every client's pending changes on it, and reads the others'
// files again whenever another tab saved one. The file of a tab that has ended (closed, crashed) is
// adopted by a live tab through the lock the ended tab held: its pending changes are sent under
// their own client id, then the file is deleted. See docs/sync-protocol.md section 4.
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alis/problem.hpp"
#include "alis/sync/replica.hpp"
#include "notifications.hpp"
#include "platform.hpp"

namespace alis::web {

struct SyncStatus {
    bool online = true;            // the last request got an answer
    std::size_t pending = 0;       // changes not yet confirmed by the server
    std::string last_sync;         // "14:05", or "" before the first sync
    bool needs_login = false;      // the server no longer knows the session
    bool in_flight = false;
    bool saved_here = true;        // every change is in this machine's durable storage
    bool recovered = false;        // a damaged stored replica was set aside at start (see restore)
};

// The user as the server describes them at log-in (public fields only).
struct SessionUser {
    std::string id;
    std::string username;
    sync::Role role = sync::Role::gp;
    std::string organisation_id;
    std::string doctor_id;
    std::string name;
    std::string email;
    // Logged in with a one-time password: the server opens nothing but the password change until
    // the user has chosen their own, so the app shows that first and does not sync.
    bool must_change_password = false;
};

class Session {
public:
    using Done = std::function<void(const Problems&)>;  // empty problems: it worked

    explicit Session(Platform& platform);

    // Reopens the last user's replica from storage, so the portal opens offline after a reload.
    void restore();
    bool logged_in() const { return user_.has_value(); }
    const SessionUser& user() const { return *user_; }
    sync::Actor actor() const;

    void log_in(const std::string& username, const std::string& password, Done done);
    // args: username, password, name, email, language.
    void register_gp(const nlohmann::json& form, Done done);
    void log_out();
    // The server has deleted the account (POST /api/me/delete): logs out and removes everything of
    // the user from this machine, the replicas of every tab and their pending changes too (the
    // server would refuse them: the account is gone).
    void forget_account();
    // Since the last forget_account() and until the next log-in: the start screen says so.
    bool account_deleted() const { return account_deleted_; }
    // True once after forget_account(): the app then shows the start screen.
    bool take_account_deleted() { return std::exchange(show_start_, false); }
    // POST /api/password. On success the user no longer must change it, and syncing starts.
    void change_password(const std::string& current, const std::string& next, Done done);

    using Answer = std::function<void(const HttpResponse&)>;
    // A call to the server outside the replica (the office's user administration): the answer is
    // dropped when another user has logged in meanwhile; a 401 marks the session as needing log-in.
    void server_call(const std::string& path, const nlohmann::json& body, Answer done);
    // Raw bytes to the server (a document's upload, documents_queue.hpp). Unlike server_call every
    // answer reaches `done`, also one that comes after another log-in: the caller holds a lock until
    // it has it. A 401 marks the session as needing log-in, as server_call's does.
    void server_post_bytes(const std::string& path, const std::string& content_type, const std::string& bytes, Answer done);

    // Applies the change at once (optimistically), saves it, and sends it with the next push.
    sync::Outcome mutate(const std::string& name, const nlohmann::json& args);
    const sync::PortalState& view() const { return view_; }
    // Changes whenever view() may have changed (see sync::Replica::revision).
    std::uint64_t view_revision() const { return revision_; }
    // The refusals of every client this tab holds.
    const std::vector<sync::Rejection>& rejections() const { return rejections_; }
    void dismiss_rejection(std::int64_t mutation_id);
    // This tab's own client id (tests).
    const std::string& client_id() const { return own_.front().replica.client_id(); }

    // Called every frame: starts a push or pull when one is due. Returns true when something
    // arrived that changes what the screens show.
    bool tick();
    // When tick() will next start a push or pull, in Platform::now_seconds(); infinity while none
    // will start by itself (logged out, a request in flight, waiting for a log-in). The browser
    // host sleeps until then when nothing else happens.
    double next_sync_due() const;
    void sync_now() { next_attempt_ = 0; }
    SyncStatus status() const;

    // The server's notifications: asked for after every completed sync round.
    const Notifications& notifications() const { return notifications_; }
    // The Alerts tab is shown: its unread notifications are marked read on the server.
    void mark_notifications_read();
    void left_alerts() { notifications_.left_alerts(); }

private:
    struct Held {  // a client whose file this tab writes
        sync::Replica replica;
        std::string file;
    };

    void start(const SessionUser& user);
    std::string client_file(const std::string& client_id) const;
    std::vector<std::string> client_files() const;
    std::optional<sync::Replica> read_client(const std::string& file);
    void save(std::size_t i);
    void compose();
    bool read_others(bool claim);
    void collect_rejections();
    std::optional<std::size_t> index_of(const std::string& file) const;
    void fork(std::size_t i, std::int64_t forked_id);
    void wait_for(const std::string& file);
    void adopt(const std::string& file);
    bool finished(std::size_t i) const;
    void drop(std::size_t i);
    void handle_auth_answer(const HttpResponse& r, Done done);
    void note_server_answer(std::uint64_t generation, const HttpResponse& r);
    void push_then_pull();
    void sync_next();
    void pull(std::size_t i);
    void failed(int status);
    void succeeded();
    void fetch_notifications();
    void end_session();

    Platform& platform_;
    std::optional<SessionUser> user_;
    std::vector<Held> own_;                       // [0]: this tab's client; then adopted ones
    std::map<std::string, sync::Replica> others_; // other tabs' files, read only
    std::map<std::string, std::string> other_text_;
    std::set<std::string> waiting_;               // files whose lock this tab has asked for
    std::vector<std::string> round_;              // files of the clients still to sync in this round
    std::uint64_t store_seen_ = 0;
    sync::PortalState view_;
    std::uint64_t revision_ = 0;
    Date view_today_;
    std::vector<sync::Rejection> rejections_;
    Notifications notifications_;
    bool recovered_ = false;
    bool adopted_ = false;  // a client was adopted since the round under way began
    bool in_flight_ = false;
    bool changed_ = false;
    bool online_ = true;
    bool needs_login_ = false;
    double next_attempt_ = 0;
    std::int64_t next_id_at_send_ = 0;  // mutations from this id on were made after the push went out
    int failures_ = 0;
    std::string last_sync_;
    std::uint64_t generation_ = 0;  // answers for a previous user are dropped
    bool account_deleted_ = false;
    bool show_start_ = false;
};

// Problems from a server's JSON error answer ({"error": {...}, "problems": [...]}), or one general
// problem when the answer is not that shape (or there was none).
Problems problems_from_answer(const HttpResponse& r);

}  // namespace alis::web
