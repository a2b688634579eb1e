#include <gtest/gtest.h>

#include "sla/calendar_test_support.hpp"

namespace ticketflow::sla {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

WorkingInterval hours(int open, int close) {
    return WorkingInterval{std::chrono::hours{open}, std::chrono::hours{close}};
}

/// The error reading `text` as a calendar gives.
Error refusal(const std::string& text) {
    const auto read = from_json_checked<Calendar>(json::parse(text));
    EXPECT_FALSE(read) << text;
    return read ? Error{} : read.error();
}

TEST(calendar_json, reads_the_documented_format) {
    const auto cal = testing_support::calendar(testing_support::shanghai_office);
    const auto& spec = cal.spec();
    EXPECT_EQ(spec.time_zone, "Asia/Shanghai");
    EXPECT_EQ(spec.hours(Weekday::monday),
              (WorkingHours{hours(9, 12), {std::chrono::minutes{13 * 60 + 30}, 18h}}));
    EXPECT_TRUE(spec.hours(Weekday::saturday).empty());
    ASSERT_EQ(spec.holidays.size(), 1U);
    EXPECT_EQ(spec.holidays[0], (Holiday{Date{2024, 10, 1}, Date{2024, 10, 7}, "国庆节"}));
    ASSERT_EQ(spec.working_days.size(), 2U);
    EXPECT_EQ(spec.working_days[0].date, (Date{2024, 9, 29}));
    EXPECT_EQ(spec.working_days[0].hours, spec.hours(Weekday::monday));  // "like": "mon"
}

TEST(calendar_json, reads_every_form_of_holiday) {
    const auto cal = testing_support::calendar(R"({"week": {"mon": [["09:00", "17:00"]]},
        "holidays": ["2024-01-01", {"date": "2024-05-01", "name": "Labour Day"},
                     {"from": "2024-10-01", "to": "2024-10-07"}, {"from": "2024-12-25"}]})");
    EXPECT_EQ(cal.spec().holidays,
              (std::vector<Holiday>{{Date{2024, 1, 1}, Date{2024, 1, 1}, ""},
                                    {Date{2024, 5, 1}, Date{2024, 5, 1}, "Labour Day"},
                                    {Date{2024, 10, 1}, Date{2024, 10, 7}, ""},
                                    {Date{2024, 12, 25}, Date{2024, 12, 25}, ""}}));
}

TEST(calendar_json, writes_what_it_reads) {
    const auto cal = testing_support::calendar(R"({"time_zone": "Europe/Berlin",
        "week": {"mon": [["09:00", "12:00"], ["13:00", "17:30:30"]], "sat": [["10:00", "24:00"]]},
        "holidays": ["2024-12-25", {"from": "2024-12-30", "to": "2024-12-31", "name": "Ende"}],
        "working_days": [{"date": "2024-12-28", "hours": [["09:00", "12:00"]]}]})");
    const json written = cal;
    EXPECT_EQ(written, json::parse(R"({"time_zone": "Europe/Berlin",
        "week": {"mon": [["09:00", "12:00"], ["13:00", "17:30:30"]], "tue": [], "wed": [],
                 "thu": [], "fri": [], "sat": [["10:00", "24:00"]], "sun": []},
        "holidays": ["2024-12-25", {"from": "2024-12-30", "to": "2024-12-31", "name": "Ende"}],
        "working_days": [{"date": "2024-12-28", "hours": [["09:00", "12:00"]]}]})"));
    EXPECT_EQ(written.get<Calendar>(), cal);
}

TEST(calendar_json, ignores_unknown_fields) {
    const auto cal = testing_support::calendar(
        R"({"week": {"mon": [["09:00", "17:00"]]}, "comment": "head office", "version": 7})");
    EXPECT_EQ(cal.spec().hours(Weekday::monday), WorkingHours{hours(9, 17)});
}

