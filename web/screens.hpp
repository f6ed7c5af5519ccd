#pragma once
// The screens behind each role's tabs. Each reads the replica's view and emits mutations through the
// session; none changes domain data itself.
#include <optional>
#include <string>
#include <vector>

#include "alis/problem.hpp"
#include "app.hpp"

namespace alis::web {

// Shows the outcome of the last mutation a form sent: "Saved" or the reasons it was refused.
struct SendResult {
    bool shown = false;
    bool accepted = false;
    Problems problems;
    void set(const sync::Outcome& outcome);
    void draw(Language lang) const;
};

std::string new_id(Platform& platform, const char* prefix);
std::string organisation_name(const sync::PortalState& view, const std::string& id);
// True when the logged-in GP has a profile; otherwise says to fill it in first.
bool has_own_profile(Context& ctx);

class GpProfileScreen {
public:
    void draw(Context& ctx);

private:
    void load(const DoctorProfile& d);
    bool loaded_ = false;
    std::string name_, hpr_, phone_, email_, cv_;
    std::string gp_start_, alis_start_;
    int municipality_ = -1;
    bool old_scheme_ = false, guidance_ = false, private_ = false;
    int objectives_ = 0, mandatory_ = 0, modules_ = 0;
    bool tried_ = false;
    SendResult result_;
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
};

class GpOffersScreen {
public:
    void draw(Context& ctx);

private:
    SendResult result_;
};

class HospitalPeriodsScreen {
public:
    void draw(Context& ctx);

private:
    void draw_form(Context& ctx);
    void draw_candidates(Context& ctx);
    std::string selected_;
    int department_ = 0;
    std::string specialty_, start_, end_, supervisor_, reason_;
    int places_ = 1;
    bool on_call_ = true;
    SendResult result_;
};

class MunicipalityScreen {
public:
    void draw(Context& ctx);

private:
    int doctor_ = 0;
    std::string wished_, plan_, strike_reason_;
    SendResult result_;
};

class OfficeScreen {
public:
    void draw_organisations(Context& ctx);
    void draw_regional_list(Context& ctx);
    void draw_matching(Context& ctx);

private:
    int kind_ = 0, parent_ = 0;
    std::string org_id_, org_name_, org_specialty_;
    bool party_ = true;
    std::string filter_;
    SendResult result_;
};

void draw_timeline(Context& ctx);

}  // namespace alis::web
