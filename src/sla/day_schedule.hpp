#pragma once
// One day's working spans, in microseconds after local midnight, with what every calendar
// operation asks of a single day.

#include <cstdint>
#include <optional>
#include <vector>

#include <ticketflow/sla/calendar.hpp>

namespace ticketflow::detail {

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t micros_per_day = 86'400 * micros_per_second;

/// Working spans of one day: ascending, disjoint, [open, close) in microseconds after midnight.
class DaySchedule {
  public:
    DaySchedule() = default;
    /// From checked hours; touching intervals (09–12, 12–18) become one span.
    explicit DaySchedule(const sla::WorkingHours& hours);

    std::int64_t total() const noexcept { return total_; }
    bool closed() const noexcept { return spans_.empty(); }
    /// The hours back, merged.
    sla::WorkingHours hours() const;

    bool is_open(std::int64_t tod) const noexcept;
    /// Working time in [00:00, tod).
    std::int64_t open_before(std::int64_t tod) const noexcept;
    /// The earliest time of day by which `amount` of the day's working time has passed;
    /// 0 < amount <= total. Lands on a closing time when the amount runs out there.
    std::int64_t earliest_reaching(std::int64_t amount) const noexcept;
    /// The latest time of day before which exactly `amount` working time lies; 0 <= amount <
    /// total. Lands on an opening time when the amount runs out there.
    std::int64_t latest_leaving(std::int64_t amount) const noexcept;
    /// `tod` when open, else the next opening that day.
    std::optional<std::int64_t> next_open(std::int64_t tod) const noexcept;
    /// `tod` when working time runs up to it (open, or at a close), else the last close before.
    std::optional<std::int64_t> last_close(std::int64_t tod) const noexcept;
    std::int64_t first_open() const noexcept { return spans_.front().open; }
    std::int64_t final_close() const noexcept { return spans_.back().close; }

  private:
    struct Span {
        std::int64_t open;
        std::int64_t close;
        std::int64_t before;  ///< working time of the day before `open`
    };
    std::vector<Span> spans_;
    std::int64_t total_ = 0;
};

}  // namespace ticketflow::detail
