// fire() is called by many engine threads at once; it must share no mutable state between calls.

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/lifecycle/lifecycle.hpp>

#include "lifecycle/expected_lifecycle.hpp"

namespace ticketflow::lifecycle {
namespace {

/// One pass over every triple, starting at a thread-specific offset so threads hit different
/// rows at the same moment; returns the number of wrong answers.
int wrong_answers_in_one_pass(std::size_t offset) {
    const auto states = all_values<TicketState>();
    const auto events = all_values<LifecycleEvent>();
    const auto roles = all_values<Role>();
    const std::size_t total = states.size() * events.size() * roles.size();
    int wrong = 0;
    for (std::size_t i = 0; i < total; ++i) {
        const std::size_t k = (i + offset) % total;
        const auto state = states[k / (events.size() * roles.size())];
        const auto event = events[k / roles.size() % events.size()];
        const auto role = roles[k % roles.size()];
        const auto input = Input::complete(role);
        const auto want = expected::decide(state, event, input, false);
        const auto got = fire(state, event, input);
        const bool right = got.allowed == want.allowed &&
                           (want.allowed ? got.target == want.target : got.refusal == want.refusal);
        if (!right) ++wrong;
    }
    return wrong;
}

TEST(lifecycle_concurrency, threads_firing_at_once_all_get_the_right_answers) {
    constexpr int kThreads = 4;
    constexpr int kPasses = 200;
    std::atomic<int> wrong{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            // Start together so the calls really overlap.
            while (!go.load()) std::this_thread::yield();
            for (int pass = 0; pass < kPasses; ++pass) {
                wrong += wrong_answers_in_one_pass(static_cast<std::size_t>(t * 137 + pass));
            }
        });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace ticketflow::lifecycle
