// The calendar in real time. Real time is cut into the zone's periods of constant UTC offset; in
// each, an instant's wall-clock reading is the instant plus the offset, so the local model answers
// for the whole period. A span crosses a period boundary only at a daylight-saving change (twice
// a year), so a year-long span asks the model three times.

#include <algorithm>
#include <limits>

#include <ticketflow/sla/calendar.hpp>

#include "sla/calendar_rules.hpp"

namespace ticketflow::sla {
namespace {

using detail::LocalMicros;
using detail::micros_per_day;
using detail::micros_per_second;
using Duration = Calendar::Duration;

std::int64_t micros(Timestamp t) {
    return t.time_since_epoch().count();
}

Timestamp instant(std::int64_t micros) {
    return Timestamp{std::chrono::microseconds{micros}};
}

/// An instant the calendar answers with: the local model reaches a day past the range of time
/// (for offsets), so an answer there, in the year 10000 UTC, is refused rather than returned.
Timestamp answer(std::int64_t micros) {
    const Timestamp t = instant(micros);
    if (!in_range(t)) detail::out_of_range();
    return t;
}

/// A period of constant offset, in microseconds; an unbounded side is one the calendar's range
/// never reaches.
struct Period {
    std::int64_t begin;
    std::int64_t end;
    std::int64_t offset;
    bool bounded_before;
    bool bounded_after;
};

/// The supported instants, with a day's margin for offsets; the local model checks exactly.
void check_instant(const detail::LocalCalendar& local, std::int64_t at) {
    const std::int64_t day = detail::floor_div(at, micros_per_day);
    if (day < local.first_day() - 1 || day > local.last_day() + 1) detail::out_of_range();
}

Period period_at(const detail::CalendarRules& rules, std::int64_t at) {
    check_instant(rules.local(), at);
    const OffsetPeriod p = rules.zone().period_at(instant(at));
    // Ends beyond the supported range count as unbounded, so that the local model is never asked
    // about them (whatever the offset).
    const std::int64_t first = (rules.local().first_day() + 2) * micros_per_day;
    const std::int64_t last = (rules.local().last_day() - 1) * micros_per_day;
    return Period{micros(p.begin), micros(p.end), p.offset.count() * micros_per_second,
                  p.begin != Timestamp::min() && micros(p.begin) > first,
                  p.end != Timestamp::max() && micros(p.end) < last};
}

/// The period of the instant just before `at`: where business time ran up to `at`.
Period period_before(const detail::CalendarRules& rules, std::int64_t at) {
    check_instant(rules.local(), at);
    return period_at(rules, at - 1);
}

/// More business time than the whole supported range holds is out of range at once, rather than
/// after walking every period up to year 9999.
void check_amount(const detail::LocalCalendar& local, std::chrono::microseconds amount) {
    if (amount.count() / micros_per_day > local.last_day() - local.first_day() + 1) {
        detail::out_of_range();
    }
}

CalendarSpec around_the_clock() {
    CalendarSpec spec;
    for (auto& day : spec.week)
        day = {WorkingInterval{std::chrono::hours{0}, std::chrono::hours{24}}};
    return spec;
}

LocalDateTime wall_clock(std::int64_t day, std::int64_t time_of_day) {
    const std::int64_t seconds = time_of_day / micros_per_second;
    return LocalDateTime{detail::date_of_day(day), static_cast<int>(seconds / 3'600),
                         static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60)};
}

/// The instant whose wall-clock reading is `from`'s time of day on the `count`-th business day
/// after `from`'s local date (before it when `count` < 0).
Timestamp same_time_days_away(const detail::CalendarRules& rules, Timestamp from, int count) {
    const Period p = period_at(rules, micros(from));
    const LocalMicros local = micros(from) + p.offset;
    const std::int64_t day = detail::floor_div(local, micros_per_day);
    const std::int64_t time_of_day = local - day * micros_per_day;
    const std::int64_t target = count > 0 ? rules.local().business_day_after(day, count)
                                          : rules.local().business_day_before(day, -count);
    return rules.zone().to_utc(wall_clock(target, time_of_day)) +
           std::chrono::microseconds{time_of_day % micros_per_second};
}

// The arithmetic behind Calendar's public functions, one each. A walk out of the supported years
// unwinds as detail::OutOfRange, which within_range (below) turns into the error value.

bool is_open_at(const detail::CalendarRules& rules, Timestamp t) {
    const Period p = period_at(rules, micros(t));
    return rules.local().is_open(micros(t) + p.offset);
}

Timestamp next_open_at(const detail::CalendarRules& rules, Timestamp t) {
    std::int64_t at = micros(t);
    for (;;) {
        const Period p = period_at(rules, at);
        const LocalMicros open = rules.local().next_open(at + p.offset);
        if (!p.bounded_after || open < p.end + p.offset) return answer(open - p.offset);
        at = p.end;  // no opening before the offset changes: look again in the next period
    }
}

Timestamp last_close_at(const detail::CalendarRules& rules, Timestamp t) {
    std::int64_t at = micros(t);
    for (;;) {
        const Period p = period_before(rules, at);
        const LocalMicros close = rules.local().last_close(at + p.offset);
        if (!p.bounded_before || close > p.begin + p.offset) return answer(close - p.offset);
        at = p.begin;
    }
}

Timestamp subtract_from(const detail::CalendarRules& rules, Timestamp end, Duration business_time);

Timestamp add_to(const detail::CalendarRules& rules, Timestamp start, Duration business_time) {
    if (business_time < Duration::zero()) {
        if (business_time == Duration::min()) detail::out_of_range();
        return subtract_from(rules, start, -business_time);
    }
    if (business_time == Duration::zero()) return next_open_at(rules, start);
    check_amount(rules.local(), business_time);
    const auto& local = rules.local();
    std::int64_t at = micros(start);
    std::int64_t left = business_time.count();
    for (;;) {
        const Period p = period_at(rules, at);
        if (p.bounded_after) {
            const std::int64_t here =
                local.measure(p.end + p.offset) - local.measure(at + p.offset);
            if (left > here) {
                left -= here;
                at = p.end;
                continue;
            }
        }
        return answer(local.add(at + p.offset, left) - p.offset);
    }
}

Timestamp subtract_from(const detail::CalendarRules& rules, Timestamp end, Duration business_time) {
    if (business_time < Duration::zero()) {
        if (business_time == Duration::min()) detail::out_of_range();
        return add_to(rules, end, -business_time);
    }
    if (business_time == Duration::zero()) return last_close_at(rules, end);
    check_amount(rules.local(), business_time);
    const auto& local = rules.local();
    std::int64_t at = micros(end);
    std::int64_t left = business_time.count();
    for (;;) {
        const Period p = period_before(rules, at);
        if (p.bounded_before) {
            const std::int64_t here =
                local.measure(at + p.offset) - local.measure(p.begin + p.offset);
            if (left > here) {
                left -= here;
                at = p.begin;
                continue;
            }
        }
        return answer(local.subtract(at + p.offset, left) - p.offset);
    }
}

Duration elapsed_between(const detail::CalendarRules& rules, Timestamp from, Timestamp to) {
    if (to < from) return -elapsed_between(rules, to, from);
    const auto& local = rules.local();
    std::int64_t total = 0;
    for (std::int64_t at = micros(from); at < micros(to);) {
        const Period p = period_at(rules, at);
        const std::int64_t stop = p.bounded_after ? std::min(p.end, micros(to)) : micros(to);
        total += local.measure(stop + p.offset) - local.measure(at + p.offset);
        at = stop;
    }
    return Duration{total};
}

Timestamp subtract_days_from(const detail::CalendarRules& rules, Timestamp end, int days);

Timestamp add_days_to(const detail::CalendarRules& rules, Timestamp start, int days) {
    if (days < 0) {
        return subtract_days_from(rules, start, -std::max(days, -std::numeric_limits<int>::max()));
    }
    if (days == 0) return next_open_at(rules, start);
    return next_open_at(rules, same_time_days_away(rules, start, days));
}

Timestamp subtract_days_from(const detail::CalendarRules& rules, Timestamp end, int days) {
    if (days < 0) return add_days_to(rules, end, -std::max(days, -std::numeric_limits<int>::max()));
    if (days == 0) return last_close_at(rules, end);
    return last_close_at(rules, same_time_days_away(rules, end, -days));
}

/// Runs one of the functions above, turning a walk out of the supported years into the error
/// value the public API promises (the model signals it by unwinding: see detail::OutOfRange).
template <class F>
auto within_range(F&& work) -> Result<decltype(work())> {
    try {
        return work();
    } catch (const detail::OutOfRange&) {
        return detail::out_of_range_error();
    }
}

}  // namespace

Calendar::Calendar() : Calendar(detail::build_rules(around_the_clock()).value()) {}

Calendar::Calendar(std::shared_ptr<const detail::CalendarRules> rules) : rules_(std::move(rules)) {}

Result<Calendar> Calendar::make(CalendarSpec spec) {
    auto rules = detail::build_rules(std::move(spec));
    if (!rules) return rules.error();
    return Calendar{std::move(*rules)};
}

const CalendarSpec& Calendar::spec() const noexcept {
    return rules_->spec();
}

const TimeZone& Calendar::time_zone() const noexcept {
    return rules_->zone();
}

Result<bool> Calendar::is_open(Timestamp t) const {
    return within_range([&] { return is_open_at(*rules_, t); });
}

Result<Timestamp> Calendar::next_open(Timestamp t) const {
    return within_range([&] { return next_open_at(*rules_, t); });
}

Result<Timestamp> Calendar::last_close(Timestamp t) const {
    return within_range([&] { return last_close_at(*rules_, t); });
}

Result<Timestamp> Calendar::add(Timestamp start, Duration business_time) const {
    return within_range([&] { return add_to(*rules_, start, business_time); });
}

Result<Timestamp> Calendar::subtract(Timestamp end, Duration business_time) const {
    return within_range([&] { return subtract_from(*rules_, end, business_time); });
}

Result<Calendar::Duration> Calendar::elapsed(Timestamp from, Timestamp to) const {
    return within_range([&] { return elapsed_between(*rules_, from, to); });
}

Result<Timestamp> Calendar::add_days(Timestamp start, int days) const {
    return within_range([&] { return add_days_to(*rules_, start, days); });
}

Result<Timestamp> Calendar::subtract_days(Timestamp end, int days) const {
    return within_range([&] { return subtract_days_from(*rules_, end, days); });
}

// Only the date can be out of range here, so it is checked up front rather than unwound.
Result<bool> Calendar::is_business_day(const Date& local_date) const {
    if (!detail::supported(local_date)) return detail::out_of_range_error();
    return !rules_->local().schedule(detail::day_number(local_date)).closed();
}

Result<WorkingHours> Calendar::hours_on(const Date& local_date) const {
    if (!detail::supported(local_date)) return detail::out_of_range_error();
    return rules_->local().schedule(detail::day_number(local_date)).hours();
}

}  // namespace ticketflow::sla
