// Random inputs against a reference that walks minute by minute, asking the time zone for the wall
// clock of every minute; and the laws that tie add, subtract and elapsed together.

#include <map>
#include <random>

#include <gtest/gtest.h>

#include "sla/calendar_test_support.hpp"
#include "support/minute_walk_calendar.hpp"

namespace ticketflow::sla {
namespace {

using namespace std::chrono_literals;
using std::chrono::microseconds;
using std::chrono::minutes;

using ::ticketflow::testing_support::MinuteWalk;

struct Case {
    const char* name;
    const char* json;
    std::vector<const char*> hot_spots;  ///< zone changes and holidays to aim near
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.name;
}

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"shanghai_office",
         testing_support::shanghai_office,
         {"2024-09-27T00:00:00Z", "2024-10-07T12:00:00Z", "2024-12-31T00:00:00Z"}},
        {"berlin_nights",
         R"({"time_zone": "Europe/Berlin", "week": {
            "mon": [["00:00", "03:00"], ["09:00", "17:30"]], "wed": [["00:00", "24:00"]],
            "sat": [["02:15", "02:45"], ["23:00", "24:00"]],
            "sun": [["00:00", "05:00"], ["22:00", "24:00"]]},
            "holidays": ["2024-03-25", {"from": "2024-10-28", "to": "2024-10-30"}],
            "working_days": [{"date": "2024-03-30", "hours": [["01:30", "02:30"]]},
                             {"date": "2024-10-26", "hours": [["00:00", "24:00"]]}]})",
         {"2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z"}},
        {"new_york",
         R"({"time_zone": "America/New_York", "week": {
            "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
            "thu": [["09:00", "17:00"]], "fri": [["09:00", "12:00"], ["13:00", "17:00"]],
            "sun": [["00:30", "03:30"]]},
            "holidays": [{"from": "2024-11-04", "to": "2024-11-05"}]})",
         {"2024-03-10T07:00:00Z", "2024-11-03T06:00:00Z"}},
        {"sydney_posix",
         R"({"time_zone": "AEST-10AEDT,M10.1.0,M4.1.0/3", "week": {
            "mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]], "thu": [["08:00", "18:00"]],
            "sun": [["01:30", "03:30"]]}})",
         {"2024-04-06T16:00:00Z", "2024-10-05T16:00:00Z"}},
    };
    return all;
}

class calendar_properties : public testing::TestWithParam<Case> {
  protected:
    Calendar cal = testing_support::calendar(GetParam().json);
    MinuteWalk reference{cal};
    std::mt19937_64 random{20241001};

    /// A whole minute in 2024, near a hot spot half of the time.
    Timestamp any_minute() {
        const auto& spots = GetParam().hot_spots;
        Timestamp base = parse_iso8601("2024-01-01T00:00:00Z").value();
        std::int64_t range = 366 * 24 * 60;
        if (random() % 2 == 0) {
            base = parse_iso8601(spots[random() % spots.size()]).value() - 3 * 24h;
            range = 6 * 24 * 60;
        }
        return base +
               minutes{static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(range))};
    }
    minutes any_span(std::int64_t most) {
        return minutes{static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(most + 1))};
    }
};

TEST_P(calendar_properties, elapsed_and_is_open_agree_with_a_minute_walk) {
    for (int i = 0; i < 60; ++i) {
        const Timestamp a = any_minute();
        const Timestamp b = a + any_span(4 * 24 * 60);
        ASSERT_EQ(cal.elapsed(a, b).value(), reference.elapsed(a, b))
            << to_iso8601(a) << " " << to_iso8601(b);
        ASSERT_EQ(cal.is_open(a).value(), reference.is_open(a)) << to_iso8601(a);
    }
}

