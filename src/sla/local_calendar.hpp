#pragma once
// The calendar on one unbroken local time line: microseconds since 1970-01-01T00:00 local
// wall-clock time, as if the zone never changed its offset. calendar.cpp cuts real time into
// periods of constant offset and asks this model about each.

#include <array>
#include <cstdint>
#include <vector>

#include <ticketflow/core/error.hpp>

#include "sla/day_schedule.hpp"
#include "sla/day_table.hpp"

namespace ticketflow::detail {

/// A local time: microseconds since 1970-01-01T00:00 on the local wall clock.
using LocalMicros = std::int64_t;

/// Weekly schedules plus exception days, with the two day tables built from them.
class LocalCalendar {
  public:
    struct Exception {
        std::int64_t day;
        DaySchedule schedule;
    };

    LocalCalendar() = default;
    /// `week` indexed by ISO weekday (some day must work); `exceptions` sorted, one per day.
    /// Day numbers outside [first_day, last_day] are refused with OutOfRange.
    LocalCalendar(std::array<DaySchedule, 7> week, std::vector<Exception> exceptions,
                  int epoch_weekday, std::int64_t first_day, std::int64_t last_day);

    const DaySchedule& schedule(std::int64_t day) const noexcept;
    /// The supported local days.
    std::int64_t first_day() const noexcept { return first_day_; }
    std::int64_t last_day() const noexcept { return last_day_; }

    bool is_open(LocalMicros at) const;
    /// Working time from the start of the line to `at`; differences are business time.
    std::int64_t measure(LocalMicros at) const;
    /// Earliest `t` with measure(t) - measure(at) == amount; amount > 0.
    LocalMicros add(LocalMicros at, std::int64_t amount) const;
    /// Latest `t` with measure(at) - measure(t) == amount; amount > 0.
    LocalMicros subtract(LocalMicros at, std::int64_t amount) const;
    LocalMicros next_open(LocalMicros at) const;
    LocalMicros last_close(LocalMicros at) const;
    /// The `count`-th business day after `day` (count > 0), or before it.
    std::int64_t business_day_after(std::int64_t day, std::int64_t count) const;
    std::int64_t business_day_before(std::int64_t day, std::int64_t count) const;

  private:
    /// Splits `at` into its day (checked against the supported range) and time of day.
    std::int64_t split(LocalMicros at, std::int64_t& tod) const;
    std::int64_t checked(std::int64_t day) const;

    std::array<DaySchedule, 7> week_;
    std::vector<std::int64_t> exception_days_;
    std::vector<DaySchedule> exception_schedules_;
    int epoch_weekday_ = 0;
    std::int64_t first_day_ = 0;
    std::int64_t last_day_ = 0;
    DayTable time_;  ///< working microseconds per day
    DayTable days_;  ///< 1 per business day
};

/// Raised deep inside the model (a day table walking past year 9999, a local instant before
/// 1400) and caught only by Calendar's public functions, which return out_of_range_error()
/// instead. Unwinding keeps the hot loops free of a branch per step; it never leaves src/sla.
struct OutOfRange {};

/// Throws OutOfRange for an instant or result outside the supported years.
[[noreturn]] void out_of_range();
/// The error a calendar reports for it: validation_failed, field "time".
Error out_of_range_error();

}  // namespace ticketflow::detail
