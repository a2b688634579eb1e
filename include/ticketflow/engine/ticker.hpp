#pragma once
/// \file
/// An opt-in background thread that keeps an engine's SLAs up to date.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

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
    BackgroundTicker(Engine& engine, std::chrono::milliseconds period, Observer on_tick = {});
    ~BackgroundTicker();
    BackgroundTicker(const BackgroundTicker&) = delete;
    BackgroundTicker& operator=(const BackgroundTicker&) = delete;

    /// Stops after the tick under way, if any; idempotent.
    void stop();
    /// Ticks run so far.
    std::uint64_t ticks() const;

  private:
    void run();

    Engine& engine_;
    const std::chrono::milliseconds period_;
    Observer on_tick_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t ticks_ = 0;
    std::thread thread_;  // last: starts once everything it uses exists
};

}  // namespace ticketflow
