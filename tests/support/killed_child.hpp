#pragma once
// Runs a child program for a while, kills it with SIGKILL and returns what it printed: the
// kill -9 tests' way of crashing a writer at a random moment.

#include <chrono>
#include <csignal>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace ticketflow::testing {

/// Starts `argv` (argv[0] is the program), kills it after `run_for` and returns its standard
/// output up to the kill. Fails the test when the child stopped on its own.
inline std::string run_and_kill(const std::vector<std::string>& argv,
                                std::chrono::milliseconds run_for) {
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    const pid_t child = ::fork();
    if (child == 0) {  // only async-signal-safe calls until exec
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    const auto kill_at = std::chrono::steady_clock::now() + run_for;
    std::string text;
    char buffer[4096];
    bool killed = false;
    for (;;) {
        if (!killed && std::chrono::steady_clock::now() >= kill_at) {
            ::kill(child, SIGKILL);
            killed = true;
        }
        pollfd ready{out[0], POLLIN, 0};
        if (::poll(&ready, 1, killed ? 1000 : 5) < 0) break;
        if ((ready.revents & (POLLIN | POLLHUP)) == 0) continue;
        const ssize_t got = ::read(out[0], buffer, sizeof buffer);
        if (got <= 0) break;  // the child is gone and the pipe drained
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child stopped on its own (status " << status << ")";
    return text;
}

/// The whole lines of `text`: a line the kill cut short was never a complete promise.
inline std::vector<std::string> whole_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

}  // namespace ticketflow::testing
