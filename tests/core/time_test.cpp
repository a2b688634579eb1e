#include <gtest/gtest.h>

#include <ticketflow/core/time.hpp>

namespace ticketflow {
namespace {

using std::chrono::microseconds;

// 2023-10-01T00:00:00Z
constexpr std::int64_t october_first_2023 = 1696118400;

TEST(iso8601, formats_whole_seconds_without_a_fraction) {
    EXPECT_EQ(to_iso8601(from_unix_seconds(october_first_2023 + 8 * 3600 + 30 * 60)),
              "2023-10-01T08:30:00Z");
}

TEST(iso8601, formats_microseconds_only_when_present) {
    const auto t = from_unix_seconds(october_first_2023);
    EXPECT_EQ(to_iso8601(t + microseconds{250000}), "2023-10-01T00:00:00.250000Z");
    EXPECT_EQ(to_iso8601(t + microseconds{1}), "2023-10-01T00:00:00.000001Z");
}

TEST(iso8601, formats_the_epoch_and_times_before_it) {
    EXPECT_EQ(to_iso8601(Timestamp{}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(to_iso8601(from_unix_seconds(-1)), "1969-12-31T23:59:59Z");
    EXPECT_EQ(to_iso8601(Timestamp{microseconds{-1}}), "1969-12-31T23:59:59.999999Z");
}

TEST(iso8601, parses_the_utc_designator) {
    EXPECT_EQ(parse_iso8601("2023-10-01T08:30:00Z"),
              from_unix_seconds(october_first_2023 + 8 * 3600 + 30 * 60));
}

TEST(iso8601, applies_an_offset_with_a_colon) {
    EXPECT_EQ(parse_iso8601("2023-10-01T16:30:00+08:00"), parse_iso8601("2023-10-01T08:30:00Z"));
    EXPECT_EQ(parse_iso8601("2023-10-01T00:30:00+08:00"), parse_iso8601("2023-09-30T16:30:00Z"));
}

TEST(iso8601, applies_an_offset_without_a_colon) {
    EXPECT_EQ(parse_iso8601("2023-10-01T03:30:00-0500"), parse_iso8601("2023-10-01T08:30:00Z"));
    EXPECT_EQ(parse_iso8601("2023-10-01T14:00:00+0530"), parse_iso8601("2023-10-01T08:30:00Z"));
}

TEST(iso8601, parses_fractions_of_one_to_six_digits) {
    const auto base = from_unix_seconds(october_first_2023);
    EXPECT_EQ(parse_iso8601("2023-10-01T00:00:00.5Z"), base + microseconds{500000});
    EXPECT_EQ(parse_iso8601("2023-10-01T00:00:00.123456Z"), base + microseconds{123456});
    EXPECT_EQ(parse_iso8601("2023-10-01T00:00:00.000001+00:00"), base + microseconds{1});
}

TEST(iso8601, refuses_more_than_six_fraction_digits) {
    EXPECT_FALSE(parse_iso8601("2023-10-01T00:00:00.1234567Z"));
}

TEST(iso8601, refuses_local_times_without_an_offset) {
    EXPECT_FALSE(parse_iso8601("2023-10-01T08:30:00"));
    EXPECT_FALSE(parse_iso8601("2023-10-01T08:30:00.250"));
}

TEST(iso8601, refuses_out_of_range_fields) {
    for (const char* text : {"2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z", "2023-10-32T00:00:00Z",
                             "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2023-10-01T24:00:00Z",
                             "2023-10-01T23:60:00Z", "2023-10-01T23:59:60Z",
                             "2023-10-01T08:30:00+24:00", "2023-10-01T08:30:00+08:60"}) {
        EXPECT_FALSE(parse_iso8601(text)) << text;
    }
}

TEST(iso8601, refuses_garbage) {
    for (const char* text :
         {"", "hello", "2023-10-01", "2023-10-01 08:30:00Z", "2023-10-01T08:30Z",
          "2023-10-01T08:30:00Zjunk", "2023-10-01T08:30:00.Z", "2023-10-01T8:30:00Z",
          "23-10-01T08:30:00Z", "2023-10-01T08:30:00+8:00", "2023-10-01T08:30:00+08",
          "2023-10-01T08:30:00z", " 2023-10-01T08:30:00Z", "2023-1a-01T08:30:00Z"}) {
        EXPECT_FALSE(parse_iso8601(text)) << text;
    }
}

TEST(iso8601, accepts_a_leap_day) {
    const auto t = parse_iso8601("2024-02-29T12:00:00Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(to_iso8601(*t), "2024-02-29T12:00:00Z");
}

TEST(iso8601, round_trips_what_it_formats) {
    for (const auto t :
         {Timestamp{}, from_unix_seconds(october_first_2023) + microseconds{987654},
          from_unix_seconds(-86400 * 365) + microseconds{3}, from_unix_seconds(253402300799)}) {
        const auto text = to_iso8601(t);
        EXPECT_EQ(parse_iso8601(text), t) << text;
    }
}

TEST(time_range, bounds_are_the_first_and_last_instants_of_four_digit_years) {
    EXPECT_EQ(to_iso8601(earliest_timestamp), "0001-01-01T00:00:00Z");
    EXPECT_EQ(to_iso8601(latest_timestamp), "9999-12-31T23:59:59.999999Z");
    EXPECT_TRUE(in_range(earliest_timestamp) && in_range(latest_timestamp));
    EXPECT_FALSE(in_range(earliest_timestamp - microseconds{1}));
    EXPECT_FALSE(in_range(latest_timestamp + microseconds{1}));
    EXPECT_FALSE(in_range(Timestamp::min()) || in_range(Timestamp::max()));
}

TEST(time_range, parsing_refuses_an_offset_that_pushes_an_instant_out_of_range) {
    // The year 10000 in UTC, though the text's own year has four digits.
    EXPECT_FALSE(parse_iso8601("9999-12-31T23:00:00-05:00"));
    EXPECT_FALSE(parse_iso8601("0001-01-01T00:30:00+01:00"));
    EXPECT_FALSE(parse_iso8601("0000-06-01T00:00:00Z"));
    EXPECT_EQ(parse_iso8601("9999-12-31T23:59:59.999999Z"), latest_timestamp);
    EXPECT_EQ(parse_iso8601("0001-01-01T01:00:00+01:00"), earliest_timestamp);
}

TEST(time_range, formatting_clamps_so_that_the_text_always_reads_back) {
    for (const Timestamp t : {Timestamp::min(), Timestamp::max()}) {
        EXPECT_TRUE(parse_iso8601(to_iso8601(t))) << to_iso8601(t);
    }
}

TEST(time_range, checked_add_refuses_to_leave_the_range_or_overflow) {
    const auto t = from_unix_seconds(october_first_2023);
    EXPECT_EQ(checked_add(t, microseconds{5}), t + microseconds{5});
    EXPECT_EQ(checked_add(latest_timestamp, microseconds{0}), latest_timestamp);
    EXPECT_FALSE(checked_add(latest_timestamp, microseconds{1}));
    EXPECT_FALSE(checked_add(earliest_timestamp, microseconds{-1}));
    EXPECT_FALSE(checked_add(t, microseconds::max()));
    EXPECT_FALSE(checked_add(t, microseconds::min()));
    EXPECT_FALSE(checked_add(Timestamp::max(), microseconds{-1}));
}

TEST(date, holds_only_the_years_1_to_9999) {
    EXPECT_TRUE((Date{1, 1, 1}.valid()) && (Date{9999, 12, 31}.valid()));
    EXPECT_FALSE((Date{0, 12, 31}.valid()));
    EXPECT_FALSE((Date{-44, 3, 15}.valid()));
    EXPECT_FALSE((Date{10000, 1, 1}.valid()));
    EXPECT_FALSE(parse_date("0000-01-01"));
}

TEST(date, knows_which_days_exist) {
    EXPECT_TRUE((Date{2024, 2, 29}.valid()));
    EXPECT_TRUE((Date{2000, 2, 29}.valid()));
    EXPECT_TRUE((Date{2023, 12, 31}.valid()));
    EXPECT_FALSE((Date{2023, 2, 29}.valid()));
    EXPECT_FALSE((Date{2100, 2, 29}.valid()));
    EXPECT_FALSE((Date{2023, 4, 31}.valid()));
    EXPECT_FALSE((Date{2023, 0, 1}.valid()));
    EXPECT_FALSE((Date{2023, 13, 1}.valid()));
    EXPECT_FALSE((Date{2023, 1, 0}.valid()));
    EXPECT_FALSE((Date{2023, 1, 32}.valid()));
}

TEST(date, refuses_values_that_would_wrap_around_a_byte) {
    EXPECT_FALSE((Date{2023, 257, 1}.valid()));
    EXPECT_FALSE((Date{2023, 1, 257}.valid()));
    EXPECT_FALSE((Date{1000000, 1, 1}.valid()));
}

TEST(date, prints_zero_padded) {
    EXPECT_EQ(to_string(Date{2024, 5, 1}), "2024-05-01");
    EXPECT_EQ(to_string(Date{987, 1, 2}), "0987-01-02");
}

TEST(date, parses_what_it_prints) {
    EXPECT_EQ(parse_date("2024-05-01"), (Date{2024, 5, 1}));
    EXPECT_EQ(parse_date("0987-01-02"), (Date{987, 1, 2}));
    EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
}

TEST(date, refuses_impossible_or_malformed_dates) {
    for (const char* text :
         {"", "2024-5-1", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
          "2024-05-01T00:00:00Z", "2024-05-01 ", "abcd-ef-gh", "2024/05/01", "20240501"}) {
        EXPECT_FALSE(parse_date(text)) << text;
    }
}

TEST(date, orders_by_year_then_month_then_day) {
    EXPECT_LT((Date{2023, 12, 31}), (Date{2024, 1, 1}));
    EXPECT_LT((Date{2024, 1, 31}), (Date{2024, 2, 1}));
    EXPECT_LT((Date{2024, 2, 1}), (Date{2024, 2, 2}));
    EXPECT_FALSE((Date{2024, 2, 2}) < (Date{2024, 2, 2}));
}

}  // namespace
}  // namespace ticketflow
