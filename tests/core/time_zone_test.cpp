#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include <ticketflow/core/time_zone.hpp>

namespace ticketflow {
namespace {

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

LocalDateTime local(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return LocalDateTime{Date{y, mo, d}, h, mi, s};
}

TimeZone zone(const char* name) {
    return TimeZone::locate(name).value();
}

TEST(time_zone, defaults_to_utc) {
    const TimeZone utc;
    EXPECT_EQ(utc.name(), "UTC");
    EXPECT_EQ(utc, TimeZone::utc());
    EXPECT_EQ(utc.to_local(at("2023-09-30T16:00:00.900000Z")), local(2023, 9, 30, 16, 0, 0));
}

TEST(time_zone, locates_utc_by_name_and_by_designator) {
    EXPECT_EQ(zone("UTC"), TimeZone::utc());
    EXPECT_EQ(zone("Z"), TimeZone::utc());
}

TEST(time_zone, shifts_the_wall_clock_by_a_fixed_offset) {
    const auto beijing_time = TimeZone::fixed(std::chrono::hours{8}).value();
    EXPECT_EQ(beijing_time.name(), "+08:00");
    EXPECT_EQ(beijing_time.to_local(at("2023-09-30T16:00:00Z")), local(2023, 10, 1, 0, 0, 0));
    const auto minus_five_thirty = TimeZone::fixed(std::chrono::minutes{-(5 * 60 + 30)}).value();
    EXPECT_EQ(minus_five_thirty.name(), "-05:30");
    EXPECT_EQ(minus_five_thirty.to_local(at("2024-01-01T02:00:00Z")),
              local(2023, 12, 31, 20, 30, 0));
}

TEST(time_zone, treats_a_zero_fixed_offset_as_utc) {
    EXPECT_EQ(TimeZone::fixed(std::chrono::minutes{0}).value(), TimeZone::utc());
    EXPECT_EQ(zone("+00:00").name(), "UTC");
}

TEST(time_zone, locates_offsets_with_and_without_a_colon) {
    EXPECT_EQ(zone("+08:00").name(), "+08:00");
    EXPECT_EQ(zone("-05:30").name(), "-05:30");
    EXPECT_EQ(zone("-0500").name(), "-05:00");
    EXPECT_EQ(zone("-0500"), TimeZone::fixed(std::chrono::hours{-5}).value());
    EXPECT_EQ(zone("+0545").to_local(at("2024-01-01T00:00:00Z")), local(2024, 1, 1, 5, 45, 0));
}

TEST(time_zone, refuses_malformed_offsets) {
    for (const char* name : {"+8:00", "+08:0", "+08:60", "+19:00", "-19:00", "+08:00:00", "+",
                             "08:00", "+0a:00", "+08-00"}) {
        const auto located = TimeZone::locate(name);
        ASSERT_FALSE(located) << name;
        EXPECT_EQ(located.error().field, "time_zone") << name;
    }
}

// The documented range is the world's: −12:00 (Baker Island) to +14:00 (Kiritimati).
TEST(time_zone, refuses_offsets_outside_minus_12_to_plus_14_hours) {
    EXPECT_EQ(zone("+14:00").offset_at(at("2024-01-01T00:00:00Z")), std::chrono::hours{14});
    EXPECT_EQ(zone("-12:00").offset_at(at("2024-01-01T00:00:00Z")), std::chrono::hours{-12});
    for (const char* name : {"+14:01", "-12:01", "+18:00", "-18:00", "+23:59"}) {
        const auto located = TimeZone::locate(name);
        ASSERT_FALSE(located) << name;
        EXPECT_EQ(located.error().code, ErrorCode::validation_failed) << name;
        EXPECT_EQ(located.error().field, "time_zone") << name;
    }
}

TEST(time_zone, a_fixed_zone_outside_the_range_is_a_validation_error) {
    EXPECT_TRUE(TimeZone::fixed(std::chrono::hours{14}));
    EXPECT_TRUE(TimeZone::fixed(std::chrono::hours{-12}));
    for (const auto offset : {std::chrono::minutes{14 * 60 + 1}, std::chrono::minutes{-12 * 60 - 1},
                              std::chrono::minutes{24 * 60},
                              std::chrono::minutes{std::numeric_limits<std::int64_t>::max()}}) {
        const auto fixed = TimeZone::fixed(offset);
        ASSERT_FALSE(fixed) << offset.count();
        EXPECT_EQ(fixed.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(fixed.error().field, "time_zone");
    }
}

TEST(time_zone, refuses_unknown_names_as_a_validation_error_on_time_zone) {
    for (const char* name : {"Mars/Olympus_Mons", "", "Asia/Shanghai ", "Not a zone"}) {
        const auto located = TimeZone::locate(name);
        ASSERT_FALSE(located) << name;
        EXPECT_EQ(located.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(located.error().field, "time_zone");
        EXPECT_NE(located.error().message.find("'" + std::string(name) + "'"), std::string::npos)
            << located.error().message;
    }
}

TEST(time_zone, keeps_the_name_it_was_located_by) {
    EXPECT_EQ(zone("Asia/Shanghai").name(), "Asia/Shanghai");
    EXPECT_EQ(zone("Asia/Shanghai"), zone("Asia/Shanghai"));
    EXPECT_FALSE(zone("Asia/Shanghai") == zone("Europe/Berlin"));
}

TEST(time_zone, rolls_over_to_the_next_day_at_shanghai_midnight) {
    const auto shanghai = zone("Asia/Shanghai");
    EXPECT_EQ(shanghai.to_local(at("2023-09-30T15:59:59Z")), local(2023, 9, 30, 23, 59, 59));
    EXPECT_EQ(shanghai.to_local(at("2023-09-30T16:00:00Z")), local(2023, 10, 1, 0, 0, 0));
}

TEST(time_zone, follows_new_york_into_daylight_saving_time) {
    // 2024-03-10: at 02:00 EST the clocks jump to 03:00 EDT.
    const auto new_york = zone("America/New_York");
    EXPECT_EQ(new_york.to_local(at("2024-03-10T06:59:59Z")), local(2024, 3, 10, 1, 59, 59));
    EXPECT_EQ(new_york.to_local(at("2024-03-10T07:00:00Z")), local(2024, 3, 10, 3, 0, 0));
}

TEST(time_zone, follows_new_york_out_of_daylight_saving_time) {
    // 2024-11-03: at 02:00 EDT the clocks fall back to 01:00 EST, so 01:xx happens twice.
    const auto new_york = zone("America/New_York");
    EXPECT_EQ(new_york.to_local(at("2024-11-03T05:59:59Z")), local(2024, 11, 3, 1, 59, 59));
    EXPECT_EQ(new_york.to_local(at("2024-11-03T06:00:00Z")), local(2024, 11, 3, 1, 0, 0));
    EXPECT_EQ(new_york.to_local(at("2024-11-04T04:30:00Z")), local(2024, 11, 3, 23, 30, 0));
}

TEST(time_zone, uses_summer_and_winter_offsets_in_berlin) {
    const auto berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.to_local(at("2024-07-01T12:00:00Z")), local(2024, 7, 1, 14, 0, 0));
    EXPECT_EQ(berlin.to_local(at("2024-01-01T12:00:00Z")), local(2024, 1, 1, 13, 0, 0));
}

TEST(time_zone, handles_times_before_the_epoch) {
    EXPECT_EQ(TimeZone::utc().to_local(from_unix_seconds(-1)), local(1969, 12, 31, 23, 59, 59));
}

}  // namespace
}  // namespace ticketflow
