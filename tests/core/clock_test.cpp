// The manual clock stays inside the range of time: a move that would leave it changes nothing.
#include <limits>

#include <gtest/gtest.h>

#include <ticketflow/core/clock.hpp>

namespace ticketflow {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;

TEST(manual_clock, moves_forwards_and_backwards) {
    ManualClock clock{from_unix_seconds(1696118400)};
    EXPECT_TRUE(clock.advance(hours{2}));
    EXPECT_EQ(clock.now(), from_unix_seconds(1696118400 + 7200));
    EXPECT_TRUE(clock.advance(-hours{1}));
    EXPECT_EQ(clock.now(), from_unix_seconds(1696118400 + 3600));
    EXPECT_TRUE(clock.set(from_unix_seconds(0)));
    EXPECT_EQ(clock.now(), from_unix_seconds(0));
}

TEST(manual_clock, refuses_to_advance_past_the_year_9999_and_stays_where_it_was) {
    ManualClock clock{from_unix_seconds(1696118400)};
    EXPECT_FALSE(clock.advance(microseconds::max()));
    EXPECT_FALSE(clock.advance(hours::max()));
    EXPECT_FALSE(clock.advance(hours::min()));
    EXPECT_FALSE(clock.advance(std::chrono::duration<double>{1e300}));
    EXPECT_FALSE(
        clock.advance(std::chrono::duration<double>{std::numeric_limits<double>::quiet_NaN()}));
    EXPECT_EQ(clock.now(), from_unix_seconds(1696118400));

    ASSERT_TRUE(clock.set(latest_timestamp));
    EXPECT_FALSE(clock.advance(microseconds{1}));
    EXPECT_EQ(clock.now(), latest_timestamp);
}

TEST(manual_clock, refuses_to_jump_outside_the_range) {
    ManualClock clock{from_unix_seconds(1696118400)};
    EXPECT_FALSE(clock.set(Timestamp::max()));
    EXPECT_FALSE(clock.set(earliest_timestamp - microseconds{1}));
    EXPECT_TRUE(clock.set(earliest_timestamp));
    EXPECT_EQ(clock.now(), earliest_timestamp);
}

TEST(manual_clock, refuses_to_start_outside_the_range) {
    try {
        ManualClock clock{Timestamp::min()};
        FAIL() << "started at " << clock.now().time_since_epoch().count();
    } catch (const Exception& e) {
        EXPECT_EQ(e.code(), ErrorCode::validation_failed);
        EXPECT_EQ(e.error().field, "start");
    }
}

}  // namespace
}  // namespace ticketflow
