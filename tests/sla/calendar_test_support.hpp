#pragma once
// Shared by the calendar tests: building calendars from JSON text and reading wall-clock times.

#include <string>

#include <ticketflow/sla/calendar.hpp>
#include <ticketflow/sla/calendar_json.hpp>

namespace ticketflow::sla::testing_support {

/// A calendar from JSON text; fails the test (by throwing) when invalid.
inline Calendar calendar(const std::string& json_text) {
    return nlohmann::json::parse(json_text).get<Calendar>();
}

/// "2024-10-08 09:30" or "2024-10-08 09:30:15", a wall-clock time in the calendar's zone.
inline Timestamp local(const Calendar& calendar, const std::string& text) {
    const auto date = parse_date(text.substr(0, 10)).value();
    const int second = text.size() > 16 ? std::stoi(text.substr(17, 2)) : 0;
    return calendar.time_zone().to_utc(
        LocalDateTime{date, std::stoi(text.substr(11, 2)), std::stoi(text.substr(14, 2)), second});
}

/// The wall-clock reading of `t` in the calendar's zone, "2024-10-08 09:30:00".
inline std::string wall(const Calendar& calendar, Timestamp t) {
    const auto l = calendar.time_zone().to_local(t);
    char text[32];
    std::snprintf(text, sizeof text, "%s %02d:%02d:%02d", to_string(l.date).c_str(), l.hour,
                  l.minute, l.second);
    return text;
}

/// Monday to Friday 09:00–12:00 and 13:30–18:00 in Shanghai, with China's 2024 National Day
/// holiday (10-01 to 10-07) and its adjusted working days (Sunday 09-29, Saturday 10-12).
inline const char* shanghai_office = R"({
    "time_zone": "Asia/Shanghai",
    "week": {"mon": [["09:00", "12:00"], ["13:30", "18:00"]],
             "tue": [["09:00", "12:00"], ["13:30", "18:00"]],
             "wed": [["09:00", "12:00"], ["13:30", "18:00"]],
             "thu": [["09:00", "12:00"], ["13:30", "18:00"]],
             "fri": [["09:00", "12:00"], ["13:30", "18:00"]]},
    "holidays": [{"from": "2024-10-01", "to": "2024-10-07", "name": "国庆节"}],
    "working_days": [{"date": "2024-09-29", "like": "mon"}, {"date": "2024-10-12", "like": "mon"}]
})";

}  // namespace ticketflow::sla::testing_support
