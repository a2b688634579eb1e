#pragma once
// The rules behind a TimeZone. Private to the compiled library: the IANA rules use the `date`
// library and the POSIX rules Boost.Date_Time, neither of which may reach a public header.

#include <memory>
#include <string>
#include <string_view>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time_zone.hpp>

namespace ticketflow::detail {

/// One way of knowing a zone's offset from UTC at any instant.
class ZoneRules {
  public:
    explicit ZoneRules(std::string name) : name_(std::move(name)) {}
    virtual ~ZoneRules() = default;
    ZoneRules(const ZoneRules&) = delete;
    ZoneRules& operator=(const ZoneRules&) = delete;

    const std::string& name() const noexcept { return name_; }
    /// The period of constant offset that contains `t`.
    virtual OffsetPeriod period_at(Timestamp t) const = 0;

  private:
    std::string name_;
};

using ZoneRulesPtr = std::shared_ptr<const ZoneRules>;

/// Always `offset` east of UTC.
ZoneRulesPtr fixed_zone_rules(std::string name, std::chrono::seconds offset);

/// An IANA zone of the system's tz database; nullptr when the database does not know `name`.
ZoneRulesPtr iana_zone_rules(std::string_view name);

/// True when `spec` is shaped like a POSIX TZ string (a zone name, then an offset), so that a
/// failure to read it deserves its own message rather than "unknown zone".
bool looks_like_posix_tz(std::string_view spec);

/// A POSIX TZ rule string such as "CST-8" or "EST5EDT,M3.2.0,M11.1.0", named `name`; a malformed
/// string is a validation error on field "time_zone".
Result<ZoneRulesPtr> posix_zone_rules(std::string name, std::string_view spec);

/// Clamps whole seconds since the epoch into Timestamp's range; the tz database marks unbounded
/// periods with years like ±32767, which would overflow microseconds.
Timestamp clamp_to_timestamp(std::int64_t seconds_since_epoch);

}  // namespace ticketflow::detail
