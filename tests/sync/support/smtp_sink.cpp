#include "smtp_sink.hpp"

#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace fs = std::filesystem;

namespace alis::test {

unsigned short free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts(unsigned short port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

SmtpSink::SmtpSink(unsigned short port, std::string maildir) : maildir_(std::move(maildir)) {
    pid_ = ::fork();
    if (pid_ == 0) {
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "aiosmtpd.handlers.Mailbox",
                maildir_.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Wait for the state (the port accepting), polling; never a fixed sleep.
    for (int i = 0; i < 3000 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(accepts(port));
}

SmtpSink::~SmtpSink() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
}

std::size_t SmtpSink::count() const {
    std::error_code ec;
    std::size_t n = 0;
    for (fs::directory_iterator it(maildir_ + "/new", ec), end; !ec && it != end; it.increment(ec)) ++n;
    return n;
}

std::vector<std::string> SmtpSink::messages() const {
    std::vector<std::string> out;
    if (!fs::exists(maildir_ + "/new")) return out;
    for (const auto& e : fs::directory_iterator(maildir_ + "/new")) {
        std::ifstream in(e.path(), std::ios::binary);
        out.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    return out;
}

std::string header(const std::string& text, const std::string& name) {
    const std::string message = "\n" + text;  // the first header has no line before it
    const auto at = message.find("\n" + name + ": ");
    if (at == std::string::npos) return {};
    std::string value;
    std::size_t i = at + name.size() + 3;
    // Folded lines continue with a space.
    while (i < message.size()) {
        const auto end = message.find('\n', i);
        std::string line = message.substr(i, end - i);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        value += line;
        if (end == std::string::npos || end + 1 >= message.size() || (message[end + 1] != ' ' && message[end + 1] != '\t')) break;
        i = end + 2;
    }
    return value;
}

std::string unbase64(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), "\r\n ", &len,
                              nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
    out.resize(len);
    return out;
}

std::string decode_subject(const std::string& value) {
    std::string out;
    std::size_t i = 0;
    while ((i = value.find("=?UTF-8?B?", i)) != std::string::npos) {
        const auto end = value.find("?=", i + 10);
        out += unbase64(value.substr(i + 10, end - i - 10));
        i = end + 2;
    }
    return out;
}

}  // namespace alis::test
