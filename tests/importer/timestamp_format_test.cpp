// Timestamp formats of event logs: strftime-like patterns with fractions, ISO 8601 with offsets,
// and the zone of stamps that carry none.

#include <gtest/gtest.h>

#include <ticketflow/importer/timestamp_format.hpp>

namespace ticketflow::importer {
namespace {

TimestampFormat format(const std::string& pattern, const std::string& zone = "UTC") {
    return TimestampFormat::make(pattern, TimeZone::locate(zone).value()).value();
}

Timestamp at(std::string_view iso) {
    return parse_iso8601(iso).value();
}

TEST(import_timestamp_format, reads_a_pattern_with_milliseconds_in_a_named_zone) {
    const auto f = format("%Y/%m/%d %H:%M:%S", "Europe/Rome");
    EXPECT_EQ(f.parse("2012/10/09 14:50:17.000").value(), at("2012-10-09T12:50:17Z"));
    EXPECT_EQ(f.parse("2012/10/09 14:50:17.250").value(), at("2012-10-09T12:50:17.250Z"));
    EXPECT_EQ(f.parse("2012/01/09 14:50:17").value(), at("2012-01-09T13:50:17Z"));  // winter
}

TEST(import_timestamp_format, reads_iso8601_with_offsets_and_local_stamps_in_the_zone) {
    const auto f = format("iso8601", "+02:00");
    EXPECT_EQ(f.parse("2010-03-31T15:59:42+01:00").value(), at("2010-03-31T14:59:42Z"));
    EXPECT_EQ(f.parse("2010-03-31T15:59:42Z").value(), at("2010-03-31T15:59:42Z"));
    EXPECT_EQ(f.parse("2010-03-31 15:59:42.5-0530").value(), at("2010-03-31T21:29:42.5Z"));
    EXPECT_EQ(f.parse("2010-03-31T15:59").value(), at("2010-03-31T13:59:00Z"));
    EXPECT_EQ(f.parse("2010-03-31").value(), at("2010-03-30T22:00:00Z"));
}

TEST(import_timestamp_format, reads_offsets_and_fractions_as_directives) {
    const auto f = format("%d.%m.%Y %T.%f %z");
    EXPECT_EQ(f.parse("1.2.2024 08:00:00.123456 +01").value(), at("2024-02-01T07:00:00.123456Z"));
    EXPECT_EQ(format("%F %H%%").parse("2024-02-01 08%").value(), at("2024-02-01T08:00:00Z"));
}

TEST(import_timestamp_format, refuses_stamps_that_do_not_fit) {
    const auto f = format("%Y/%m/%d %H:%M:%S");
    for (const char* bad : {"2012-10-09 14:50:17", "2012/02/30 10:00:00", "2012/10/09 24:00:00",
                            "2012/10/09 14:50:17 extra", "", "2012/10/09 14:50:17.", "abcd"}) {
        auto parsed = f.parse(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed);
    }
    EXPECT_FALSE(format("iso8601").parse("2010-03-31T15:59:42+15:00"));
    EXPECT_FALSE(format("iso8601").parse("0001-01-01T00:30:00+01:00"));  // before the range
}

TEST(import_timestamp_format, refuses_patterns_it_cannot_read) {
    for (const char* bad : {"%Y-%m", "%Y-%m-%d %q", "%Y-%m-%d %Y", "%Y-%m-%d %"}) {
        auto made = TimestampFormat::make(bad);
        ASSERT_FALSE(made) << bad;
        EXPECT_EQ(made.error().field, "format");
    }
}

}  // namespace
}  // namespace ticketflow::importer
