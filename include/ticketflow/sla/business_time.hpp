#pragma once
/// \file
/// What SLA clocks need from a calendar: moving forward by business time and measuring it.

#include <chrono>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {

/// Builds (never throws) the error value for business-time arithmetic that would leave the range
/// of time: a validation error naming field "time", for BusinessTime::add to return.
inline Error leaves_range_of_time(BusinessDuration duration) {
    return validation_error("time", "adding " + format_duration(duration) +
                                        " leaves the range of time (years 1-9999 UTC)");
}

/// `duration` in microseconds; refused (leaves_range_of_time) when it is longer than the whole
/// range of time, so the conversion itself can never overflow.
inline Result<std::chrono::microseconds> exact_business_duration(BusinessDuration duration) {
    // Compared in seconds: a huge duration would overflow on its way to microseconds.
    constexpr auto span =
        std::chrono::duration_cast<BusinessDuration>(latest_timestamp - earliest_timestamp);
    if (duration > span || duration < -span) return leaves_range_of_time(duration);
    return std::chrono::microseconds{duration};
}

/// Business-time arithmetic. A business calendar implements it; `AroundTheClock` is the 24×7 one.
class BusinessTime {
  public:
    virtual ~BusinessTime() = default;
    /// The instant `duration` of business time after `start`. An answer outside the range of time
    /// (see `Timestamp`) or the calendar's years is an error (validation_failed, field "time").
    virtual Result<Timestamp> add(Timestamp start, BusinessDuration duration) const = 0;
    /// Business time between `from` and `to` (zero when `to` is not after `from`); an instant
    /// the calendar cannot place is an error (validation_failed, field "time").
    virtual Result<BusinessDuration> elapsed(Timestamp from, Timestamp to) const = 0;
};

/// Every second counts: for policies without a calendar.
class AroundTheClock final : public BusinessTime {
  public:
    /// `start + duration`, checked: leaving the range of time is an error (validation_failed,
    /// field "time") rather than wrapping, as calendars do.
    Result<Timestamp> add(Timestamp start, BusinessDuration duration) const override {
        const auto exact = exact_business_duration(duration);
        if (!exact) return exact.error();
        const auto sum = checked_add(start, *exact);
        if (!sum) return leaves_range_of_time(duration);
        return *sum;
    }
    /// Never fails: any two timestamps are less than the range of time apart.
    Result<BusinessDuration> elapsed(Timestamp from, Timestamp to) const override {
        return to > from ? std::chrono::duration_cast<BusinessDuration>(to - from)
                         : BusinessDuration{0};
    }
};

}  // namespace ticketflow::sla
