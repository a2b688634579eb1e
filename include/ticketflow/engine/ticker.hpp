#pragma once
/// \file
/// An opt-in background thread that keeps an engine's SLAs up to date.

#include <chrono>
#include <cstdint>
#include <functional>

#include <ticketflow/core/periodic_thread.hpp>
#include <ticketflow/engine.hpp>

namespace ticketflow {

/// Calls `engine.tick()` every `period` on its own thread until stopped or destroyed. Warnings and
/// breaches are dated when their threshold was crossed, so the period only bounds how late they
/// are noticed. The engine must outlive the ticker.
///
///     BackgroundTicker ticker{engine, std::chrono::seconds{30}};
class BackgroundTicker {
  public:
    using Observer = std::function<void(const TickReport&)>;

    /// `on_tick`, if given, sees every report, on the ticker's thread.
    BackgroundTicker(Engine& engine, std::chrono::milliseconds period, Observer on_tick = {})
        : thread_(period, [&engine, on_tick = std::move(on_tick)] {
              const TickReport report = engine.tick();
              if (on_tick) on_tick(report);
          }) {}

    /// Stops after the tick under way, if any; idempotent.
    void stop() { thread_.stop(); }
    /// Ticks run so far.
    std::uint64_t ticks() const { return thread_.runs(); }

  private:
    PeriodicThread thread_;
};

}  // namespace ticketflow
