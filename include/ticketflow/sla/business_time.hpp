#pragma once
/// \file
/// What SLA clocks need from a calendar: moving forward by business time and measuring it.

#include <ticketflow/core/time.hpp>
#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {

/// Business-time arithmetic. A business calendar implements it; `AroundTheClock` is the 24×7 one.
class BusinessTime {
  public:
    virtual ~BusinessTime() = default;
    /// The instant `duration` of business time after `start`.
    virtual Timestamp add(Timestamp start, BusinessDuration duration) const = 0;
    /// Business time between `from` and `to` (zero when `to` is not after `from`).
    virtual BusinessDuration elapsed(Timestamp from, Timestamp to) const = 0;
};

/// Every second counts: for policies without a calendar.
class AroundTheClock final : public BusinessTime {
  public:
    Timestamp add(Timestamp start, BusinessDuration duration) const override {
        return start + duration;
    }
    BusinessDuration elapsed(Timestamp from, Timestamp to) const override {
        return to > from ? std::chrono::duration_cast<BusinessDuration>(to - from)
                         : BusinessDuration{0};
    }
};

}  // namespace ticketflow::sla
