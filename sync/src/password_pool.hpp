#pragma once
// Argon2id runs here, off the HTTP worker threads: a few threads and a bounded queue. A request
// thread hands its hash or verification over and waits for the answer; when the queue is full it
// gets nothing at once and answers 503 `busy`. So at most threads + queue_limit request threads wait
// here, and the rest of the HTTP workers keep serving pulls and pushes during a log-in flood; and
// the CPU and memory (19 MiB a hash) that hashing takes are bounded by the pool's size.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace alis::server {

class PasswordPool {
public:
    PasswordPool(int threads, int queue_limit);
    ~PasswordPool();
    PasswordPool(const PasswordPool&) = delete;
    PasswordPool& operator=(const PasswordPool&) = delete;

    // Queues `job`; false (and nothing queued) when every thread is busy and `queue_limit` jobs are
    // already waiting.
    bool try_submit(std::function<void()> job);

    // Runs `job` on the pool and waits for its result (its exception is rethrown here); nothing when
    // the queue is full.
    template <typename F>
    auto run(F job) -> std::optional<decltype(job())> {
        using R = decltype(job());
        auto task = std::make_shared<std::packaged_task<R()>>(std::move(job));
        std::future<R> result = task->get_future();
        if (!try_submit([task] { (*task)(); })) return std::nullopt;
        return result.get();
    }

    int threads() const { return static_cast<int>(workers_.size()); }
    int queue_limit() const { return queue_limit_; }

private:
    void work();

    const int queue_limit_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    int idle_ = 0;  // threads waiting for a job
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace alis::server
