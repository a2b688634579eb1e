// Checking a CalendarSpec and building the model from it. Dates go through Boost.Date_Time's
// Gregorian calendar: validation, weekdays and the days of holiday ranges.

#include <cstdio>
#include <map>
#include <set>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "sla/calendar_rules.hpp"

namespace ticketflow {
namespace detail {
namespace {

namespace greg = boost::gregorian;
using sla::CalendarSpec;
using sla::format_time_of_day;
using sla::Holiday;
using sla::Weekday;
using sla::WorkingDay;
using sla::WorkingHours;
using sla::WorkingInterval;

constexpr std::chrono::seconds day_length{86'400};
/// A holiday range longer than this is surely a typo in a year; each day of a range is stored.
constexpr std::int64_t max_holiday_days = 3'660;

greg::date epoch() {
    return greg::date(1970, 1, 1);
}

std::string indexed(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

/// Why an interval is unacceptable, or "" when it is fine.
std::string interval_problem(const WorkingInterval& interval, const WorkingInterval* previous) {
    const auto open = format_time_of_day(interval.open);
    const auto close = format_time_of_day(interval.close);
    if (interval.open.count() < 0 || interval.open >= day_length) {
        return "opens at " + open + ", which is not a time of day (00:00 to 23:59:59)";
    }
    if (interval.close.count() <= 0 || interval.close > day_length) {
        return "closes at " + close + ", which is not within 00:00:01 to 24:00";
    }
    if (interval.close <= interval.open) {
        return open + "-" + close +
               " ends before it starts (an interval cannot cross midnight: end it at 24:00 and "
               "start the next day at 00:00)";
    }
    if (previous != nullptr && interval.open < previous->close) {
        return open + "-" + close + " starts before the previous interval ends at " +
               format_time_of_day(previous->close) +
               " (intervals must be in ascending order and must not overlap)";
    }
    return "";
}

std::optional<Error> check_hours(const WorkingHours& hours, const std::string& path) {
    for (std::size_t i = 0; i < hours.size(); ++i) {
        const auto problem = interval_problem(hours[i], i > 0 ? &hours[i - 1] : nullptr);
        if (!problem.empty()) return validation_error(indexed(path, i), problem);
    }
    return std::nullopt;
}

std::optional<Error> check_date(const Date& date, const std::string& path) {
    if (!date.valid()) return validation_error(path, to_string(date) + " is not a date");
    if (!supported(date)) {
        return validation_error(path, to_string(date) + " is outside the years 1400 to 9999");
    }
    return std::nullopt;
}

Result<std::array<DaySchedule, 7>> build_week(const CalendarSpec& spec) {
    std::array<DaySchedule, 7> week;
    std::int64_t total = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        const auto path = "week." + std::string(to_string(static_cast<Weekday>(i)));
        if (auto error = check_hours(spec.week[i], path)) return *error;
        week[i] = DaySchedule(spec.week[i]);
        total += week[i].total();
    }
    if (total == 0) {
        return validation_error("week",
                                "no working hours on any weekday (a calendar needs some, or "
                                "add() could never finish)");
    }
    return week;
}

/// Marks every day of every holiday closed.
std::optional<Error> add_holidays(const std::vector<Holiday>& holidays,
                                  std::map<std::int64_t, DaySchedule>& exceptions) {
    for (std::size_t i = 0; i < holidays.size(); ++i) {
        const auto path = indexed("holidays", i);
        const auto& holiday = holidays[i];
        if (auto error = check_date(holiday.from, path + ".from")) return error;
        if (auto error = check_date(holiday.to, path + ".to")) return error;
        const greg::date from(holiday.from.year, holiday.from.month, holiday.from.day);
        const greg::date to(holiday.to.year, holiday.to.month, holiday.to.day);
        if (to < from) return validation_error(path + ".to", "is before 'from'");
        if ((to - from).days() >= max_holiday_days) {
            return validation_error(path + ".to", "the range is longer than 10 years");
        }
        for (greg::day_iterator day(from); day <= to; ++day) {
            exceptions[(*day - epoch()).days()] = DaySchedule{};
        }
    }
    return std::nullopt;
}

/// Working days replace whatever the holidays said about their date.
std::optional<Error> add_working_days(const std::vector<WorkingDay>& days,
                                      std::map<std::int64_t, DaySchedule>& exceptions) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto path = indexed("working_days", i);
        if (auto error = check_date(days[i].date, path + ".date")) return error;
        if (days[i].hours.empty()) {
            return validation_error(path + ".hours",
                                    "is empty (a day without working hours is a holiday)");
        }
        if (auto error = check_hours(days[i].hours, path + ".hours")) return error;
        const auto day = day_number(days[i].date);
        if (!seen.insert(day).second) {
            return validation_error(path + ".date",
                                    to_string(days[i].date) + " is listed as a working day twice");
        }
        exceptions[day] = DaySchedule(days[i].hours);
    }
    return std::nullopt;
}

}  // namespace

std::int64_t day_number(const Date& date) {
    return (greg::date(date.year, date.month, date.day) - epoch()).days();
}

Date date_of_day(std::int64_t day) {
    const greg::date date = epoch() + greg::days(day);
    return Date{date.year(), date.month(), date.day()};
}

int epoch_weekday() {
    // Boost counts from Sunday = 0; ISO from Monday = 0.
    return (epoch().day_of_week().as_number() + 6) % 7;
}

std::int64_t first_supported_day() {
    return (greg::date(1400, 1, 1) - epoch()).days();
}

std::int64_t last_supported_day() {
    return (greg::date(9999, 12, 31) - epoch()).days();
}

bool supported(const Date& date) {
    return date.valid() && date.year >= 1400 && date.year <= 9999;
}

Result<std::shared_ptr<const CalendarRules>> build_rules(sla::CalendarSpec spec) {
    auto zone = TimeZone::locate(spec.time_zone);
    if (!zone) return zone.error();
    auto week = build_week(spec);
    if (!week) return week.error();
    std::map<std::int64_t, DaySchedule> exceptions;
    if (auto error = add_holidays(spec.holidays, exceptions)) return *error;
    if (auto error = add_working_days(spec.working_days, exceptions)) return *error;
    std::vector<LocalCalendar::Exception> sorted;
    for (auto& [day, schedule] : exceptions) sorted.push_back({day, std::move(schedule)});
    LocalCalendar local(std::move(*week), std::move(sorted), epoch_weekday(), first_supported_day(),
                        last_supported_day());
    return std::make_shared<const CalendarRules>(std::move(spec), std::move(*zone),
                                                 std::move(local));
}

}  // namespace detail

