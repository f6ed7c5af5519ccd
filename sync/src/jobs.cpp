#include "jobs.hpp"

#include <iostream>

namespace alis::server {

void JobRunner::add(std::string name, std::chrono::milliseconds every, std::function<void()> job) {
    jobs_.push_back({std::move(name), every, std::move(job), std::chrono::steady_clock::now() + every});
}

void JobRunner::start() { thread_ = std::thread([this] { loop(); }); }

void JobRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void JobRunner::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto next = std::chrono::steady_clock::now() + std::chrono::hours(1);
        for (auto& j : jobs_) next = std::min(next, j.next);
        cv_.wait_until(lock, next, [&] { return stopping_; });
        if (stopping_) break;
        auto now = std::chrono::steady_clock::now();
        for (auto& j : jobs_) {
            if (j.next > now) continue;
            j.next = now + j.every;
            lock.unlock();
            try {
                j.run();
            } catch (const std::exception& e) {
                std::cerr << "alis-sync: job " << j.name << " failed: " << e.what() << std::endl;
            }
            lock.lock();
            if (stopping_) break;
        }
    }
}

}  // namespace alis::server