TEST_P(calendar_properties, add_reaches_the_duration_at_the_earliest_instant) {
    for (int i = 0; i < 200; ++i) {
        const Timestamp a = any_minute();
        const microseconds d = any_span(3000);
        const Timestamp r = cal.add(a, d).value();
        ASSERT_EQ(cal.elapsed(a, r).value(), d) << to_iso8601(a) << " + " << d.count();
        if (d > 0s) {
            // Earliest: the minute just before the result was working time.
            ASSERT_TRUE(reference.is_open(r - 1min)) << to_iso8601(a) << " + " << d.count();
            ASSERT_EQ(cal.subtract(r, d).value(), cal.next_open(a).value()) << to_iso8601(a);
        } else {
            ASSERT_EQ(r, cal.next_open(a).value());
            ASSERT_TRUE(reference.is_open(r));
        }
    }
}

TEST_P(calendar_properties, subtract_leaves_the_duration_from_the_latest_instant) {
    for (int i = 0; i < 200; ++i) {
        const Timestamp b = any_minute();
        const microseconds d = any_span(3000);
        const Timestamp r = cal.subtract(b, d).value();
        ASSERT_EQ(cal.elapsed(r, b).value(), d) << to_iso8601(b) << " - " << d.count();
        if (d > 0s) {
            ASSERT_TRUE(reference.is_open(r)) << to_iso8601(b) << " - " << d.count();
            ASSERT_EQ(cal.add(r, d).value(), cal.last_close(b).value()) << to_iso8601(b);
        } else {
            ASSERT_EQ(r, cal.last_close(b).value());
            ASSERT_TRUE(reference.is_open(r - 1min));
        }
    }
}

TEST_P(calendar_properties, next_open_and_last_close_bracket_closed_time) {
    for (int i = 0; i < 200; ++i) {
        const Timestamp t = any_minute();
        const Timestamp open = cal.next_open(t).value();
        const Timestamp close = cal.last_close(t).value();
        ASSERT_GE(open, t);
        ASSERT_LE(close, t);
        ASSERT_TRUE(cal.is_open(open).value()) << to_iso8601(t);
        ASSERT_EQ(cal.elapsed(close, open).value(), 0s) << to_iso8601(t);
        ASSERT_EQ(open == t, cal.is_open(t).value()) << to_iso8601(t);
    }
}

TEST_P(calendar_properties, elapsed_adds_up_over_any_three_instants) {
    for (int i = 0; i < 200; ++i) {
        const Timestamp a = any_minute();
        const Timestamp b = any_minute();
        const Timestamp c = any_minute();
        ASSERT_EQ(cal.elapsed(a, b).value() + cal.elapsed(b, c).value(), cal.elapsed(a, c).value());
        ASSERT_EQ(cal.elapsed(b, a).value(), -cal.elapsed(a, b).value());
    }
}

TEST_P(calendar_properties, durations_to_the_microsecond_round_trip) {
    for (int i = 0; i < 300; ++i) {
        const Timestamp a =
            any_minute() + microseconds{static_cast<std::int64_t>(random() % 60'000'000)};
        const microseconds d{static_cast<std::int64_t>(random() % (2000LL * 3'600'000'000LL))};
        const Timestamp r = cal.add(a, d).value();
        ASSERT_EQ(cal.elapsed(a, r).value(), d) << to_iso8601(a) << " + " << d.count();
        ASSERT_EQ(cal.add(r, d).value(), cal.add(a, 2 * d).value())
            << to_iso8601(a) << " + " << d.count();
        const Timestamp s = cal.subtract(a, d).value();
        ASSERT_EQ(cal.elapsed(s, a).value(), d) << to_iso8601(a) << " - " << d.count();
    }
}

TEST_P(calendar_properties, a_year_long_span_agrees_with_a_minute_walk) {
    const Timestamp a = parse_iso8601("2023-12-30T07:13:00Z").value();
    const Timestamp b = parse_iso8601("2025-01-02T19:41:00Z").value();
    const microseconds walked = reference.elapsed(a, b);
    EXPECT_EQ(cal.elapsed(a, b).value(), walked);
    EXPECT_EQ(cal.add(a, walked).value(), cal.last_close(b).value());
    EXPECT_EQ(cal.subtract(b, walked).value(), cal.next_open(a).value());
}

INSTANTIATE_TEST_SUITE_P(calendar, calendar_properties, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace ticketflow::sla
