#pragma once
/// \file
/// Where the library gets the current time from. The library never reads the wall clock by itself:
/// an engine is given a Clock, so tests and simulations can run on virtual time.

#include <atomic>

#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// Source of the current time.
class Clock {
  public:
    virtual ~Clock() = default;
    /// The current time. Must be safe to call from several threads.
    virtual Timestamp now() const = 0;
};

/// The operating system's real-time clock.
class SystemClock final : public Clock {
  public:
    Timestamp now() const override {
        return std::chrono::time_point_cast<std::chrono::microseconds>(
            std::chrono::system_clock::now());
    }
};

/// A clock that moves only when told to: for tests, simulations and replays.
///
///     ManualClock clock{from_unix_seconds(1696118400)};  // 2023-10-01T00:00:00Z
///     clock.advance(std::chrono::hours{2});
class ManualClock final : public Clock {
  public:
    explicit ManualClock(Timestamp start = Timestamp{})
        : micros_(start.time_since_epoch().count()) {}

    Timestamp now() const override { return Timestamp{std::chrono::microseconds{micros_.load()}}; }

    /// Jumps to `t`, forwards or backwards.
    void set(Timestamp t) { micros_.store(t.time_since_epoch().count()); }

    /// Moves the clock forward by `d`.
    template <class Rep, class Period>
    void advance(std::chrono::duration<Rep, Period> d) {
        micros_.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
    }

  private:
    std::atomic<std::int64_t> micros_;
};

}  // namespace ticketflow
