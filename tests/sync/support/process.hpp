#pragma once
// Starts the real alis-sync binary as a child process and waits for its "listening on" line.
#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace alis::test {

class ServerProcess {
public:
    // args after the binary, e.g. {"serve", "--listen", "127.0.0.1:0", "--data", dir}. Throws when the
    // server does not print "listening on http://HOST:PORT" within 30 s.
    ServerProcess(const std::string& binary, const std::vector<std::string>& args);
    ~ServerProcess();  // SIGTERM, then waits

    void kill9();        // SIGKILL and reap
    int terminate();     // SIGTERM; returns the exit status
    long rss_kb() const; // VmRSS from /proc
    std::string output();

    pid_t pid = -1;
    unsigned short port = 0;

private:
    void reap();
    int out_fd_ = -1;
    std::thread drainer_;
    std::mutex mutex_;
    std::string output_;
    int status_ = -1;
};

// Runs a command to completion; returns its exit status and fills `output` with stdout+stderr.
int run_command(const std::string& binary, const std::vector<std::string>& args, std::string& output);

}  // namespace alis::test
