#pragma once
// The portal's interface, independent of where it runs: the browser shell, or a headless test that
// drives ImGui frames. The host owns the ImGui context, fonts and input; the app draws one frame.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "alis/text.hpp"
#include "platform.hpp"
#include "session.hpp"

namespace alis::web {

enum class Screen { start, log_in, register_gp, home, change_password };
const char* screen_name(Screen screen);

class DocumentQueue;

// What every screen gets to draw with.
struct Context {
    Session& session;
    Platform& platform;
    Language lang;
    DocumentQueue* documents = nullptr;  // the uploads on their way (documents_queue.hpp); set by RoleHome
};

class LoginScreen;
class RegisterScreen;
class PasswordScreen;
class RoleHome;

class App {
public:
    explicit App(Platform& platform);
    ~App();

    // Draws one frame into the current ImGui context (between NewFrame and Render).
    void frame();
    // True while a sync request is in flight.
    bool busy() const;
    // When the app next needs a frame although nothing happened, in Platform::now_seconds(): the
    // session's next push or pull, which frame() starts. Infinity: not until something happens
    // (input, an answer to a request). The browser host sleeps until then.
    double next_frame_due() const;

    Language language() const { return language_; }
    void set_language(Language lang);
    Screen screen() const;
    Session& session() { return session_; }
    std::uint64_t frame_count() const { return frames_; }

    // What the last frame showed: frame count, the screen it drew (not one a click in it opened),
    // language, the labelled items with their
    // rectangles, and the sync status. The browser shell hands this to JavaScript for tests.
    nlohmann::json test_state() const;

    // The screen's address ("#/start", "#/log_in", "#/register_gp", "#/home/varsler",
    // "#/change_password") and the page title naming it (the open tab, when logged in), both as of
    // the last frame.
    std::string route() const;
    std::string page_title() const;
    // Back, forward or a typed address: opens that screen when it can be shown now (the log-in
    // and registration screens only while logged out). A logged-in page's address (a link in an
    // alert mail) opened while logged out shows the log-in and opens that page after it. False: it
    // cannot, the address is stale.
    bool open_route(const std::string& route);

private:
    void draw_top_bar();
    // The top bar's buttons in a popup under one "Meny" button (narrow screens, logged in).
    void draw_menu(const char* change_password, const char* log_out, const char* const* labels, const Language* langs);
    void draw_start();
    void go(Screen screen) { screen_ = screen; }

    Platform& platform_;
    Session session_;
    Language language_ = Language::bokmal;
    Screen screen_ = Screen::start;
    Screen drawn_ = Screen::start;  // the screen the last frame drew, whose items the probe holds
    std::uint64_t frames_ = 0;
    std::unique_ptr<LoginScreen> login_;
    std::unique_ptr<RegisterScreen> register_;
    std::unique_ptr<RoleHome> home_;
    std::unique_ptr<PasswordScreen> password_;
    bool changing_password_ = false;  // "Bytt passord" chosen in the top bar
    std::string wanted_page_;         // a page's address opened before log-in ("varsler")
};

}  // namespace alis::web
