#pragma once
/// \file
/// Where the library gets the current time from. The library never reads the wall clock by itself:
/// an engine is given a Clock, so tests and simulations can run on virtual time.

#include <atomic>

#include <ticketflow/core/error.hpp>
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

/// A clock that moves only when told to: for tests, simulations and replays. It stays inside the
/// range of time (see `Timestamp`): a move that would leave it is refused and changes nothing.
///
///     ManualClock clock{from_unix_seconds(1696118400)};  // 2023-10-01T00:00:00Z
///     clock.advance(std::chrono::hours{2});
class ManualClock final : public Clock {
  public:
    /// Starts at `start`, which must be in the range of time: otherwise throws `Exception`
    /// (`validation_failed`, field `start`).
    explicit ManualClock(Timestamp start = Timestamp{}) : micros_(checked_start(start)) {}

    Timestamp now() const override { return Timestamp{std::chrono::microseconds{micros_.load()}}; }

    /// Jumps to `t`, forwards or backwards; false (and the clock unmoved) when `t` is outside the
    /// range of time.
    bool set(Timestamp t) {
        if (!in_range(t)) return false;
        micros_.store(t.time_since_epoch().count());
        return true;
    }

    /// Moves the clock by `d`; false (and the clock unmoved) when that would leave the range of
    /// time, or when `d` does not fit in microseconds.
    template <class Rep, class Period>
    bool advance(std::chrono::duration<Rep, Period> d) {
        using std::chrono::microseconds;
        // The range of time spans less than 2^59 µs, so a longer step leaves it; comparing as a
        // double first keeps the conversion below from overflowing (and refuses NaN).
        const std::chrono::duration<double, std::micro> asked = d;
        const double span = static_cast<double>((latest_timestamp - earliest_timestamp).count());
        if (!(asked.count() <= span && asked.count() >= -span)) return false;
        const auto step = std::chrono::duration_cast<microseconds>(d);
        std::int64_t seen = micros_.load();
        for (;;) {
            const auto moved = checked_add(Timestamp{microseconds{seen}}, step);
            if (!moved) return false;
            if (micros_.compare_exchange_weak(seen, moved->time_since_epoch().count())) return true;
        }
    }

  private:
    static std::int64_t checked_start(Timestamp start) {
        if (!in_range(start)) {
            throw Exception(outside_the_range_of_time("start"));
        }
        return start.time_since_epoch().count();
    }

    std::atomic<std::int64_t> micros_;
};

}  // namespace ticketflow
