#include "fixture.hpp"

using namespace fixture;

TEST_CASE("the fixture region builds through mutations") {
    const PortalState s = region();
    CHECK(s.doctors.size() == 2);
    CHECK(s.offers.size() == 2);
    CHECK(s.periods.at("p1").published_on == kToday);
}
