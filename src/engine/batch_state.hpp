#pragma once
// An engine's batch (EngineBatch): the gate that keeps other threads' commands out while a batch
// runs, and the ledger of what the batch has saved, which the engine takes back when the batch
// stores nothing.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include <ticketflow/core/ticket.hpp>

namespace ticketflow::detail {

/// Commands pass through the gate together; a batch closes it for itself, once the commands
/// inside have left. A batch waiting to close it holds new commands back, so a steady stream of
/// commands cannot keep it waiting (the standard shared mutex may prefer its readers).
class BatchGate {
  public:
    /// A command's pass, held while it runs.
    std::shared_lock<std::shared_mutex> enter() {
        if (closing_.load() != 0) {
            std::unique_lock lock(waiting_);
            reopened_.wait(lock, [&] { return closing_.load() == 0; });
        }
        return std::shared_lock(gate_);
    }

    /// Waits for the commands inside to leave (and for a batch of another thread to end), then
    /// keeps everyone else out until `open`.
    void close() {
        closing_.fetch_add(1);
        gate_.lock();
    }

    void open() {
        gate_.unlock();
        {
            const std::lock_guard lock(waiting_);
            closing_.fetch_sub(1);
        }
        reopened_.notify_all();
    }

  private:
    std::shared_mutex gate_;
    std::atomic<int> closing_{0};  // batches holding the gate or waiting for it
    std::mutex waiting_;
    std::condition_variable reopened_;
};

/// What the batch saved so far: each ticket as the batch's last command left it in the engine's
/// cache, schedule and agents' loads.
class BatchLedger {
  public:
    using Saved = std::unordered_map<std::uint64_t, Ticket>;

    /// True on the thread whose batch is open.
    bool here() const noexcept { return owner_.load() == std::this_thread::get_id(); }

    void start() {
        saved_.clear();
        owner_ = std::this_thread::get_id();
    }

    /// Remembers `ticket` as just saved, when the calling thread's batch is open.
    void note(const Ticket& ticket) {
        if (here()) saved_.insert_or_assign(ticket.id.value(), ticket);
    }

    /// Ends the batch; what it saved.
    Saved stop() {
        owner_ = std::thread::id{};
        return std::exchange(saved_, {});
    }

  private:
    std::atomic<std::thread::id> owner_{};
    Saved saved_;  // touched by the owning thread only
};

}  // namespace ticketflow::detail
