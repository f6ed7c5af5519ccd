#include "clock.hpp"

#include <chrono>

namespace alis::server {

Date Clock::today() const {
    std::int64_t s = now();
    long days = static_cast<long>(s >= 0 ? s / 86400 : (s - 86399) / 86400);
    return civil_from_days(days);
}

std::int64_t RealClock::now() const {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

TestClock::TestClock(std::int64_t start) : now_(start) {}

}  // namespace alis::server
