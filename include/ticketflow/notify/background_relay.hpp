#pragma once
/// \file
/// An opt-in background thread that keeps notifications flowing.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include <ticketflow/core/periodic_thread.hpp>
#include <ticketflow/notify/relay.hpp>

namespace ticketflow::notify {

/// Calls `relay.pump()` every `period` on its own thread until stopped or destroyed. A pump that
/// fails (the store cannot be reached) loses nothing — its entries stay due — and is counted in
/// `failures()`, its error kept as `last_error()`; the next period tries again. The relay must
/// outlive this.
///
///     BackgroundRelay pumping{relay, std::chrono::seconds{5}};
class BackgroundRelay {
  public:
    using Observer = std::function<void(const PumpReport&)>;

    /// `on_pump`, if given, sees every report, on the relay's thread.
    BackgroundRelay(Relay& relay, std::chrono::milliseconds period, Observer on_pump = {})
        : thread_(period, [this, &relay, on_pump = std::move(on_pump)] {
              auto report = relay.pump();
              if (!report) {
                  remember(report.error());
              } else if (on_pump) {
                  on_pump(*report);
              }
          }) {}

    /// Stops after the pump under way, if any; idempotent.
    void stop() { thread_.stop(); }
    /// Pumps run so far, failed ones included.
    std::uint64_t pumps() const { return thread_.runs(); }
    /// Pumps that failed.
    std::uint64_t failures() const { return failures_.load(); }
    /// The error of the latest failed pump, if any.
    std::optional<Error> last_error() const {
        std::lock_guard lock(mutex_);
        return last_error_;
    }

  private:
    void remember(const Error& error) {
        std::lock_guard lock(mutex_);
        last_error_ = error;
        ++failures_;
    }

    mutable std::mutex mutex_;  // guards last_error_
    std::optional<Error> last_error_;
    std::atomic<std::uint64_t> failures_{0};
    PeriodicThread thread_;  // last: starts once everything it uses exists
};

}  // namespace ticketflow::notify