TEST(calendar_json, names_the_field_of_every_refusal) {
    const std::string mon = R"({"week": {"mon": )";
    const std::pair<std::string, std::string> cases[] = {
        {mon + R"([["09:00", "12:00"], ["11:00", "13:00"]]}})", "week.mon[1]"},  // overlap
        {mon + R"([["13:30", "18:00"], ["09:00", "12:00"]]}})", "week.mon[1]"},  // unordered
        {mon + R"([["18:00", "09:00"]]}})", "week.mon[0]"},                      // backwards
        {mon + R"([["09:00", "09:00"]]}})", "week.mon[0]"},                      // empty
        {mon + R"([["09:00", "25:00"]]}})", "week.mon[0][1]"},                   // no such time
        {mon + R"([["24:00", "24:00"]]}})", "week.mon[0][0]"},                   // 24:00 opening
        {mon + R"([["9:00", "17:00"]]}})", "week.mon[0][0]"},                    // one digit
        {mon + R"([["09:00"]]}})", "week.mon[0]"},                               // one time
        {mon + R"("09:00-17:00"}})", "week.mon"},                                // not a list
        {R"({"week": {"monday": [["09:00", "17:00"]]}})", "week.monday"},        // misspelt day
        {R"({"week": {}})", "week"},                                             // never open
        {R"({"week": [["09:00", "17:00"]]})", "week"},                           // not an object
        {R"({"time_zone": "Mars/Olympus_Mons", "week": {"mon": [["09:00", "17:00"]]}})",
         "time_zone"},
        {R"({"time_zone": 8, "week": {"mon": [["09:00", "17:00"]]}})", "time_zone"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": ["2024-02-30"]})", "holidays[0]"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": [20241001]})", "holidays[0]"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": [{"to": "2024-10-07"}]})", "holidays[0]"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": ["2024-01-01", {"from": "2024-10-07",
            "to": "2024-10-01"}]})",
         "holidays[1].to"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": [{"from": "1300-01-01"}]})",
         "holidays[0].from"},
        {mon + R"([["09:00", "17:00"]]}, "holidays": [{"date": "2024-10-01", "name": 1}]})",
         "holidays[0].name"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"hours": [["09:00", "17:00"]]}]})",
         "working_days[0].date"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"date": "2024-09-29"}]})",
         "working_days[0].hours"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"date": "2024-09-29", "hours": []}]})",
         "working_days[0].hours"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"date": "2024-09-29",
            "hours": [["09:00", "12:00"], ["11:00", "13:00"]]}]})",
         "working_days[0].hours[1]"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"date": "2024-09-29",
            "like": "someday"}]})",
         "working_days[0].like"},
        {mon + R"([["09:00", "17:00"]]}, "working_days": [{"date": "2024-09-29", "like": "mon"},
            {"date": "2024-09-29", "like": "mon"}]})",
         "working_days[1].date"},
        {"[1, 2]", ""},
    };
    for (const auto& [text, field] : cases) {
        const Error error = refusal(text);
        EXPECT_EQ(error.code, ErrorCode::validation_failed) << text;
        EXPECT_EQ(error.field, field) << text << "\n" << error.message;
    }
}

TEST(calendar_json, explains_what_is_wrong) {
    EXPECT_EQ(refusal(R"({"week": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}})").message,
              "week.mon[1]: 11:00-13:00 starts before the previous interval ends at 12:00 "
              "(intervals must be in ascending order and must not overlap)");
    EXPECT_EQ(refusal(R"({"week": {"fri": [["22:00", "02:00"]]}})").message,
              "week.fri[0]: 22:00-02:00 ends before it starts (an interval cannot cross midnight: "
              "end it at 24:00 and start the next day at 00:00)");
    EXPECT_EQ(refusal(R"({"week": {"sun": [["09:00", "25:00"]]}})").message,
              "week.sun[0][1]: '25:00' is not a time of day (HH:MM or HH:MM:SS, up to 24:00)");
}

TEST(calendar_json, throws_the_error_when_read_with_get) {
    try {
        (void)json::parse(R"({"week": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}})")
            .get<Calendar>();
        FAIL() << "expected ticketflow::Exception";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error().field, "week.mon[1]");
    }
}

TEST(calendar_make, checks_a_spec_built_in_code) {
    CalendarSpec spec;
    spec.time_zone = "Asia/Shanghai";
    spec.hours(Weekday::monday) = {hours(9, 12), hours(13, 18)};
    spec.holidays.push_back({Date{2024, 10, 1}, Date{2024, 9, 30}, ""});
    const auto made = Calendar::make(spec);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().field, "holidays[0].to");
    spec.holidays.clear();
    spec.hours(Weekday::tuesday) = {hours(9, 25)};
    EXPECT_EQ(Calendar::make(spec).error().field, "week.tue[0]");
    spec.hours(Weekday::tuesday) = {};
    spec.holidays.push_back({Date{2024, 1, 1}, Date{2035, 1, 1}, "eleven years"});
    EXPECT_EQ(Calendar::make(spec).error().field, "holidays[0].to");
}

