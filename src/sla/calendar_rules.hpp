#pragma once
// What a Calendar shares between its copies: the checked spec, its zone and the local model.

#include <cstdint>

#include <ticketflow/sla/calendar.hpp>

#include "sla/local_calendar.hpp"

namespace ticketflow::detail {

/// Calendar dates as day numbers (days since 1970-01-01), through Boost.Date_Time.
std::int64_t day_number(const Date& date);
Date date_of_day(std::int64_t day);
/// The ISO weekday (Monday = 0) of 1970-01-01.
int epoch_weekday();
/// The supported range of local dates, 1400-01-01 to 9999-12-31 (Boost's Gregorian range).
std::int64_t first_supported_day();
std::int64_t last_supported_day();
bool supported(const Date& date);

/// A checked spec, the zone it names, and the model built from it.
class CalendarRules {
  public:
    CalendarRules(sla::CalendarSpec spec, TimeZone zone, LocalCalendar local)
        : spec_(std::move(spec)), zone_(std::move(zone)), local_(std::move(local)) {}

    const sla::CalendarSpec& spec() const noexcept { return spec_; }
    const TimeZone& zone() const noexcept { return zone_; }
    const LocalCalendar& local() const noexcept { return local_; }

  private:
    sla::CalendarSpec spec_;
    TimeZone zone_;
    LocalCalendar local_;
};

/// Checks `spec` (errors name the field) and builds the model.
Result<std::shared_ptr<const CalendarRules>> build_rules(sla::CalendarSpec spec);

}  // namespace ticketflow::detail
