#pragma once
// What a logged-in user sees: their role's pages, as tabs on a wide screen and as one "Skjerm"
// combo on a narrow one (a phone: tabs would shrink to single letters, or take half the height).
#include <string>
#include <vector>

#include "app.hpp"
#include "documents_queue.hpp"
#include "i18n.hpp"
#include "screens.hpp"

namespace alis::web {

class RoleHome {
public:
    void draw(Context& ctx);
    // The open page's name as shown ("Varsler (2 nye)"), for the page title; empty before a frame.
    const std::string& open_label() const { return open_label_; }
    // The open page's address name ("varsler"), the same in every language; empty before a frame.
    std::string open_page() const;
    // Opens the page named `page` ("varsler") at the next frame when `role` has it; false if not.
    bool open_page(sync::Role role, const std::string& page);

private:
    std::string label(Context& ctx, Msg msg) const;
    void draw_tabs(Context& ctx, const std::vector<Msg>& pages);
    void draw_combo(Context& ctx, const std::vector<Msg>& pages);
    bool tabs_fit(Context& ctx, const std::vector<Msg>& pages) const;
    // Marks alerts read while their page is open (and as left when it is not).
    void seen(Context& ctx, Msg msg, bool open);
    void draw_page(Context& ctx, Msg msg);

    Msg current_ = Msg::portal_name;  // the open page; portal_name: none yet
    bool tabs_follow_ = true;          // the tab bar must select current_ (after the combo chose it)
    std::string open_label_;
    GpProfileScreen gp_profile_;
    GpAvailableScreen gp_available_;
    GpWishesScreen gp_wishes_;
    GpPeriodsScreen gp_periods_;
    GpOffersScreen gp_offers_;
    GpAlertsScreen gp_alerts_;
    HospitalPeriodsScreen hospital_periods_;
    HospitalAlertsScreen hospital_alerts_;
    MunicipalityScreen municipality_;
    OfficeScreen office_;
    OfficeEvaluationScreen evaluation_;
    DocumentQueue documents_;  // uploads waiting to be sent, whichever page is open  // a hospital's or a municipality's "Evaluering" (the office's is in office_)
};

}  // namespace alis::web