const char* const ics_text =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//example//holidays//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:national-day-2024\r\n"
    "DTSTART;VALUE=DATE:20241001\r\n"
    "DTEND;VALUE=DATE:20241008\r\n"
    "SUMMARY:国庆节\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART;VALUE=DATE:20241225\r\n"
    "SUMMARY:Christmas\\, Day\r\n"
    "BEGIN:VALARM\r\n"
    "TRIGGER:-P1D\r\n"
    "DURATION:PT15M\r\n"
    "END:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTSTART;VALUE=DATE:20240501\r\n"
    "DURATION:P5D\r\n"
    "SUMMARY:Labour \r\n"
    " Day\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(calendar_ics, reads_all_day_events_as_holidays) {
    const auto holidays = holidays_from_ics(ics_text).value();
    EXPECT_EQ(holidays, (std::vector<Holiday>{
                            {Date{2024, 10, 1}, Date{2024, 10, 7}, "国庆节"},  // DTEND exclusive
                            {Date{2024, 12, 25}, Date{2024, 12, 25}, "Christmas, Day"},
                            {Date{2024, 5, 1}, Date{2024, 5, 5}, "Labour Day"},
                        }));
}

TEST(calendar_ics, gives_holidays_a_calendar_can_use) {
    auto spec = testing_support::calendar(testing_support::shanghai_office).spec();
    spec.holidays = holidays_from_ics(ics_text).value();
    const auto cal = Calendar::make(spec).value();
    EXPECT_FALSE(cal.is_business_day(Date{2024, 10, 7}).value());
    EXPECT_FALSE(cal.is_business_day(Date{2024, 12, 25}).value());
    EXPECT_TRUE(cal.is_business_day(Date{2024, 10, 8}).value());
}

// Wraps event lines in a calendar object: the event's lines start at line 2.
std::string in_calendar(const std::string& lines) {
    return "BEGIN:VCALENDAR\n" + lines + "END:VCALENDAR\n";
}

void expect_refused(const std::string& text, const std::string& start) {
    const auto read = holidays_from_ics(text);
    ASSERT_FALSE(read) << text;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(read.error().field, "ics");
    EXPECT_EQ(read.error().message.rfind("ics: " + start, 0), 0U) << read.error().message;
}

TEST(calendar_ics, refuses_what_it_would_have_to_guess) {
    const std::pair<std::string, std::string> cases[] = {
        {in_calendar("BEGIN:VEVENT\nDTSTART:20241001T090000Z\nEND:VEVENT\n"), "line 3: DTSTART"},
        {in_calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241225\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"),
         "line 4: recurring events (RRULE)"},
        {in_calendar("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"), "line 2: VEVENT without DTSTART"},
        {in_calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nDTEND;VALUE=DATE:20241001\n"
                     "END:VEVENT\n"),
         "line 2: the event ends before it starts"},
    };
    for (const auto& [text, start] : cases) expect_refused(text, start);
}

// A file cut short, or one that is not iCalendar at all, would read as "no holidays" and the desk
// would silently work through them: the structure must be whole.
TEST(calendar_ics, refuses_garbage_and_unclosed_components_naming_the_line) {
    const std::pair<std::string, std::string> cases[] = {
        {"", "line 1: expected BEGIN:VCALENDAR"},
        {"<html><body>Not found</body></html>\n", "line 1: not an iCalendar line"},
        {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nEND:VEVENT\n",
         "line 1: expected BEGIN:VCALENDAR"},
        {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\n",
         "line 2: VEVENT without END:VEVENT"},
        {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nEND:VCALENDAR\n",
         "line 2: VEVENT without END:VEVENT"},
        {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nEND:VEVENT\n",
         "line 4: the calendar has no END:VCALENDAR"},
        {in_calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nthis is not a property\n"
                     "END:VEVENT\n"),
         "line 4: not an iCalendar line"},
        {in_calendar("END:VEVENT\n"), "line 2: END:VEVENT does not close BEGIN:VCALENDAR"},
        {in_calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nBEGIN:VALARM\nEND:VEVENT\n"),
         "line 5: END:VEVENT does not close BEGIN:VALARM"},
        {in_calendar("") + "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nEND:VEVENT\n",
         "line 3: text after END:VCALENDAR"},
        // A holiday named in other bytes than UTF-8 could not be written out again.
        {in_calendar("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241001\nSUMMARY:Lab\xffour\n"
                     "END:VEVENT\n"),
         "line 4: not valid UTF-8 text"},
    };
    for (const auto& [text, start] : cases) expect_refused(text, start);
    // A whole calendar without events is a calendar without holidays, said explicitly.
    EXPECT_TRUE(holidays_from_ics("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n\r\n")
                    .value()
                    .empty());
}

}  // namespace
}  // namespace ticketflow::sla
