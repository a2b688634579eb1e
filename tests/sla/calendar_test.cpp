#include <gtest/gtest.h>

#include <ticketflow/sla/calendar_time.hpp>

#include "sla/calendar_test_support.hpp"

namespace ticketflow::sla {
namespace {

using namespace std::chrono_literals;
using testing_support::calendar;
using testing_support::local;
using testing_support::shanghai_office;
using testing_support::wall;

class shanghai_calendar : public testing::Test {
  protected:
    Calendar cal = calendar(shanghai_office);
    Timestamp at(const std::string& text) const { return local(cal, text); }
    std::string show(Timestamp t) const { return wall(cal, t); }
};

TEST(calendar, is_open_around_the_clock_in_utc_by_default) {
    const Calendar always;
    EXPECT_EQ(always.time_zone(), TimeZone::utc());
    const Timestamp t = parse_iso8601("2024-12-25T03:00:00Z").value();
    EXPECT_TRUE(always.is_open(t).value());
    EXPECT_EQ(always.add(t, 36h).value(), t + 36h);
    EXPECT_EQ(always.elapsed(t, t + 1000h).value(), 1000h);
    EXPECT_EQ(always.add_days(t, 3).value(), t + 72h);
}

TEST_F(shanghai_calendar, is_open_inside_working_hours_only) {
    EXPECT_TRUE(
        cal.is_open(at("2024-09-30 09:00")).value());  // opening instant belongs to the interval
    EXPECT_TRUE(cal.is_open(at("2024-09-30 11:59:59")).value());
    EXPECT_FALSE(cal.is_open(at("2024-09-30 12:00")).value());  // closing instant does not
    EXPECT_FALSE(cal.is_open(at("2024-09-30 13:00")).value());  // lunch
    EXPECT_TRUE(cal.is_open(at("2024-09-30 13:30")).value());
    EXPECT_FALSE(cal.is_open(at("2024-09-30 18:00")).value());
    EXPECT_FALSE(cal.is_open(at("2024-09-28 10:00")).value());  // Saturday
}

TEST_F(shanghai_calendar, counts_a_working_day_without_the_lunch_break) {
    EXPECT_EQ(cal.elapsed(at("2024-09-30 00:00"), at("2024-10-01 00:00")).value(), 7h + 30min);
    EXPECT_EQ(cal.elapsed(at("2024-09-30 11:00"), at("2024-09-30 14:00")).value(), 1h + 30min);
    EXPECT_EQ(show(cal.add(at("2024-09-30 11:30"), 1h).value()), "2024-09-30 14:00:00");
    EXPECT_EQ(show(cal.subtract(at("2024-09-30 14:00"), 1h).value()), "2024-09-30 11:30:00");
}

TEST_F(shanghai_calendar, ends_at_the_closing_time_when_the_duration_runs_out_there) {
    EXPECT_EQ(show(cal.add(at("2024-09-30 11:00"), 1h).value()), "2024-09-30 12:00:00");
    EXPECT_EQ(show(cal.add(at("2024-09-30 09:00"), 7h + 30min).value()), "2024-09-30 18:00:00");
    EXPECT_FALSE(cal.is_open(cal.add(at("2024-09-30 09:00"), 7h + 30min).value()).value());
    // One second more belongs to the next working day.
    EXPECT_EQ(show(cal.add(at("2024-09-30 09:00"), 7h + 30min + 1s).value()),
              "2024-10-08 09:00:01");
}

TEST_F(shanghai_calendar, subtracting_ends_at_the_opening_time_when_the_duration_runs_out_there) {
    EXPECT_EQ(show(cal.subtract(at("2024-09-30 14:30"), 1h).value()), "2024-09-30 13:30:00");
    EXPECT_EQ(show(cal.subtract(at("2024-10-08 10:00"), 1h).value()), "2024-10-08 09:00:00");
    EXPECT_EQ(show(cal.subtract(at("2024-10-08 10:00"), 1h + 1s).value()), "2024-09-30 17:59:59");
}

TEST_F(shanghai_calendar, adding_zero_moves_to_the_next_opening) {
    EXPECT_EQ(show(cal.add(at("2024-09-30 10:15"), 0s).value()), "2024-09-30 10:15:00");
    EXPECT_EQ(show(cal.add(at("2024-09-30 12:00"), 0s).value()), "2024-09-30 13:30:00");
    EXPECT_EQ(show(cal.add(at("2024-09-30 18:00"), 0s).value()), "2024-10-08 09:00:00");
    EXPECT_EQ(cal.add(at("2024-09-30 18:00"), 0s).value(),
              cal.next_open(at("2024-09-30 18:00")).value());
}

TEST_F(shanghai_calendar, subtracting_zero_moves_back_to_the_last_closing) {
    EXPECT_EQ(show(cal.subtract(at("2024-09-30 10:15"), 0s).value()), "2024-09-30 10:15:00");
    EXPECT_EQ(show(cal.subtract(at("2024-09-30 12:00"), 0s).value()), "2024-09-30 12:00:00");
    EXPECT_EQ(show(cal.subtract(at("2024-09-30 13:00"), 0s).value()), "2024-09-30 12:00:00");
    // At an opening no business time has run up to the instant yet.
    EXPECT_EQ(show(cal.subtract(at("2024-10-08 09:00"), 0s).value()), "2024-09-30 18:00:00");
    EXPECT_EQ(cal.subtract(at("2024-10-08 09:00"), 0s).value(),
              cal.last_close(at("2024-10-08 09:00")).value());
}

TEST_F(shanghai_calendar, negative_durations_go_the_other_way) {
    EXPECT_EQ(cal.add(at("2024-09-30 14:00"), -1h).value(),
              cal.subtract(at("2024-09-30 14:00"), 1h).value());
    EXPECT_EQ(cal.subtract(at("2024-09-30 11:30"), -1h).value(),
              cal.add(at("2024-09-30 11:30"), 1h).value());
}

TEST_F(shanghai_calendar, elapsed_is_negative_when_the_end_comes_first) {
    const auto a = at("2024-09-30 10:00");
    const auto b = at("2024-10-08 10:00");
    EXPECT_EQ(cal.elapsed(a, b).value(), 6h + 30min + 1h);
    EXPECT_EQ(cal.elapsed(b, a).value(), -(6h + 30min + 1h));
    EXPECT_EQ(cal.elapsed(a, a).value(), 0s);
}

TEST_F(shanghai_calendar, skips_every_day_of_a_holiday_range) {
    for (int day = 1; day <= 7; ++day) {
        EXPECT_FALSE(cal.is_business_day(Date{2024, 10, static_cast<unsigned>(day)}).value())
            << day;
    }
    EXPECT_EQ(cal.elapsed(at("2024-09-30 18:00"), at("2024-10-08 09:00")).value(), 0s);
    EXPECT_EQ(show(cal.next_open(at("2024-10-01 09:00")).value()), "2024-10-08 09:00:00");
    EXPECT_EQ(show(cal.last_close(at("2024-10-07 23:00")).value()), "2024-09-30 18:00:00");
}

TEST_F(shanghai_calendar, works_adjusted_working_days_on_weekends) {
    EXPECT_TRUE(cal.is_business_day(Date{2024, 9, 29}).value());  // Sunday
    EXPECT_TRUE(cal.is_open(at("2024-09-29 10:00")).value());
    EXPECT_FALSE(cal.is_open(at("2024-10-13 10:00")).value());  // the Sunday after is off again
    EXPECT_EQ(show(cal.add(at("2024-09-27 17:00"), 2h).value()), "2024-09-29 10:00:00");
    EXPECT_EQ(cal.hours_on(Date{2024, 10, 12}).value(), cal.hours_on(Date{2024, 9, 30}).value());
}

TEST(calendar, lets_a_working_day_override_a_holiday_with_its_own_hours) {
    const auto cal = calendar(R"({"week": {"mon": [["09:00", "17:00"]]},
        "holidays": [{"from": "2024-12-23", "to": "2024-12-31"}],
        "working_days": [{"date": "2024-12-30", "hours": [["10:00", "12:00"]]}]})");
    EXPECT_FALSE(cal.is_business_day(Date{2024, 12, 23}).value());
    EXPECT_EQ(cal.hours_on(Date{2024, 12, 30}).value(),
              (WorkingHours{{std::chrono::hours{10}, std::chrono::hours{12}}}));
    EXPECT_EQ(cal.elapsed(local(cal, "2024-12-16 00:00"), local(cal, "2025-01-13 00:00")).value(),
              8h + 2h + 8h);
}

TEST(calendar, merges_touching_intervals_and_allows_24_00_as_an_end) {
    const auto cal = calendar(R"({"week": {"fri": [["08:00", "12:00"], ["12:00", "24:00"]],
                                           "sat": [["00:00", "02:00"]]}})");
    EXPECT_EQ(cal.hours_on(Date{2024, 5, 3}).value(),
              (WorkingHours{{std::chrono::hours{8}, std::chrono::hours{24}}}));
    // Friday 23:00 plus two hours runs through midnight into Saturday.
    EXPECT_EQ(wall(cal, cal.add(local(cal, "2024-05-03 23:00"), 2h).value()),
              "2024-05-04 01:00:00");
    EXPECT_TRUE(cal.is_open(local(cal, "2024-05-04 00:00")).value());
}

