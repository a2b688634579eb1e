#pragma once
/// \file
/// Time zones: the local dates in ticket numbers and the wall clock of business calendars.

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

/// A stretch of time during which a zone's offset from UTC stays the same: [begin, end).
struct OffsetPeriod {
    Timestamp begin = Timestamp::min();  ///< Timestamp::min() when unbounded
    Timestamp end = Timestamp::max();  ///< first instant after it; Timestamp::max() when unbounded
    std::chrono::seconds offset{0};    ///< east of UTC: +08:00 is 28800

    friend bool operator==(const OffsetPeriod& a, const OffsetPeriod& b) {
        return a.begin == b.begin && a.end == b.end && a.offset == b.offset;
    }
};

namespace detail {
class ZoneRules;
}

/// A time zone: UTC, a fixed offset, an IANA zone read from the system's zoneinfo
/// (`/usr/share/zoneinfo`) with its daylight-saving rules, or a POSIX TZ rule string such as
/// `"CST-8"` or `"EST5EDT,M3.2.0,M11.1.0"` (see docs/sla.md, "Time zones").
///
///     auto shanghai = TimeZone::locate("Asia/Shanghai").value();
///     LocalDateTime local = shanghai.to_local(clock.now());
class TimeZone {
  public:
    /// UTC; also what a default-constructed TimeZone is.
    TimeZone();
    static TimeZone utc() { return TimeZone{}; }
    /// A constant offset east of UTC, e.g. `TimeZone::fixed(std::chrono::hours{8}).value()`.
    /// Offsets outside −12:00…+14:00 (the world's zones) are a validation error naming field
    /// "time_zone".
    static Result<TimeZone> fixed(std::chrono::minutes offset_east);
    /// An IANA zone such as "Asia/Shanghai" or "Europe/Berlin"; "UTC", "+08:00" and POSIX TZ
    /// strings ("CST-8", "CET-1CEST,M3.5.0,M10.5.0/3"; POSIX signs: positive is west of UTC) are
    /// accepted too. IANA names are tried first. An unknown name, or an offset outside
    /// −12:00…+14:00, is a validation error naming field "time_zone".
    static Result<TimeZone> locate(std::string_view name);

    /// The name it was created with ("UTC", "Asia/Shanghai", "+08:00").
    const std::string& name() const noexcept;
    /// The local wall-clock reading at `t`.
    LocalDateTime to_local(Timestamp t) const;
    /// The offset east of UTC in force at `t`.
    std::chrono::seconds offset_at(Timestamp t) const;
    /// The period of constant offset that contains `t`.
    OffsetPeriod period_at(Timestamp t) const;
    /// The instant at which the wall clock reads `local`. Fields are counts, so 24:00:00 is the
    /// next midnight. A reading that never happens (skipped by a jump forward) gives the instant of
    /// the jump; one that happens twice (clocks set back) gives the earlier. So later readings
    /// never give earlier instants, which business calendars rely on.
    Timestamp to_utc(const LocalDateTime& local) const;

    friend bool operator==(const TimeZone& a, const TimeZone& b) { return a.name() == b.name(); }

  private:
    explicit TimeZone(std::shared_ptr<const detail::ZoneRules> rules);
    std::shared_ptr<const detail::ZoneRules> rules_;
};

}  // namespace ticketflow
