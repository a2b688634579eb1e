#pragma once
/// \file
/// Time zones, for the local dates in ticket numbers (and, later, business calendars).

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// A wall-clock reading in some zone.
struct LocalDateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;

    friend bool operator==(const LocalDateTime& a, const LocalDateTime& b) {
        return a.date == b.date && a.hour == b.hour && a.minute == b.minute && a.second == b.second;
    }
};

namespace detail {
class ZoneRules;
}

/// A time zone: UTC, a fixed offset, or an IANA zone read from the system's zoneinfo
/// (`/usr/share/zoneinfo`), with its daylight-saving rules.
///
///     auto shanghai = TimeZone::locate("Asia/Shanghai").value();
///     LocalDateTime local = shanghai.to_local(clock.now());
class TimeZone {
  public:
    /// UTC; also what a default-constructed TimeZone is.
    TimeZone();
    static TimeZone utc() { return TimeZone{}; }
    /// A constant offset east of UTC, e.g. `TimeZone::fixed(std::chrono::hours{8})`.
    static TimeZone fixed(std::chrono::minutes offset_east);
    /// An IANA zone such as "Asia/Shanghai" or "Europe/Berlin"; "UTC" and "+08:00" are accepted
    /// too. An unknown name is a validation error naming field "time_zone".
    static Result<TimeZone> locate(std::string_view name);

    /// The name it was created with ("UTC", "Asia/Shanghai", "+08:00").
    const std::string& name() const noexcept;
    /// The local wall-clock reading at `t`.
    LocalDateTime to_local(Timestamp t) const;

    friend bool operator==(const TimeZone& a, const TimeZone& b) { return a.name() == b.name(); }

  private:
    explicit TimeZone(std::shared_ptr<const detail::ZoneRules> rules);
    std::shared_ptr<const detail::ZoneRules> rules_;
};

}  // namespace ticketflow
