#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace alis::test {

namespace {
pid_t spawn(const std::string& binary, const std::vector<std::string>& args, int& out_fd) {
    int pipefd[2];
    if (::pipe2(pipefd, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(pipefd[1], 1);
        ::dup2(pipefd[1], 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(binary.c_str()));
        for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(pipefd[1]);
    out_fd = pipefd[0];
    return pid;
}
}  // namespace

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::string>& args) {
    pid = spawn(binary, args, out_fd_);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string seen;
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{out_fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buf[4096];
        ssize_t n = ::read(out_fd_, buf, sizeof buf);
        if (n <= 0) break;
        seen.append(buf, static_cast<std::size_t>(n));
        auto at = seen.find("listening on http://");
        if (at != std::string::npos) {
            auto eol = seen.find('\n', at);
            if (eol == std::string::npos) continue;
            std::string line = seen.substr(at, eol - at);
            port = static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));
            break;
        }
    }
    output_ = seen;
    if (port == 0) {
        kill9();
        throw std::runtime_error("alis-sync did not start:\n" + seen);
    }
    // Keep reading so the server never blocks on a full pipe.
    drainer_ = std::thread([this] {
        char buf[4096];
        ssize_t n;
        while ((n = ::read(out_fd_, buf, sizeof buf)) > 0) {
            std::lock_guard lock(mutex_);
            if (output_.size() < (1u << 20)) output_.append(buf, static_cast<std::size_t>(n));
        }
    });
}

void ServerProcess::reap() {
    if (pid > 0) {
        ::waitpid(pid, &status_, 0);
        pid = -1;
    }
    if (drainer_.joinable()) drainer_.join();
    if (out_fd_ >= 0) {
        ::close(out_fd_);
        out_fd_ = -1;
    }
}

void ServerProcess::kill9() {
    if (pid > 0) ::kill(pid, SIGKILL);
    reap();
}

int ServerProcess::terminate() {
    if (pid > 0) ::kill(pid, SIGTERM);
    reap();
    return status_;
}

ServerProcess::~ServerProcess() {
    if (pid > 0) terminate();
    reap();
}

long ServerProcess::rss_kb() const {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

std::string ServerProcess::output() {
    std::lock_guard lock(mutex_);
    return output_;
}

int run_command(const std::string& binary, const std::vector<std::string>& args, std::string& output) {
    int fd = -1;
    pid_t pid = spawn(binary, args, fd);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) output.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace alis::test
