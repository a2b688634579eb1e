// business_calendar: SLA deadlines counted in business hours — working hours with a lunch break,
// a holiday week, adjusted working days and a time zone — and the conventions at the edges.
#include <cstdio>
#include <iostream>
#include <string>

#include <ticketflow/sla/calendar.hpp>
#include <ticketflow/sla/calendar_json.hpp>
#include <ticketflow/sla/calendar_time.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>

namespace {

using ticketflow::Timestamp;

/// "2024-09-30 17:00" in the calendar's zone.
std::string wall(const ticketflow::sla::Calendar& calendar, Timestamp t) {
    const auto l = calendar.time_zone().to_local(t);
    char text[32];
    std::snprintf(text, sizeof text, "%s %02d:%02d", to_string(l.date).c_str(), l.hour, l.minute);
    return text;
}

bool check(bool ok, const char* what) {
    if (!ok) std::cerr << "unexpected: " << what << '\n';
    return ok;
}

}  // namespace

int main() {
    using namespace std::chrono_literals;
    namespace sla = ticketflow::sla;
    bool ok = true;

    // A Shanghai office: weekdays with a lunch break, the National Day week off, and the two
    // weekend days worked in exchange (调休).
    const auto document = nlohmann::json::parse(R"({
        "time_zone": "Asia/Shanghai",
        "week": {"mon": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "tue": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "wed": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "thu": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "fri": [["09:00", "12:00"], ["13:30", "18:00"]]},
        "holidays": [{"from": "2024-10-01", "to": "2024-10-07", "name": "国庆节"}],
        "working_days": [{"date": "2024-09-29", "like": "mon"},
                         {"date": "2024-10-12", "like": "mon"}]
    })");
    const auto calendar = document.get<sla::Calendar>();  // throws ticketflow::Exception if invalid

    // A ticket opened on Monday 30 September at 17:00: its 4-hour first-response target runs
    // one hour that evening and three after the holiday week.
    const Timestamp opened = ticketflow::parse_iso8601("2024-09-30T17:00:00+08:00").value();
    const Timestamp due = calendar.add(opened, 4h).value();
    std::cout << "due: " << wall(calendar, due) << '\n';      // 2024-10-08 12:00
    const auto used = calendar.elapsed(opened, due).value();  // 4 h of business time
    ok &= check(wall(calendar, due) == "2024-10-08 12:00" && used == 4h, "4 h target");

    // A duration that runs out exactly at a closing time ends there, not at the next opening.
    const Timestamp monday_nine = ticketflow::parse_iso8601("2024-09-30T09:00:00+08:00").value();
    const Timestamp lunch = calendar.add(monday_nine, 3h).value();  // 2024-09-30 12:00, the close
    ok &= check(wall(calendar, lunch) == "2024-09-30 12:00", "ends at the close");
    // Adding zero outside working hours moves to the next opening; subtracting zero moves back to
    // the last close.
    const Timestamp after_lunch = calendar.add(lunch, 0s).value();  // 2024-09-30 13:30
    const Timestamp holiday = ticketflow::parse_iso8601("2024-10-03T10:00:00+08:00").value();
    const Timestamp evening = calendar.subtract(holiday, 0s).value();  // 2024-09-30 18:00
    ok &= check(wall(calendar, after_lunch) == "2024-09-30 13:30", "zero moves to the opening");
    ok &= check(wall(calendar, evening) == "2024-09-30 18:00", "zero moves back to the close");
    // Elapsed time is negative when the end comes first.
    ok &= check(calendar.elapsed(due, opened).value() == -4h, "negative elapsed");

    // Whole business days keep the time of day: three business days after Friday 27 September
    // 10:00 are Sunday 29 (worked), Monday 30 and Tuesday 8 October.
    const Timestamp friday = ticketflow::parse_iso8601("2024-09-27T10:00:00+08:00").value();
    const Timestamp auto_close = calendar.add_days(friday, 3).value();  // 2024-10-08 10:00
    ok &= check(wall(calendar, auto_close) == "2024-10-08 10:00", "business days");

    // SLA clocks count in the calendar through CalendarTime: a high-priority ticket's 1-hour
    // first response, opened at 17:00, is due at 18:00 that day.
    const sla::CalendarTime office{calendar};
    ticketflow::Ticket ticket;
    ticket.priority = ticketflow::Priority::high;
    const auto clocks = sla::TicketClocks::start(sla::Policy::standard(), ticket, opened, office);
    const auto response = clocks.status(sla::Metric::first_response, opened, office);
    ok &= check(response.due && wall(calendar, *response.due) == "2024-09-30 18:00", "clocks");

    // The same rules built in code; mistakes are errors that name the field.
    sla::CalendarSpec spec;
    spec.time_zone = "Europe/Berlin";
    spec.hours(sla::Weekday::monday) = {{9h, 12h}, {11h, 17h}};  // overlapping intervals
    const auto refused = sla::Calendar::make(spec);
    std::cout << "refused: " << refused.error().message << '\n';
    // week.mon[1]: 11:00-17:00 starts before the previous interval ends at 12:00 (…)
    ok &= check(!refused && refused.error().field == "week.mon[1]", "refusal names the field");

    return ok ? 0 : 1;
}
