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
    /// next opening. Leaving the calendar's range is an error (validation_failed, field "time").
    Result<Timestamp> add(Timestamp start, BusinessDuration duration) const override {
        const auto exact = exact_business_duration(duration);
        if (!exact) return exact.error();
        return calendar_.add(start, *exact);
    }
    /// Calendar::elapsed in whole seconds, rounded down, and zero when `to` is not after `from`,
    /// as BusinessTime promises (Calendar::elapsed itself goes negative).
    Result<BusinessDuration> elapsed(Timestamp from, Timestamp to) const override {
        if (!(from < to)) return BusinessDuration{0};
        const auto exact = calendar_.elapsed(from, to);
        if (!exact) return exact.error();
        return std::chrono::duration_cast<BusinessDuration>(*exact);
    }

  private:
    Calendar calendar_;
};

}  // namespace ticketflow::sla
