#pragma once
// Server-side periodic jobs (two-month release, session sweep, audit flush) on one thread. Each job
// runs on its own interval; a failing job is logged and retried on its next turn.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace alis::server {

class JobRunner {
public:
    JobRunner() = default;
    ~JobRunner() { stop(); }
    void add(std::string name, std::chrono::milliseconds every, std::function<void()> job);
    void start();
    void stop();  // runs nothing more; joins

private:
    struct Job {
        std::string name;
        std::chrono::milliseconds every;
        std::function<void()> run;
        std::chrono::steady_clock::time_point next;
    };
    void loop();

    std::vector<Job> jobs_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace alis::server
