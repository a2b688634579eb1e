#include "sla/day_table.hpp"

#include <algorithm>
#include <cassert>

namespace ticketflow::detail {

DayTable::DayTable(const std::array<std::int64_t, 7>& weekly,
                   const std::vector<Exception>& exceptions, int epoch_weekday)
    : weekly_(weekly), epoch_weekday_(epoch_weekday) {
    for (std::int64_t day = 0; day < 7; ++day) {
        prefix_[static_cast<std::size_t>(day + 1)] =
            prefix_[static_cast<std::size_t>(day)] + regular_weight(day);
    }
    week_total_ = prefix_[7];
    assert(week_total_ > 0);
    shift_.push_back(0);
    for (const auto& exception : exceptions) {
        days_.push_back(exception.day);
        weights_.push_back(exception.weight);
        shift_.push_back(shift_.back() + exception.weight - regular_weight(exception.day));
    }
}

std::int64_t DayTable::regular_before(std::int64_t day) const noexcept {
    const std::int64_t weeks = floor_div(day, 7);
    return weeks * week_total_ + prefix_[static_cast<std::size_t>(day - 7 * weeks)];
}

std::int64_t DayTable::before(std::int64_t day) const noexcept {
    const auto index = std::lower_bound(days_.begin(), days_.end(), day) - days_.begin();
    return regular_before(day) + shift_[static_cast<std::size_t>(index)];
}

std::int64_t DayTable::reach_forward(std::int64_t from, std::int64_t amount,
                                     std::int64_t& spent) const noexcept {
    spent = 0;
    // Alternate between a run of ordinary days, crossed arithmetically, and one exception day.
    auto index = static_cast<std::size_t>(std::lower_bound(days_.begin(), days_.end(), from) -
                                          days_.begin());
    for (; index < days_.size(); ++index) {
        const std::int64_t ordinary = regular_before(days_[index]) - regular_before(from);
        if (amount <= ordinary) break;
        amount -= ordinary;
        spent += ordinary;
        if (amount <= weights_[index]) return days_[index];
        amount -= weights_[index];
        spent += weights_[index];
        from = days_[index] + 1;
    }
    return forward_regular(from, amount, spent);
}

std::int64_t DayTable::reach_backward(std::int64_t from, std::int64_t amount,
                                      std::int64_t& spent) const noexcept {
    spent = 0;
    auto index = std::upper_bound(days_.begin(), days_.end(), from) - days_.begin();
    for (; index > 0; --index) {
        const std::int64_t day = days_[static_cast<std::size_t>(index - 1)];
        const std::int64_t weight = weights_[static_cast<std::size_t>(index - 1)];
        const std::int64_t ordinary = regular_before(from + 1) - regular_before(day + 1);
        if (amount <= ordinary) break;
        amount -= ordinary;
        spent += ordinary;
        if (amount <= weight) return day;
        amount -= weight;
        spent += weight;
        from = day - 1;
    }
    return backward_regular(from, amount, spent);
}

std::int64_t DayTable::forward_regular(std::int64_t from, std::int64_t amount,
                                       std::int64_t& spent) const noexcept {
    // Whole weeks first, keeping at least one day's worth for the walk of at most seven days.
    const std::int64_t weeks = (amount - 1) / week_total_;
    from += 7 * weeks;
    spent += weeks * week_total_;
    amount -= weeks * week_total_;
    while (amount > regular_weight(from)) {
        amount -= regular_weight(from);
        spent += regular_weight(from);
        ++from;
    }
    return from;
}

std::int64_t DayTable::backward_regular(std::int64_t from, std::int64_t amount,
                                        std::int64_t& spent) const noexcept {
    const std::int64_t weeks = (amount - 1) / week_total_;
    from -= 7 * weeks;
    spent += weeks * week_total_;
    amount -= weeks * week_total_;
    while (amount > regular_weight(from)) {
        amount -= regular_weight(from);
        spent += regular_weight(from);
        --from;
    }
    return from;
}

}  // namespace ticketflow::detail
