#pragma once
// Time as the server sees it. Real time by default; with --test-clock a settable clock, so tests and
// demos can move "today" (the two-month release, session expiry) without waiting.
#include <atomic>
#include <cstdint>

#include "alis/date.hpp"

namespace alis::server {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t now() const = 0;  // seconds since 1970-01-01 UTC
    Date today() const;                    // the UTC day of now()
};

class RealClock final : public Clock {
public:
    std::int64_t now() const override;
};

class TestClock final : public Clock {
public:
    explicit TestClock(std::int64_t start);
    std::int64_t now() const override { return now_.load(); }
    void set(std::int64_t seconds) { now_.store(seconds); }
    void advance(std::int64_t seconds) { now_.fetch_add(seconds); }

private:
    std::atomic<std::int64_t> now_;
};

}  // namespace alis::server
