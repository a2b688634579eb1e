#pragma once
/// \file
/// Business calendars: working hours per weekday, holidays, special working days and a time zone.
/// Business time is added, subtracted and measured exactly (to the microsecond, the resolution of
/// Timestamp), and a span of months costs about what a span of hours costs. Conventions and the
/// JSON format: docs/sla.md.

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/core/time_zone.hpp>

namespace ticketflow::sla {

/// Days of the week, Monday first (ISO 8601). Their names are the JSON keys "mon" … "sun".
enum class Weekday : std::uint8_t {
    monday,
    tuesday,
    wednesday,
    thursday,
    friday,
    saturday,
    sunday
};

/// Working time on one day, in wall-clock time after local midnight: [open, close). `close` may be
/// 24:00 (the end of the day); an interval never crosses midnight.
struct WorkingInterval {
    std::chrono::seconds open{0};
    std::chrono::seconds close{0};

    friend bool operator==(const WorkingInterval& a, const WorkingInterval& b) {
        return a.open == b.open && a.close == b.close;
    }
    friend bool operator!=(const WorkingInterval& a, const WorkingInterval& b) { return !(a == b); }
};

/// A day's working intervals, ascending and not overlapping (09:00–12:00, 13:30–18:00).
using WorkingHours = std::vector<WorkingInterval>;

/// Days without working hours, `from` to `to` inclusive; a single day has `from == to`.
struct Holiday {
    Date from;
    Date to;
    std::string name;  ///< optional, e.g. "国庆节"

    friend bool operator==(const Holiday& a, const Holiday& b) {
        return a.from == b.from && a.to == b.to && a.name == b.name;
    }
};

/// A date that works `hours` whatever its weekday and the holidays say: an adjusted working day
/// (调休) on a weekend, or a shortened day.
struct WorkingDay {
    Date date;
    WorkingHours hours;

    friend bool operator==(const WorkingDay& a, const WorkingDay& b) {
        return a.date == b.date && a.hours == b.hours;
    }
};

/// What a calendar is made of; `Calendar::make` checks it and JSON describes it.
struct CalendarSpec {
    std::string time_zone = "UTC";     ///< anything TimeZone::locate accepts
    std::array<WorkingHours, 7> week;  ///< indexed by Weekday: [0] Monday … [6] Sunday
    std::vector<Holiday> holidays;
    std::vector<WorkingDay> working_days;  ///< override weekends and holidays

    WorkingHours& hours(Weekday day) { return week[static_cast<std::size_t>(day)]; }
    const WorkingHours& hours(Weekday day) const { return week[static_cast<std::size_t>(day)]; }

    friend bool operator==(const CalendarSpec& a, const CalendarSpec& b) {
        return a.time_zone == b.time_zone && a.week == b.week && a.holidays == b.holidays &&
               a.working_days == b.working_days;
    }
};

}  // namespace ticketflow::sla

namespace ticketflow::detail {
class CalendarRules;
}  // namespace ticketflow::detail

namespace ticketflow::sla {

/// Answers "how much business time lies between two instants" and "when is this much business
/// time used up", for one schedule in one time zone. Immutable and cheap to copy; safe to share
/// between threads.
///
///     auto calendar = Calendar::make(spec).value();
///     Result<Timestamp> due = calendar.add(opened_at, std::chrono::hours{4});
///     auto used = calendar.elapsed(opened_at, now);  // business time, never counting nights
///
/// Conventions (docs/sla.md): an instant is open when its local wall-clock reading lies in an
/// interval of its local date; `add` ends at a closing time when the duration runs out exactly
/// there; adding zero moves to the next opening; `elapsed(b, a) == -elapsed(a, b)`. Instants,
/// dates and answers must lie in local years 1400–9999 (and answers in the range of time): the
/// functions that take or give them return Result, whose error is validation_failed, field
/// "time".
class Calendar {
  public:
    using Duration = std::chrono::microseconds;

    /// Open around the clock, in UTC: business time is elapsed time.
    Calendar();
    /// Checks `spec`; errors are validation_failed and name the field ("week.mon[1]",
    /// "holidays[2].to", "time_zone").
    static Result<Calendar> make(CalendarSpec spec);

    const CalendarSpec& spec() const noexcept;
    const TimeZone& time_zone() const noexcept;

    /// True when the wall clock at `t` reads a time inside that day's working hours.
    Result<bool> is_open(Timestamp t) const;
    /// `t` when open, else the next opening.
    Result<Timestamp> next_open(Timestamp t) const;
    /// `t` when business time ran up to it (inside working hours or exactly at a closing time),
    /// else the last closing time before it.
    Result<Timestamp> last_close(Timestamp t) const;

    /// The earliest instant by which `business_time` has elapsed since `start`; it is a closing
    /// time when the duration runs out exactly there. Zero gives next_open(start); a negative
    /// duration subtracts.
    Result<Timestamp> add(Timestamp start, Duration business_time) const;
    /// The latest instant from which `business_time` elapses until `end`; it is an opening time
    /// when the duration runs out exactly there. Zero gives last_close(end).
    Result<Timestamp> subtract(Timestamp end, Duration business_time) const;
    /// Business time in [from, to); negative when `to` is before `from`.
    Result<Duration> elapsed(Timestamp from, Timestamp to) const;

    /// `days` business days later: the same wall-clock time on the days-th business day after
    /// `start`'s local date, then next_open (zendesk/biz's rule). A business day is a date with
    /// working hours.
    Result<Timestamp> add_days(Timestamp start, int days) const;
    /// `days` business days earlier: the same wall-clock time, then last_close.
    Result<Timestamp> subtract_days(Timestamp end, int days) const;
    /// True when `local_date` has working hours.
    Result<bool> is_business_day(const Date& local_date) const;
    /// The working hours of `local_date`, holidays and working days applied (touching intervals
    /// merged).
    Result<WorkingHours> hours_on(const Date& local_date) const;

    friend bool operator==(const Calendar& a, const Calendar& b) { return a.spec() == b.spec(); }
    friend bool operator!=(const Calendar& a, const Calendar& b) { return !(a == b); }

  private:
    explicit Calendar(std::shared_ptr<const detail::CalendarRules> rules);
    std::shared_ptr<const detail::CalendarRules> rules_;
};

/// "09:00", "13:30:15" or "24:00" as a time after midnight; nothing for anything else.
std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text);
/// "09:00", or "13:30:15" when there are seconds.
std::string format_time_of_day(std::chrono::seconds time);

/// The all-day events (VEVENT with DTSTART;VALUE=DATE) of an iCalendar text as holidays: DTEND is
/// exclusive, as RFC 5545 says, and SUMMARY becomes the name. Timed and recurring events, and a
/// text that is not one whole VCALENDAR (garbage lines, a missing END:VEVENT or END:VCALENDAR),
/// are refused (validation_failed, field "ics", message naming the line) rather than guessed at.
Result<std::vector<Holiday>> holidays_from_ics(std::string_view text);

}  // namespace ticketflow::sla

namespace ticketflow {
template <>
struct EnumNames<sla::Weekday> {
    static constexpr std::array<std::string_view, 7> names{"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};
};
}  // namespace ticketflow