TEST(calendar, is_exact_to_the_microsecond) {
    const auto cal = calendar(R"({"week": {"mon": [["09:00", "17:00"]]}})");
    const Timestamp start = local(cal, "2024-05-06 16:59:59") + std::chrono::microseconds{250'000};
    const Timestamp end = cal.add(start, std::chrono::microseconds{1'000'000}).value();
    EXPECT_EQ(to_iso8601(end), "2024-05-13T09:00:00.250000Z");
    EXPECT_EQ(cal.elapsed(start, end).value(), std::chrono::microseconds{1'000'000});
}

TEST(calendar, moves_by_business_days_keeping_the_time_of_day) {
    const auto cal = calendar(shanghai_office);
    // Friday 27 Sep + 1 business day = the adjusted Sunday; + 2 = Monday; + 3 = after the holiday.
    EXPECT_EQ(wall(cal, cal.add_days(local(cal, "2024-09-27 10:00"), 1).value()),
              "2024-09-29 10:00:00");
    EXPECT_EQ(wall(cal, cal.add_days(local(cal, "2024-09-27 10:00"), 3).value()),
              "2024-10-08 10:00:00");
    // A time of day outside hours rolls to the next opening on (or after) the target day.
    EXPECT_EQ(wall(cal, cal.add_days(local(cal, "2024-09-27 19:00"), 1).value()),
              "2024-09-30 09:00:00");
    EXPECT_EQ(wall(cal, cal.subtract_days(local(cal, "2024-10-08 07:00"), 1).value()),
              "2024-09-29 18:00:00");
    EXPECT_EQ(cal.add_days(local(cal, "2024-09-27 10:00"), -1).value(),
              cal.subtract_days(local(cal, "2024-09-27 10:00"), 1).value());
}

TEST(calendar, crosses_a_year_of_weeks_and_holidays_exactly) {
    const auto cal = calendar(shanghai_office);
    // 2024-01-01 (Monday) to 2025-01-06 (Monday): 53 weeks of five 7.5-hour days, minus the five
    // weekdays of National Day, plus the two adjusted working days.
    const auto from = local(cal, "2024-01-01 00:00");
    const auto to = local(cal, "2025-01-06 00:00");
    const auto expected = (53 * 5 - 5 + 2) * (7h + 30min);
    EXPECT_EQ(cal.elapsed(from, to).value(), expected);
    EXPECT_EQ(cal.add(from, expected).value(), local(cal, "2025-01-03 18:00"));
    EXPECT_EQ(cal.subtract(to, expected).value(), local(cal, "2024-01-01 09:00"));
}

/// An expected failure of calendar arithmetic: an error value, validation_failed on "time".
template <class T>
void expect_time_error(const Result<T>& result) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(result.error().field, "time");
}

