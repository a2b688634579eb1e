#pragma once
// The reference calendar the business-time tests and the calendar benchmark compare against: the
// spec asked minute by minute, the way a first implementation would. Every interval boundary and
// zone change it is used with falls on a whole minute, so a minute is open or closed throughout.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>

#include <ticketflow/sla/calendar.hpp>

namespace ticketflow::testing_support {

using namespace std::chrono_literals;
using sla::Calendar;
using std::chrono::microseconds;

/// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t{era} * 146097 + doe - 719468;
}

/// The baseline: the same spec, asked minute by minute. Holidays are a set of dates and working
/// days a map, so a minute costs a zone conversion and two lookups.
class MinuteWalk {
  public:
    explicit MinuteWalk(const Calendar& calendar)
        : zone_(calendar.time_zone()), week_(calendar.spec().week) {
        for (const auto& holiday : calendar.spec().holidays) {
            for (auto day =
                     days_from_civil(holiday.from.year, holiday.from.month, holiday.from.day);
                 day <= days_from_civil(holiday.to.year, holiday.to.month, holiday.to.day); ++day) {
                holidays_.insert(day);
            }
        }
        for (const auto& day : calendar.spec().working_days) {
            working_days_[days_from_civil(day.date.year, day.date.month, day.date.day)] = day.hours;
        }
    }

    bool is_open(Timestamp t) const {
        const auto wall = zone_.to_local(t);
        const auto day = days_from_civil(wall.date.year, wall.date.month, wall.date.day);
        const std::chrono::seconds tod{wall.hour * 3600 + wall.minute * 60 + wall.second};
        const sla::WorkingHours* hours = &week_[static_cast<std::size_t>((day % 7 + 10) % 7)];
        if (const auto it = working_days_.find(day); it != working_days_.end()) {
            hours = &it->second;
        } else if (holidays_.count(day) != 0) {
            return false;
        }
        for (const auto& interval : *hours) {
            if (interval.open <= tod && tod < interval.close) return true;
        }
        return false;
    }

    microseconds elapsed(Timestamp from, Timestamp to) const {
        microseconds total{0};
        for (Timestamp t = from; t < to; t += 1min) {
            if (is_open(t)) total += 1min;
        }
        return total;
    }

    /// For whole minutes from a whole minute.
    Timestamp add(Timestamp start, microseconds amount) const {
        Timestamp t = start;
        while (amount > 0s) {
            if (is_open(t)) amount -= 1min;
            t += 1min;
        }
        return t;
    }

  private:
    TimeZone zone_;
    std::array<sla::WorkingHours, 7> week_;
    std::set<std::int64_t> holidays_;
    std::map<std::int64_t, sla::WorkingHours> working_days_;
};

}  // namespace ticketflow::testing_support
