#pragma once
/// \file
/// Points in time and calendar dates.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ticketflow {

/// A point in time (UTC), to the microsecond — the resolution Python's `datetime` keeps.
///
/// **The range of time.** Every timestamp ticketflow accepts, stores or computes lies between
/// `earliest_timestamp` (0001-01-01T00:00:00Z) and `latest_timestamp`
/// (9999-12-31T23:59:59.999999Z): the years ISO 8601 writes with four digits, which every store,
/// JSON document and Python `datetime` can hold. Values outside it are refused where they enter
/// (intake, commands, clocks, JSON, Python) with `validation_failed`, so nothing stored is ever
/// unreadable. See docs/json.md.
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

/// The first instant of the range: 0001-01-01T00:00:00Z.
inline constexpr Timestamp earliest_timestamp{std::chrono::microseconds{-62'135'596'800'000'000}};
/// The last instant of the range: 9999-12-31T23:59:59.999999Z.
inline constexpr Timestamp latest_timestamp{std::chrono::microseconds{253'402'300'799'999'999}};

/// True when `t` lies in the range of time (see `Timestamp`).
constexpr bool in_range(Timestamp t) noexcept {
    return t >= earliest_timestamp && t <= latest_timestamp;
}

/// `t + d`, or nothing when the sum leaves the range of time (no overflow on the way).
constexpr std::optional<Timestamp> checked_add(Timestamp t, std::chrono::microseconds d) noexcept {
    if (!in_range(t)) return std::nullopt;
    // Both bounds are far from the int64 limits, so comparing against the distance left is exact.
    if (d.count() > 0 && d > latest_timestamp - t) return std::nullopt;
    if (d.count() < 0 && d < earliest_timestamp - t) return std::nullopt;
    return t + d;
}

/// Builds a Timestamp from seconds since 1970-01-01T00:00:00Z.
constexpr Timestamp from_unix_seconds(std::int64_t seconds) {
    return Timestamp{std::chrono::seconds{seconds}};
}

/// Formats as ISO 8601 in UTC: `2023-10-01T08:30:00Z`, or `…:00.250000Z` when there are fractions.
/// `t` must be in the range of time (checked where values enter); outside it, the text is clamped
/// to the nearest bound so that it can always be read back.
std::string to_iso8601(Timestamp t);

/// Parses ISO 8601 with an explicit offset (`Z`, `+08:00`); local times without an offset are
/// refused, and so are instants outside the range of time (`9999-12-31T23:00:00-05:00` is in the
/// year 10000 in UTC).
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// Parses a duration such as `90s`, `15m`, `4h`, `7d`, `1h30m` or `1d4h` (units d, h, m, s, each at
/// most once, largest first); `0` and `0s` are zero. Anything else is refused, and so is a duration
/// longer than the whole range of time (about 3.65 million days).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
/// Formats a duration the way parse_duration reads it, largest units first: `1h30m`, `7d`, `0s`;
/// negative durations get a leading `-`.
std::string format_duration(std::chrono::seconds duration);

/// A civil calendar date (proleptic Gregorian), e.g. a purchase date or warranty end.
struct Date {
    int year = 1970;
    unsigned month = 1;  ///< 1–12
    unsigned day = 1;    ///< 1–31

    /// True when the date exists (no 30 February) and lies in the years 1–9999, the range of time
    /// (see `Timestamp`).
    bool valid() const noexcept;

    friend bool operator==(const Date& a, const Date& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
    friend bool operator<(const Date& a, const Date& b) {
        if (a.year != b.year) return a.year < b.year;
        if (a.month != b.month) return a.month < b.month;
        return a.day < b.day;
    }
};

/// `2024-05-01`.
std::string to_string(const Date& d);
/// Parses `YYYY-MM-DD`; an impossible date is refused.
std::optional<Date> parse_date(std::string_view text);

}  // namespace ticketflow
