#pragma once
// The store's writes, one transaction at a time on one connection, optionally with group commit:
// units of work that arrive while a commit is on its way to disk wait, then share the next
// transaction, each inside a savepoint of its own, and are all acknowledged by its one flush.
// A batch takes its turn in the same queue and then holds the connection until it ends.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <ticketflow/core/error.hpp>

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

class WriteQueue {
  public:
    /// `max_batch`: at most this many units share one transaction; 1 commits each alone.
    WriteQueue(Connection& writer, std::size_t max_batch)
        : writer_(writer), max_batch_(max_batch) {}

    /// Runs `unit(connection) -> Result<…>` in a write transaction and returns its result once the
    /// transaction has committed: its changes are kept only when the result holds a value. A
    /// storage failure (of the unit, or of the commit it shares) comes back as the result's error.
    template <class Unit>
    auto write(Unit&& unit) -> decltype(unit(std::declval<Connection&>())) {
        using Outcome = decltype(unit(std::declval<Connection&>()));
        std::optional<Outcome> outcome;
        Job job{[&](Connection& c) { return bool(outcome.emplace(unit(c))); },
                [&](const Error& e) { outcome.emplace(e); }};
        submit(job);
        if (job.unexpected) std::rethrow_exception(job.unexpected);
        return std::move(*outcome);
    }

    /// Waits for its turn, then keeps the connection for the calling thread alone until
    /// `release`: units queued meanwhile wait, and go on after it in their usual batches.
    void hold();
    /// Gives the connection held by `hold` back to the queue.
    void release();

  private:
    struct Job {
        std::function<bool(Connection&)> apply;   ///< runs the unit; false when it refused
        std::function<void(const Error&)> fail;   ///< replaces its result with a storage failure
        std::exception_ptr unexpected = nullptr;  ///< anything else it threw, for its caller
        bool done = false;
        bool holds = false;  ///< a batch's turn: it gets the connection itself, not a run
        // Its own, so that finishing a batch wakes the threads it concerns, not every waiter.
        std::condition_variable wake{};
    };

    void submit(Job& job);
    void wait_for_turn(std::unique_lock<std::mutex>& lock, Job& job);
    void lead(std::unique_lock<std::mutex>& lock);
    std::vector<Job*> take_batch();
    void run_batch(const std::vector<Job*>& batch);
    void run_alone(Job& job);
    void apply_in_savepoint(Job& job);

    Connection& writer_;
    const std::size_t max_batch_;
    std::mutex mutex_;
    std::deque<Job*> waiting_;
    bool leading_ = false;  // a thread is running a batch, or a batch holds the connection
};

}  // namespace ticketflow::detail::sqlite
