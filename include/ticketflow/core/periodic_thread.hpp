#pragma once
/// \file
/// A thread that runs one piece of work again and again, a period apart, until stopped: what the
/// engine's background ticker and the notification relay's background pump are made of.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace ticketflow {

class PeriodicThread {
  public:
    /// Starts at once: `work` runs now, then `period` after each run ends. `work` must not throw.
    PeriodicThread(std::chrono::milliseconds period, std::function<void()> work)
        : period_(period), work_(std::move(work)), thread_([this] { run(); }) {}
    ~PeriodicThread() { stop(); }
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

    /// Stops after the run under way, if any; idempotent, and callable from `work` itself.
    void stop() {
        {
            std::lock_guard locked(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
    }

    /// Runs completed so far.
    std::uint64_t runs() const {
        std::lock_guard locked(mutex_);
        return runs_;
    }

  private:
    void run() {
        std::unique_lock locked(mutex_);
        while (!stopping_) {
            locked.unlock();
            work_();
            locked.lock();
            ++runs_;
            wake_.wait_for(locked, period_, [this] { return stopping_; });
        }
    }

    const std::chrono::milliseconds period_;
    std::function<void()> work_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t runs_ = 0;
    std::thread thread_;  // last: starts once everything it uses exists
};

}  // namespace ticketflow
