// Offsets over time, wall clock to UTC, and POSIX TZ strings.

#include <gtest/gtest.h>

#include <ticketflow/core/time_zone.hpp>

namespace ticketflow {
namespace {

using namespace std::chrono_literals;

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

LocalDateTime local(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
    return LocalDateTime{Date{y, mo, d}, h, mi, s};
}

TimeZone zone(const char* name) {
    return TimeZone::locate(name).value();
}

TEST(time_zone_to_utc, reads_ordinary_wall_clock_times) {
    EXPECT_EQ(zone("Europe/Berlin").to_utc(local(2024, 7, 1, 12, 0)), at("2024-07-01T10:00:00Z"));
    EXPECT_EQ(zone("Asia/Shanghai").to_utc(local(2024, 10, 1, 0, 0)), at("2024-09-30T16:00:00Z"));
    EXPECT_EQ(TimeZone::utc().to_utc(local(1969, 12, 31, 23, 59, 59)), from_unix_seconds(-1));
    EXPECT_EQ(zone("-05:30").to_utc(local(2024, 1, 1, 0, 0)), at("2024-01-01T05:30:00Z"));
}

TEST(time_zone_to_utc, gives_the_instant_of_the_jump_for_a_skipped_reading) {
    // Berlin 2024-03-31: 02:00 CET becomes 03:00 CEST at 01:00Z; 02:30 never happens.
    EXPECT_EQ(zone("Europe/Berlin").to_utc(local(2024, 3, 31, 2, 30)), at("2024-03-31T01:00:00Z"));
    EXPECT_EQ(zone("Europe/Berlin").to_utc(local(2024, 3, 31, 3, 0)), at("2024-03-31T01:00:00Z"));
    EXPECT_EQ(zone("America/New_York").to_utc(local(2024, 3, 10, 2, 30)),
              at("2024-03-10T07:00:00Z"));
}

TEST(time_zone_to_utc, gives_the_earlier_instant_for_a_repeated_reading) {
    // Berlin 2024-10-27: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:30 happens twice.
    EXPECT_EQ(zone("Europe/Berlin").to_utc(local(2024, 10, 27, 2, 30)), at("2024-10-27T00:30:00Z"));
    EXPECT_EQ(zone("America/New_York").to_utc(local(2024, 11, 3, 1, 30)),
              at("2024-11-03T05:30:00Z"));
}

TEST(time_zone_to_utc, never_gives_an_earlier_instant_for_a_later_reading) {
    const auto berlin = zone("Europe/Berlin");
    for (const unsigned day : {31U, 27U}) {
        const unsigned month = day == 31 ? 3 : 10;
        Timestamp previous = Timestamp::min();
        for (int minute = 0; minute < 6 * 60; ++minute) {
            const Timestamp t = berlin.to_utc(local(2024, month, day, minute / 60, minute % 60));
            EXPECT_GE(t, previous) << month << "-" << day << " minute " << minute;
            previous = t;
        }
    }
}

TEST(time_zone_to_utc, takes_24_00_as_the_next_midnight) {
    EXPECT_EQ(zone("Asia/Shanghai").to_utc(local(2024, 9, 30, 24, 0)), at("2024-09-30T16:00:00Z"));
}

TEST(time_zone_periods, are_unbounded_for_fixed_offsets) {
    const auto period = zone("+08:00").period_at(at("2024-01-01T00:00:00Z"));
    EXPECT_EQ(period, (OffsetPeriod{Timestamp::min(), Timestamp::max(), 8h}));
    EXPECT_EQ(TimeZone::utc().offset_at(at("2024-01-01T00:00:00Z")), 0s);
}

TEST(time_zone_periods, run_from_one_daylight_saving_change_to_the_next) {
    const auto summer = zone("America/New_York").period_at(at("2024-07-01T00:00:00Z"));
    EXPECT_EQ(summer, (OffsetPeriod{at("2024-03-10T07:00:00Z"), at("2024-11-03T06:00:00Z"), -4h}));
    EXPECT_EQ(zone("America/New_York").offset_at(at("2024-12-01T00:00:00Z")), -5h);
}

TEST(time_zone_periods, follow_the_zoneinfo_rule_after_its_last_listed_change) {
    // Debian's zoneinfo files list changes up to 2037; later ones come from the file's POSIX rule.
    const auto berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.period_at(at("2040-07-01T00:00:00Z")),
              (OffsetPeriod{at("2040-03-25T01:00:00Z"), at("2040-10-28T01:00:00Z"), 2h}));
    EXPECT_EQ(berlin.offset_at(at("2040-12-01T00:00:00Z")), 1h);
    EXPECT_EQ(berlin.to_local(at("2039-07-01T10:00:00Z")), local(2039, 7, 1, 12, 0));
}

TEST(posix_time_zone, reads_a_fixed_zone_with_the_posix_sign) {
    // POSIX offsets count hours west of UTC: "CST-8" is eight hours east, China Standard Time.
    const auto china = zone("CST-8");
    EXPECT_EQ(china.name(), "CST-8");
    EXPECT_EQ(china.offset_at(at("2024-07-01T00:00:00Z")), 8h);
    EXPECT_EQ(china.to_local(at("2023-09-30T16:00:00Z")), local(2023, 10, 1, 0, 0));
    EXPECT_EQ(zone("<+0330>-3:30").offset_at(at("2024-07-01T00:00:00Z")), 3h + 30min);
    EXPECT_EQ(zone("UTC0").offset_at(at("2024-07-01T00:00:00Z")), 0s);
}

TEST(posix_time_zone, matches_the_iana_zone_it_describes) {
    const std::pair<const char*, const char*> pairs[] = {
        {"EST5EDT,M3.2.0,M11.1.0", "America/New_York"},
        {"CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Berlin"},
        {"AEST-10AEDT,M10.1.0,M4.1.0/3", "Australia/Sydney"},  // summer across the new year
        {"IST-2IDT,M3.4.4/26,M10.5.0", "Asia/Jerusalem"},      // a rule time past 24:00
    };
    for (const auto& [posix, iana] : pairs) {
        const auto a = zone(posix);
        const auto b = zone(iana);
        for (const char* when :
             {"2024-01-15T12:00:00Z", "2024-03-29T00:30:00Z", "2024-07-01T12:00:00Z",
              "2024-10-27T00:30:00Z", "2024-11-03T05:30:00Z", "2024-12-31T23:00:00Z"}) {
            EXPECT_EQ(a.period_at(at(when)), b.period_at(at(when))) << posix << " at " << when;
        }
    }
}

TEST(posix_time_zone, reads_day_of_year_rules) {
    // "Jn" counts 1-365 without 29 February; "n" counts 0-365 with it.
    const auto julian = zone("AAA-1BBB,J59/2,J300/2");
    EXPECT_EQ(julian.period_at(at("2023-07-01T00:00:00Z")),
              (OffsetPeriod{at("2023-02-28T01:00:00Z"), at("2023-10-27T00:00:00Z"), 2h}));
    EXPECT_EQ(julian.period_at(at("2024-07-01T00:00:00Z")),
              (OffsetPeriod{at("2024-02-28T01:00:00Z"), at("2024-10-27T00:00:00Z"), 2h}));
    const auto counted = zone("AAA-1BBB,59/2,300/2");
    EXPECT_EQ(counted.period_at(at("2023-07-01T00:00:00Z")),
              (OffsetPeriod{at("2023-03-01T01:00:00Z"), at("2023-10-28T00:00:00Z"), 2h}));
    EXPECT_EQ(counted.period_at(at("2024-07-01T00:00:00Z")),
              (OffsetPeriod{at("2024-02-29T01:00:00Z"), at("2024-10-27T00:00:00Z"), 2h}));
}

TEST(posix_time_zone, refuses_strings_it_cannot_read_on_field_time_zone) {
    for (const char* bad : {"CST-8CDT", "CST-99", "EST5EDT,M3.2.0", "EST5EDT,M13.2.0,M11.1.0",
                            "EST5EDT,M3.2.0,M11.1.0,", "AB-8"}) {
        const auto located = TimeZone::locate(bad);
        ASSERT_FALSE(located) << bad;
        EXPECT_EQ(located.error().field, "time_zone") << bad;
        EXPECT_NE(located.error().message.find(bad), std::string::npos) << bad;
    }
}

// The grammar reads offsets up to 24 hours; the world's zones (and docs/sla.md) stop at −12:00
// and +14:00, so "XST-20" (+20:00) is a mistake, not a place.
TEST(posix_time_zone, refuses_offsets_outside_minus_12_to_plus_14_hours) {
    EXPECT_EQ(zone("<+14>-14").offset_at(at("2024-01-01T00:00:00Z")), 14h);
    EXPECT_EQ(zone("<-12>12").offset_at(at("2024-01-01T00:00:00Z")), -12h);
    for (const char* bad : {"XST-20", "XST-14:01", "XST12:30", "XST24", "XST-23:59:59",
                            "XST-10XDT-15,M3.2.0,M11.1.0", "EST5EDT13,M3.2.0,M11.1.0"}) {
        const auto located = TimeZone::locate(bad);
        ASSERT_FALSE(located) << bad;
        EXPECT_EQ(located.error().code, ErrorCode::validation_failed) << bad;
        EXPECT_EQ(located.error().field, "time_zone") << bad;
        EXPECT_NE(located.error().message.find(bad), std::string::npos) << bad;
    }
}

TEST(posix_time_zone, leaves_iana_names_to_the_tz_database) {
    // "EST5EDT" is also an IANA zone (with the US history); the database wins.
    EXPECT_EQ(zone("EST5EDT").offset_at(at("1970-07-01T00:00:00Z")), -4h);
}

}  // namespace
}  // namespace ticketflow
