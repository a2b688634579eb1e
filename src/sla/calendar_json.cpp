#include <ticketflow/sla/calendar_json.hpp>

#include "core/json_reader.hpp"

namespace ticketflow::sla {
namespace {

using nlohmann::json;
using ticketflow::detail::fail;
using ticketflow::detail::got;

constexpr const char* interval_shape = "expected an interval [\"HH:MM\", \"HH:MM\"]";

std::chrono::seconds read_time(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, "expected a time of day such as \"09:00\"" + got(j));
    const auto text = j.get<std::string>();
    const auto time = parse_time_of_day(text);
    if (!time) fail(path, "'" + text + "' is not a time of day (HH:MM or HH:MM:SS, up to 24:00)");
    return *time;
}

WorkingInterval read_interval(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, interval_shape + got(j));
    if (j.size() != 2)
        fail(path, std::string(interval_shape) + ", got " + std::to_string(j.size()) + " items");
    WorkingInterval interval{read_time(j[0], path + "[0]"), read_time(j[1], path + "[1]")};
    if (interval.open == std::chrono::hours{24})
        fail(path + "[0]", "24:00 can only end an interval");
    return interval;
}

WorkingHours read_hours(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, "expected an array of intervals" + got(j));
    WorkingHours hours;
    for (std::size_t i = 0; i < j.size(); ++i) {
        hours.push_back(read_interval(j[i], path + "[" + std::to_string(i) + "]"));
    }
    return hours;
}

void read_week(const json& j, std::array<WorkingHours, 7>& week) {
    if (!j.is_object()) fail("week", "expected an object keyed by mon … sun" + got(j));
    for (const auto& [key, hours] : j.items()) {
        const auto day = parse_enum<Weekday>(key);
        if (!day) {
            fail("week." + key, "unknown weekday (expected mon, tue, wed, thu, fri, sat or sun)");
        }
        week[static_cast<std::size_t>(*day)] = read_hours(hours, "week." + key);
    }
}

Date read_date(const json& j, const std::string& path) {
    Date date;
    ticketflow::detail::read_value(j, path, date);
    return date;
}

/// "2024-10-01", {"date": …, "name": …} or {"from": …, "to": …, "name": …}.
Holiday read_holiday(const json& j, const std::string& path) {
    if (j.is_string()) {
        const Date day = read_date(j, path);
        return Holiday{day, day, ""};
    }
    if (!j.is_object()) fail(path, "expected a date or an object" + got(j));
    Holiday holiday;
    if (j.contains("date")) {
        holiday.from = holiday.to = read_date(j.at("date"), path + ".date");
    } else if (j.contains("from")) {
        holiday.from = read_date(j.at("from"), path + ".from");
        holiday.to = j.contains("to") ? read_date(j.at("to"), path + ".to") : holiday.from;
    } else {
        fail(path, "expected \"date\", or \"from\" and \"to\"");
    }
    ticketflow::detail::Reader(j, path).field("name", holiday.name);
    return holiday;
}

/// {"date": …, "hours": […]} or {"date": …, "like": "mon"}, which takes Monday's hours.
WorkingDay read_working_day(const json& j, const std::string& path,
                            const std::array<WorkingHours, 7>& week) {
    if (!j.is_object()) fail(path, "expected an object with \"date\" and \"hours\"" + got(j));
    if (!j.contains("date")) fail(path + ".date", "is required");
    WorkingDay day{read_date(j.at("date"), path + ".date"), {}};
    if (j.contains("hours")) {
        day.hours = read_hours(j.at("hours"), path + ".hours");
    } else if (j.contains("like")) {
        Weekday like = Weekday::monday;
        ticketflow::detail::read_value(j.at("like"), path + ".like", like);
        day.hours = week[static_cast<std::size_t>(like)];
    } else {
        fail(path + ".hours", "is required (or \"like\": a weekday whose hours to work)");
    }
    return day;
}

template <class T, class Read>
std::vector<T> read_list(const json& j, const std::string& path, Read read) {
    if (!j.is_array()) fail(path, "expected an array" + got(j));
    std::vector<T> items;
    for (std::size_t i = 0; i < j.size(); ++i) {
        items.push_back(read(j[i], path + "[" + std::to_string(i) + "]"));
    }
    return items;
}

json write_hours(const WorkingHours& hours) {
    json list = json::array();
    for (const auto& interval : hours) {
        list.push_back({format_time_of_day(interval.open), format_time_of_day(interval.close)});
    }
    return list;
}

json write_holiday(const Holiday& holiday) {
    if (holiday.from == holiday.to && holiday.name.empty()) return to_string(holiday.from);
    json j = holiday.from == holiday.to
                 ? json{{"date", to_string(holiday.from)}}
                 : json{{"from", to_string(holiday.from)}, {"to", to_string(holiday.to)}};
    if (!holiday.name.empty()) j["name"] = holiday.name;
    return j;
}

}  // namespace

void to_json(json& j, const CalendarSpec& v) {
    j = json::object();
    j["time_zone"] = v.time_zone;
    json week = json::object();
    for (const auto day : all_values<Weekday>()) {
        week[std::string(to_string(day))] = write_hours(v.hours(day));
    }
    j["week"] = std::move(week);
    j["holidays"] = json::array();
    for (const auto& holiday : v.holidays) j["holidays"].push_back(write_holiday(holiday));
    j["working_days"] = json::array();
    for (const auto& day : v.working_days) {
        j["working_days"].push_back(
            {{"date", to_string(day.date)}, {"hours", write_hours(day.hours)}});
    }
}

void from_json(const json& j, CalendarSpec& v) {
    CalendarSpec spec;
    const ticketflow::detail::Reader reader(j, "");
    reader.field("time_zone", spec.time_zone);
    if (j.contains("week")) read_week(j.at("week"), spec.week);
    if (j.contains("holidays")) {
        spec.holidays = read_list<Holiday>(j.at("holidays"), "holidays", read_holiday);
    }
    if (j.contains("working_days")) {
        spec.working_days = read_list<WorkingDay>(
            j.at("working_days"), "working_days", [&](const json& item, const std::string& path) {
                return read_working_day(item, path, spec.week);
            });
    }
    v = std::move(spec);
}

void to_json(json& j, const Calendar& v) {
    to_json(j, v.spec());
}

void from_json(const json& j, Calendar& v) {
    CalendarSpec spec;
    from_json(j, spec);
    v = Calendar::make(std::move(spec)).value();
}

}  // namespace ticketflow::sla
