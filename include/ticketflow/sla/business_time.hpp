#pragma once
/// \file
/// What SLA clocks need from a calendar: moving forward by business time and measuring it.

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {

/// Throws the error for business-time arithmetic that would leave the range of time:
/// ticketflow::Exception, validation_failed, field "time".
[[noreturn]] inline void leaves_range_of_time(BusinessDuration duration) {
    throw Exception(validation_error("time", "adding " + format_duration(duration) +
                                                 " leaves the range of time (years 1-9999 UTC)"));
}

/// `duration` in microseconds; refused (leaves_range_of_time) when it is longer than the whole
/// range of time, so the conversion itself can never overflow.
inline std::chrono::microseconds exact_business_duration(BusinessDuration duration) {
    // Compared in seconds: a huge duration would overflow on its way to microseconds.
    constexpr auto span =
        std::chrono::duration_cast<BusinessDuration>(latest_timestamp - earliest_timestamp);
    if (duration > span || duration < -span) leaves_range_of_time(duration);
    return duration;
}

/// Business-time arithmetic. A business calendar implements it; `AroundTheClock` is the 24×7 one.
class BusinessTime {
  public:
    virtual ~BusinessTime() = default;
    /// The instant `duration` of business time after `start`. An answer outside the range of time
    /// (see `Timestamp`) is refused with ticketflow::Exception (validation_failed, field "time").
    virtual Timestamp add(Timestamp start, BusinessDuration duration) const = 0;
    /// Business time between `from` and `to` (zero when `to` is not after `from`).
    virtual BusinessDuration elapsed(Timestamp from, Timestamp to) const = 0;
};

/// Every second counts: for policies without a calendar.
class AroundTheClock final : public BusinessTime {
  public:
    /// `start + duration`, checked: leaving the range of time throws ticketflow::Exception
    /// (validation_failed, field "time") rather than wrapping, as calendars do.
    Timestamp add(Timestamp start, BusinessDuration duration) const override {
        const auto sum = checked_add(start, exact_business_duration(duration));
        if (!sum) leaves_range_of_time(duration);
        return *sum;
    }
    BusinessDuration elapsed(Timestamp from, Timestamp to) const override {
        return to > from ? std::chrono::duration_cast<BusinessDuration>(to - from)
                         : BusinessDuration{0};
    }
};

}  // namespace ticketflow::sla
