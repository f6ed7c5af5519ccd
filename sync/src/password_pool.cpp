#include "password_pool.hpp"

#include <algorithm>

namespace alis::server {

PasswordPool::PasswordPool(int threads, int queue_limit) : queue_limit_(std::max(0, queue_limit)) {
    for (int i = 0; i < std::max(1, threads); ++i) workers_.emplace_back([this] { work(); });
}

PasswordPool::~PasswordPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

bool PasswordPool::try_submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        // Idle threads take a job at once; beyond them, queue_limit jobs may wait.
        if (stopping_ || static_cast<int>(queue_.size()) >= queue_limit_ + idle_) return false;
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

void PasswordPool::work() {
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ++idle_;
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            --idle_;
            // Jobs still queued at shutdown run too: their request threads are waiting for them.
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job();
    }
}

}  // namespace alis::server