TEST(calendar, refuses_instants_outside_the_supported_years) {
    const auto cal = calendar(shanghai_office);
    const Timestamp far = parse_iso8601("9999-12-31T12:00:00Z").value();
    const Timestamp early = parse_iso8601("1200-01-01T00:00:00Z").value();
    expect_time_error(cal.add(far, 1000h));
    expect_time_error(cal.is_open(early));
    expect_time_error(cal.next_open(early));
    expect_time_error(cal.last_close(early));
    expect_time_error(cal.elapsed(early, far));
    expect_time_error(cal.add_days(far, 10));
    expect_time_error(cal.subtract_days(early, 1));
    expect_time_error(cal.add(far, std::chrono::microseconds::max()));
    expect_time_error(cal.add(far, std::chrono::microseconds::min()));
    expect_time_error(cal.subtract(far, std::chrono::microseconds::max()));
    expect_time_error(cal.is_business_day(Date{1399, 12, 31}));
    expect_time_error(cal.hours_on(Date{1399, 12, 31}));
}

TEST(calendar, compares_equal_when_built_from_equal_specs) {
    EXPECT_EQ(calendar(shanghai_office), calendar(shanghai_office));
    EXPECT_NE(calendar(shanghai_office), Calendar{});
}

TEST(calendar_time, gives_sla_clocks_whole_seconds_and_never_less_than_zero) {
    const auto cal = calendar(shanghai_office);
    const CalendarTime office{cal};
    const Timestamp start = local(cal, "2024-09-30 11:59:58") + std::chrono::microseconds{600'000};
    EXPECT_EQ(office.elapsed(start, local(cal, "2024-09-30 13:31")).value(), 61s);  // 1.4 s + 60 s
    EXPECT_EQ(office.elapsed(local(cal, "2024-09-30 13:31"), start).value(), 0s);
    EXPECT_EQ(office.add(local(cal, "2024-09-30 17:00"), 2h).value(),
              local(cal, "2024-10-08 10:00"));
    EXPECT_EQ(office.calendar(), cal);
}

// Business time added past 9999-12-31 (or any duration beyond 2^63 microseconds) is refused, not
// wrapped into some other year: around the clock as in a calendar.
TEST(calendar_time, refuses_to_add_beyond_the_range_of_time_instead_of_wrapping) {
    const CalendarTime always{Calendar{}};
    const AroundTheClock around_the_clock;
    const Timestamp t = parse_iso8601("2024-01-01T00:00:00Z").value();
    const auto to_the_end = std::chrono::duration_cast<std::chrono::seconds>(latest_timestamp - t);
    EXPECT_EQ(around_the_clock.add(t, to_the_end).value(), t + to_the_end);
    for (const BusinessTime* time : {static_cast<const BusinessTime*>(&always),
                                     static_cast<const BusinessTime*>(&around_the_clock)}) {
        for (const auto d : {std::chrono::seconds::max(), std::chrono::seconds::min(),
                             to_the_end + 1s, std::chrono::seconds{INT64_C(9'223'372'036'855)}}) {
            SCOPED_TRACE(d.count());
            expect_time_error(time->add(t, d));
        }
    }
}

TEST(time_of_day, reads_and_writes_hours_minutes_and_seconds) {
    EXPECT_EQ(parse_time_of_day("09:00"), std::chrono::seconds{9 * 3600});
    EXPECT_EQ(parse_time_of_day("13:30:15"), std::chrono::seconds{13 * 3600 + 30 * 60 + 15});
    EXPECT_EQ(parse_time_of_day("24:00"), std::chrono::seconds{86400});
    for (const char* bad : {"24:01", "9:00", "09:60", "09:00:60", "25:00", "09-00", "", "09:00:"}) {
        EXPECT_FALSE(parse_time_of_day(bad)) << bad;
    }
    EXPECT_EQ(format_time_of_day(std::chrono::seconds{9 * 3600}), "09:00");
    EXPECT_EQ(format_time_of_day(std::chrono::seconds{86400}), "24:00");
    EXPECT_EQ(format_time_of_day(std::chrono::seconds{3600 + 1}), "01:00:01");
}

}  // namespace
}  // namespace ticketflow::sla