namespace sla {

std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text) {
    const auto two = [&](std::size_t at, int& out) {
        if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') {
            return false;
        }
        out = (text[at] - '0') * 10 + (text[at + 1] - '0');
        return true;
    };
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    if ((text.size() != 5 && text.size() != 8) || text[2] != ':' || !two(0, hours) ||
        !two(3, minutes) || (text.size() == 8 && (text[5] != ':' || !two(6, seconds)))) {
        return std::nullopt;
    }
    const std::chrono::seconds value{hours * 3'600 + minutes * 60 + seconds};
    if (minutes > 59 || seconds > 59 || value > std::chrono::hours{24}) return std::nullopt;
    return value;
}

std::string format_time_of_day(std::chrono::seconds time) {
    const long long total = time.count();
    const long long magnitude = total < 0 ? -total : total;
    char text[40];
    if (magnitude % 60 == 0) {
        std::snprintf(text, sizeof text, "%s%02lld:%02lld", total < 0 ? "-" : "", magnitude / 3'600,
                      magnitude / 60 % 60);
    } else {
        std::snprintf(text, sizeof text, "%s%02lld:%02lld:%02lld", total < 0 ? "-" : "",
                      magnitude / 3'600, magnitude / 60 % 60, magnitude % 60);
    }
    return text;
}

}  // namespace sla
}  // namespace ticketflow
