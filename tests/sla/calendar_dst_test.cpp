// Daylight-saving changes: business time is real elapsed time while the wall clock reads working
// hours, so a day loses or gains the hour the clocks skip or repeat inside its working hours.

#include <gtest/gtest.h>

#include "sla/calendar_test_support.hpp"

namespace ticketflow::sla {
namespace {

using namespace std::chrono_literals;
using testing_support::calendar;
using testing_support::local;
using testing_support::wall;

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

std::string every_day(const char* zone, const char* open, const char* close) {
    std::string text = std::string(R"({"time_zone": ")") + zone + R"(", "week": {)";
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
        text += std::string(day == std::string("mon") ? "" : ", ") + "\"" + day + "\": [[\"" +
                open + "\", \"" + close + "\"]]";
    }
    text += "}}";
    return text;
}

TEST(calendar_dst, berlin_days_last_23_and_25_hours_when_open_around_the_clock) {
    const auto cal = calendar(every_day("Europe/Berlin", "00:00", "24:00"));
    EXPECT_EQ(cal.elapsed(local(cal, "2024-03-31 00:00"), local(cal, "2024-04-01 00:00")).value(),
              23h);
    EXPECT_EQ(cal.elapsed(local(cal, "2024-10-27 00:00"), local(cal, "2024-10-28 00:00")).value(),
              25h);
    EXPECT_EQ(cal.elapsed(local(cal, "2024-01-01 00:00"), local(cal, "2025-01-01 00:00")).value(),
              366 * 24h);
    // 24 business hours from Saturday noon are 24 real hours: Sunday 13:00 summer time.
    EXPECT_EQ(wall(cal, cal.add(local(cal, "2024-03-30 12:00"), 24h).value()),
              "2024-03-31 13:00:00");
    EXPECT_EQ(wall(cal, cal.subtract(local(cal, "2024-10-27 12:00"), 24h).value()),
              "2024-10-26 13:00:00");
}

TEST(calendar_dst, berlin_loses_the_skipped_hour_inside_working_hours) {
    // Sundays 01:00-05:00 on the wall clock. On 2024-03-31 the clock jumps from 02:00 to 03:00.
    const auto cal =
        calendar(R"({"time_zone": "Europe/Berlin", "week": {"sun": [["01:00", "05:00"]]}})");
    EXPECT_EQ(cal.elapsed(local(cal, "2024-03-31 00:00"), local(cal, "2024-03-31 23:00")).value(),
              3h);
    // The first hour runs out at 02:00 CET, the very instant the clock shows 03:00 CEST.
    const Timestamp one_hour = cal.add(local(cal, "2024-03-31 00:00"), 1h).value();
    EXPECT_EQ(one_hour, at("2024-03-31T01:00:00Z"));
    EXPECT_EQ(wall(cal, cal.add(local(cal, "2024-03-31 00:00"), 1h + 1s).value()),
              "2024-03-31 03:00:01");
    EXPECT_EQ(wall(cal, cal.add(local(cal, "2024-03-31 00:00"), 3h).value()),
              "2024-03-31 05:00:00");
    EXPECT_EQ(cal.subtract(local(cal, "2024-03-31 05:00"), 2h).value(), at("2024-03-31T01:00:00Z"));
    EXPECT_TRUE(cal.is_open(at("2024-03-31T00:59:59Z")).value());
    EXPECT_TRUE(cal.is_open(at("2024-03-31T01:00:00Z")).value());
}

TEST(calendar_dst, berlin_counts_the_repeated_hour_twice) {
    // On 2024-10-27 the clock goes back from 03:00 CEST to 02:00 CET: 01:00-05:00 lasts 5 hours.
    const auto cal =
        calendar(R"({"time_zone": "Europe/Berlin", "week": {"sun": [["01:00", "05:00"]]}})");
    EXPECT_EQ(cal.elapsed(local(cal, "2024-10-27 00:00"), local(cal, "2024-10-27 23:00")).value(),
              5h);
    EXPECT_EQ(cal.add(local(cal, "2024-10-27 00:00"), 2h).value(), at("2024-10-27T01:00:00Z"));
    EXPECT_EQ(cal.add(local(cal, "2024-10-27 00:00"), 5h).value(), at("2024-10-27T04:00:00Z"));
    EXPECT_EQ(cal.subtract(local(cal, "2024-10-27 06:00"), 5h).value(), at("2024-10-26T23:00:00Z"));
}

TEST(calendar_dst, an_interval_inside_the_skipped_hour_never_opens) {
    const auto cal =
        calendar(R"({"time_zone": "Europe/Berlin", "week": {"sun": [["02:15", "02:45"]]}})");
    EXPECT_EQ(cal.elapsed(local(cal, "2024-03-31 00:00"), local(cal, "2024-04-01 00:00")).value(),
              0s);
    EXPECT_EQ(wall(cal, cal.next_open(local(cal, "2024-03-31 00:00")).value()),
              "2024-04-07 02:15:00");
    // …and one inside the repeated hour opens twice.
    EXPECT_EQ(cal.elapsed(local(cal, "2024-10-27 00:00"), local(cal, "2024-10-28 00:00")).value(),
              1h);
    EXPECT_EQ(cal.add(local(cal, "2024-10-27 00:00"), 30min).value(), at("2024-10-27T00:45:00Z"));
    EXPECT_EQ(cal.add(local(cal, "2024-10-27 00:00"), 31min).value(), at("2024-10-27T01:16:00Z"));
}

TEST(calendar_dst, new_york_office_hours_are_not_disturbed_by_a_night_change) {
    // Monday to Friday 09:00-17:00; the clocks change on Sunday 2024-03-10 at 02:00.
    const auto cal = calendar(R"({"time_zone": "America/New_York", "week": {
        "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
        "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}})");
    const Timestamp friday = local(cal, "2024-03-08 16:00");
    EXPECT_EQ(friday, at("2024-03-08T21:00:00Z"));  // EST
    const Timestamp due = cal.add(friday, 2h).value();
    EXPECT_EQ(due, at("2024-03-11T14:00:00Z"));  // Monday 10:00 EDT
    EXPECT_EQ(cal.elapsed(friday, due).value(), 2h);
    EXPECT_EQ(cal.elapsed(local(cal, "2024-03-04 00:00"), local(cal, "2024-03-18 00:00")).value(),
              80h);
    EXPECT_EQ(cal.elapsed(local(cal, "2024-10-28 00:00"), local(cal, "2024-11-11 00:00")).value(),
              80h);
    EXPECT_EQ(wall(cal, cal.add_days(local(cal, "2024-11-01 16:00"), 1).value()),
              "2024-11-04 16:00:00");
}

TEST(calendar_dst, new_york_posix_rules_give_the_same_answers_as_the_iana_zone) {
    const std::string week = R"("week": {"sun": [["00:00", "03:30"]], "mon": [["09:00", "17:00"]],
                                          "sat": [["01:00", "24:00"]]})";
    const auto iana = calendar(R"({"time_zone": "America/New_York", )" + week + "}");
    const auto posix = calendar(R"({"time_zone": "EST5EDT,M3.2.0,M11.1.0", )" + week + "}");
    for (const char* start :
         {"2024-03-09T12:00:00Z", "2024-03-10T06:30:00Z", "2024-11-02T23:00:00Z",
          "2024-11-03T05:59:59Z", "2024-06-01T00:00:00Z"}) {
        for (const auto amount : {1h, 5h, 30h, 200h}) {
            EXPECT_EQ(iana.add(at(start), amount).value(), posix.add(at(start), amount).value())
                << start;
            EXPECT_EQ(iana.subtract(at(start), amount).value(),
                      posix.subtract(at(start), amount).value())
                << start;
            EXPECT_EQ(iana.elapsed(at(start), at(start) + amount * 3).value(),
                      posix.elapsed(at(start), at(start) + amount * 3).value())
                << start;
        }
    }
}

TEST(calendar_dst, keeps_daylight_saving_after_2037) {
    const auto cal = calendar(every_day("Europe/Berlin", "00:00", "24:00"));
    EXPECT_EQ(cal.elapsed(local(cal, "2040-03-25 00:00"), local(cal, "2040-03-26 00:00")).value(),
              23h);
    EXPECT_EQ(cal.elapsed(local(cal, "2040-10-28 00:00"), local(cal, "2040-10-29 00:00")).value(),
              25h);
}

}  // namespace
}  // namespace ticketflow::sla
