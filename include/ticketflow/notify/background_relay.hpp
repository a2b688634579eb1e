#pragma once
/// \file
/// An opt-in background thread that keeps notifications flowing.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include <ticketflow/core/periodic_thread.hpp>
#include <ticketflow/notify/relay.hpp>

namespace ticketflow::notify {

/// Calls `relay.pump()` every `period` on its own thread until stopped or destroyed. A pump that
/// fails (the store cannot be reached) loses nothing — its entries stay due — and is counted in
/// `failures()`; the next period tries again. The relay must outlive this.
///
///     BackgroundRelay pumping{relay, std::chrono::seconds{5}};
class BackgroundRelay {
  public:
    using Observer = std::function<void(const PumpReport&)>;

    /// `on_pump`, if given, sees every report, on the relay's thread.
    BackgroundRelay(Relay& relay, std::chrono::milliseconds period, Observer on_pump = {})
        : thread_(period, [this, &relay, on_pump = std::move(on_pump)] {
              try {
                  const PumpReport report = relay.pump();
                  if (on_pump) on_pump(report);
              } catch (const Exception&) {
                  ++failures_;
              }
          }) {}

    /// Stops after the pump under way, if any; idempotent.
    void stop() { thread_.stop(); }
    /// Pumps run so far, failed ones included.
    std::uint64_t pumps() const { return thread_.runs(); }
    /// Pumps that failed.
    std::uint64_t failures() const { return failures_.load(); }

  private:
    std::atomic<std::uint64_t> failures_{0};
    PeriodicThread thread_;  // last: starts once everything it uses exists
};

}  // namespace ticketflow::notify
