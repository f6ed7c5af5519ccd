#pragma once
// What a logged-in user sees: their role's tabs.
#include "app.hpp"
#include "screens.hpp"

namespace alis::web {

class RoleHome {
public:
    void draw(Context& ctx);

private:
    bool tab(Context& ctx, int msg);
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
};

}  // namespace alis::web
