#pragma once
// Sums of a per-day weight over ranges of days, and the day on which a sum is reached, in time
// that does not grow with the length of the range: a weekly pattern skipped a week at a time, plus
// a sorted list of exception days (holidays, working days) counted by binary search.
//
// Days are numbered from 1970-01-01 (day 0) in the calendar's local time. The calendar keeps two
// tables: working microseconds per day, and 1 for a business day / 0 for a closed one.

#include <array>
#include <cstdint>
#include <vector>

namespace ticketflow::detail {

/// Floor division: day numbers and local times go below zero before 1970.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

/// ISO weekday of a day number, Monday = 0; `epoch_weekday` is that of 1970-01-01.
constexpr int weekday_of(std::int64_t day, int epoch_weekday) noexcept {
    return static_cast<int>(day - 7 * floor_div(day, 7) + epoch_weekday) % 7;
}

/// A weight per day: `weekly[weekday]` on ordinary days, its own value on an exception day.
class DayTable {
  public:
    struct Exception {
        std::int64_t day;
        std::int64_t weight;
    };

    DayTable() = default;
    /// `weekly` indexed by ISO weekday; `exceptions` sorted by day, one per day. The weekly total
    /// must be positive, so that every sum is reached.
    DayTable(const std::array<std::int64_t, 7>& weekly, const std::vector<Exception>& exceptions,
             int epoch_weekday);

    /// Sum of the weights of days before `day`, counted from day 0 (negative before it).
    std::int64_t before(std::int64_t day) const noexcept;

    /// The earliest day `e >= from` with sum over [from, e] >= amount (amount > 0); `spent` is
    /// the sum over [from, e).
    std::int64_t reach_forward(std::int64_t from, std::int64_t amount,
                               std::int64_t& spent) const noexcept;
    /// The latest day `e <= from` with sum over [e, from] >= amount (amount > 0); `spent` is the
    /// sum over (e, from].
    std::int64_t reach_backward(std::int64_t from, std::int64_t amount,
                                std::int64_t& spent) const noexcept;

  private:
    std::int64_t regular_weight(std::int64_t day) const noexcept {
        return weekly_[static_cast<std::size_t>(weekday_of(day, epoch_weekday_))];
    }
    std::int64_t regular_before(std::int64_t day) const noexcept;
    std::int64_t forward_regular(std::int64_t from, std::int64_t amount,
                                 std::int64_t& spent) const noexcept;
    std::int64_t backward_regular(std::int64_t from, std::int64_t amount,
                                  std::int64_t& spent) const noexcept;

    std::array<std::int64_t, 7> weekly_{};
    std::array<std::int64_t, 8> prefix_{};  ///< sums over days 0 … i-1 (one week from day 0)
    std::int64_t week_total_ = 0;
    int epoch_weekday_ = 0;
    std::vector<std::int64_t> days_;     ///< exception days, ascending
    std::vector<std::int64_t> weights_;  ///< their weights
    std::vector<std::int64_t> shift_;    ///< shift_[i]: sum of (weight - regular) of days_[0…i-1]
};

}  // namespace ticketflow::detail
