#include "sla/local_calendar.hpp"

#include <algorithm>

#include <ticketflow/core/error.hpp>

namespace ticketflow::detail {
namespace {

std::array<std::int64_t, 7> weekly(const std::array<DaySchedule, 7>& week, bool count_days) {
    std::array<std::int64_t, 7> weights{};
    for (std::size_t i = 0; i < 7; ++i) {
        weights[i] = count_days ? (week[i].closed() ? 0 : 1) : week[i].total();
    }
    return weights;
}

std::vector<DayTable::Exception> exceptional(const std::vector<std::int64_t>& days,
                                             const std::vector<DaySchedule>& schedules,
                                             bool count_days) {
    std::vector<DayTable::Exception> weights;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto& s = schedules[i];
        weights.push_back({days[i], count_days ? (s.closed() ? 0 : 1) : s.total()});
    }
    return weights;
}

}  // namespace

void out_of_range() {
    throw OutOfRange{};
}

Error out_of_range_error() {
    return validation_error("time",
                            "outside the business calendar's range (local years 1400 to 9999)");
}

LocalCalendar::LocalCalendar(std::array<DaySchedule, 7> week, std::vector<Exception> exceptions,
                             int epoch_weekday, std::int64_t first_day, std::int64_t last_day)
    : week_(std::move(week)),
      epoch_weekday_(epoch_weekday),
      first_day_(first_day),
      last_day_(last_day) {
    for (auto& exception : exceptions) {
        exception_days_.push_back(exception.day);
        exception_schedules_.push_back(std::move(exception.schedule));
    }
    time_ = DayTable(weekly(week_, false),
                     exceptional(exception_days_, exception_schedules_, false), epoch_weekday);
    days_ = DayTable(weekly(week_, true), exceptional(exception_days_, exception_schedules_, true),
                     epoch_weekday);
}

const DaySchedule& LocalCalendar::schedule(std::int64_t day) const noexcept {
    const auto it = std::lower_bound(exception_days_.begin(), exception_days_.end(), day);
    if (it != exception_days_.end() && *it == day) {
        return exception_schedules_[static_cast<std::size_t>(it - exception_days_.begin())];
    }
    return week_[static_cast<std::size_t>(weekday_of(day, epoch_weekday_))];
}

std::int64_t LocalCalendar::checked(std::int64_t day) const {
    if (day < first_day_ || day > last_day_) out_of_range();
    return day;
}

std::int64_t LocalCalendar::split(LocalMicros at, std::int64_t& tod) const {
    const std::int64_t day = floor_div(at, micros_per_day);
    tod = at - day * micros_per_day;
    return checked(day);
}

bool LocalCalendar::is_open(LocalMicros at) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    return schedule(day).is_open(tod);
}

std::int64_t LocalCalendar::measure(LocalMicros at) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    return time_.before(day) + schedule(day).open_before(tod);
}

LocalMicros LocalCalendar::add(LocalMicros at, std::int64_t amount) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    const DaySchedule& today = schedule(day);
    const std::int64_t used = today.open_before(tod);
    if (amount <= today.total() - used) {
        return day * micros_per_day + today.earliest_reaching(used + amount);
    }
    amount -= today.total() - used;
    std::int64_t spent = 0;
    const std::int64_t last = checked(time_.reach_forward(day + 1, amount, spent));
    return last * micros_per_day + schedule(last).earliest_reaching(amount - spent);
}

LocalMicros LocalCalendar::subtract(LocalMicros at, std::int64_t amount) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    const DaySchedule& today = schedule(day);
    const std::int64_t used = today.open_before(tod);
    if (amount <= used) return day * micros_per_day + today.latest_leaving(used - amount);
    amount -= used;
    std::int64_t spent = 0;
    const std::int64_t first = checked(time_.reach_backward(day - 1, amount, spent));
    const DaySchedule& that_day = schedule(first);
    return first * micros_per_day + that_day.latest_leaving(that_day.total() - (amount - spent));
}

LocalMicros LocalCalendar::next_open(LocalMicros at) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    if (const auto open = schedule(day).next_open(tod)) return day * micros_per_day + *open;
    const std::int64_t next = business_day_after(day, 1);
    return next * micros_per_day + schedule(next).first_open();
}

LocalMicros LocalCalendar::last_close(LocalMicros at) const {
    std::int64_t tod = 0;
    const std::int64_t day = split(at, tod);
    if (const auto close = schedule(day).last_close(tod)) return day * micros_per_day + *close;
    const std::int64_t previous = business_day_before(day, 1);
    return previous * micros_per_day + schedule(previous).final_close();
}

std::int64_t LocalCalendar::business_day_after(std::int64_t day, std::int64_t count) const {
    std::int64_t spent = 0;
    return checked(days_.reach_forward(day + 1, count, spent));
}

std::int64_t LocalCalendar::business_day_before(std::int64_t day, std::int64_t count) const {
    std::int64_t spent = 0;
    return checked(days_.reach_backward(day - 1, count, spent));
}

}  // namespace ticketflow::detail
