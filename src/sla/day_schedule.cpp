#include "sla/day_schedule.hpp"

#include <algorithm>

namespace ticketflow::detail {

DaySchedule::DaySchedule(const sla::WorkingHours& hours) {
    for (const auto& interval : hours) {
        const std::int64_t open = interval.open.count() * micros_per_second;
        const std::int64_t close = interval.close.count() * micros_per_second;
        if (!spans_.empty() && spans_.back().close == open) {
            spans_.back().close = close;
        } else {
            spans_.push_back(Span{open, close, total_});
        }
        total_ += close - open;
    }
}

sla::WorkingHours DaySchedule::hours() const {
    sla::WorkingHours hours;
    for (const auto& span : spans_) {
        hours.push_back(sla::WorkingInterval{std::chrono::seconds{span.open / micros_per_second},
                                             std::chrono::seconds{span.close / micros_per_second}});
    }
    return hours;
}

bool DaySchedule::is_open(std::int64_t tod) const noexcept {
    return std::any_of(spans_.begin(), spans_.end(),
                       [tod](const Span& s) { return s.open <= tod && tod < s.close; });
}

std::int64_t DaySchedule::open_before(std::int64_t tod) const noexcept {
    for (auto it = spans_.rbegin(); it != spans_.rend(); ++it) {
        if (it->open < tod) return it->before + std::min(tod, it->close) - it->open;
    }
    return 0;
}

std::int64_t DaySchedule::earliest_reaching(std::int64_t amount) const noexcept {
    // The first span whose end reaches the amount; the last one does when amount == total.
    auto it = spans_.begin();
    while (it + 1 != spans_.end() && it->before + (it->close - it->open) < amount) ++it;
    return it->open + (amount - it->before);
}

std::int64_t DaySchedule::latest_leaving(std::int64_t amount) const noexcept {
    // The last span that starts at or before the amount.
    auto it = spans_.end() - 1;
    while (it != spans_.begin() && it->before > amount) --it;
    return it->open + (amount - it->before);
}

std::optional<std::int64_t> DaySchedule::next_open(std::int64_t tod) const noexcept {
    for (const auto& span : spans_) {
        if (tod < span.close) return std::max(tod, span.open);
    }
    return std::nullopt;
}

std::optional<std::int64_t> DaySchedule::last_close(std::int64_t tod) const noexcept {
    for (auto it = spans_.rbegin(); it != spans_.rend(); ++it) {
        if (it->open < tod) return std::min(tod, it->close);
    }
    return std::nullopt;
}

}  // namespace ticketflow::detail
