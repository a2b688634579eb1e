#pragma once
/// \file
/// A business calendar as the BusinessTime that SLA clocks count in.

#include <chrono>
#include <utility>

#include <ticketflow/sla/business_time.hpp>
#include <ticketflow/sla/calendar.hpp>

namespace ticketflow::sla {

/// Lets TicketClocks count in a calendar's working hours:
///
///     const CalendarTime office{calendar};
///     auto clocks = TicketClocks::start(policy, ticket, now, office);
class CalendarTime final : public BusinessTime {
  public:
    explicit CalendarTime(Calendar calendar) : calendar_(std::move(calendar)) {}

    const Calendar& calendar() const noexcept { return calendar_; }

    /// Calendar::add: ends at a closing time when the duration runs out there; zero moves to the
    /// next opening. Leaving the calendar's range throws (validation_failed, field "time").
    Timestamp add(Timestamp start, BusinessDuration duration) const override {
        return calendar_.add(start, exact_business_duration(duration));
    }
    /// Calendar::elapsed in whole seconds, rounded down, and zero when `to` is not after `from`,
    /// as BusinessTime promises (Calendar::elapsed itself goes negative).
    BusinessDuration elapsed(Timestamp from, Timestamp to) const override {
        if (!(from < to)) return BusinessDuration{0};
        return std::chrono::duration_cast<BusinessDuration>(calendar_.elapsed(from, to));
    }

  private:
    Calendar calendar_;
};

}  // namespace ticketflow::sla
