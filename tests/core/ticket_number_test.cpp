#include <map>

#include <gtest/gtest.h>

#include <ticketflow/core/ticket_number.hpp>
#include <ticketflow/core/time_zone.hpp>

namespace ticketflow {
namespace {

TicketNumberFormat pattern(const char* text) {
    return TicketNumberFormat::parse(text).value();
}

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

/// Hands out numbers the way an engine does: one counter per sequence key.
class Numberer {
  public:
    explicit Numberer(TicketNumberFormat format) : format_(std::move(format)) {}
    std::string next(const Date& day) {
        return format_.format(day, ++counters_[format_.sequence_key(day)]).value();
    }

  private:
    TicketNumberFormat format_;
    std::map<std::string, std::uint64_t> counters_;
};

TEST(ticket_number_format, defaults_to_the_first_service_document_pattern) {
    const TicketNumberFormat format;
    EXPECT_EQ(format.pattern(), "HT{yyyy}{MM}{dd}{seq:4}");
    EXPECT_EQ(format.sequence_digits(), 4u);
    EXPECT_EQ(format.format(Date{2023, 10, 1}, 1).value(), "HT202310010001");
    EXPECT_EQ(format, pattern("HT{yyyy}{MM}{dd}{seq:4}"));
    EXPECT_EQ(format.sequence_key(Date{2023, 10, 1}),
              pattern("HT{yyyy}{MM}{dd}{seq:4}").sequence_key(Date{2023, 10, 1}));
}

TEST(ticket_number_format, formats_the_three_document_patterns) {
    EXPECT_EQ(pattern("HT{yyyy}{MM}{dd}{seq:4}").format(Date{2023, 10, 1}, 1).value(),
              "HT202310010001");
    EXPECT_EQ(pattern("{yyyy}{MM}-{seq:3}").format(Date{2024, 5, 7}, 1).value(), "202405-001");
    EXPECT_EQ(pattern("SN{yyyy}{MM}{dd}{seq:3}").format(Date{2024, 5, 1}, 1).value(),
              "SN20240501001");
}

TEST(ticket_number_format, pads_the_sequence_and_the_date_fields) {
    const auto format = pattern("{yy}/{MM}/{dd}#{seq:6}");
    EXPECT_EQ(format.format(Date{2009, 1, 2}, 42).value(), "09/01/02#000042");
    EXPECT_EQ(format.format(Date{2100, 12, 31}, 123456).value(), "00/12/31#123456");
}

TEST(ticket_number_format, computes_the_largest_sequence_from_the_width) {
    EXPECT_EQ(pattern("{seq:1}").max_sequence(), 9u);
    EXPECT_EQ(pattern("{seq:4}").max_sequence(), 9999u);
    EXPECT_EQ(pattern("{seq:18}").max_sequence(), 999999999999999999u);
    EXPECT_EQ(pattern("{seq:18}").format(Date{2024, 1, 1}, 999999999999999999u).value(),
              "999999999999999999");
}

TEST(ticket_number_format, keys_a_day_pattern_by_day) {
    const auto format = pattern("HT{yyyy}{MM}{dd}{seq:4}");
    EXPECT_EQ(format.sequence_key(Date{2023, 10, 1}), "HT{yyyy}{MM}{dd}{seq:4}@20231001");
    EXPECT_NE(format.sequence_key(Date{2023, 10, 1}), format.sequence_key(Date{2023, 10, 2}));
    EXPECT_NE(format.sequence_key(Date{2023, 10, 1}), format.sequence_key(Date{2024, 10, 1}));
}

TEST(ticket_number_format, keys_a_month_pattern_by_month) {
    const auto format = pattern("{yyyy}{MM}-{seq:3}");
    EXPECT_EQ(format.sequence_key(Date{2024, 5, 7}), "{yyyy}{MM}-{seq:3}@202405");
    EXPECT_EQ(format.sequence_key(Date{2024, 5, 1}), format.sequence_key(Date{2024, 5, 31}));
    EXPECT_NE(format.sequence_key(Date{2024, 5, 31}), format.sequence_key(Date{2024, 6, 1}));
    EXPECT_NE(format.sequence_key(Date{2024, 5, 1}), format.sequence_key(Date{2025, 5, 1}));
}

TEST(ticket_number_format, keys_a_month_only_pattern_by_year_and_month) {
    const auto format = pattern("M{MM}-{seq:3}");
    EXPECT_EQ(format.sequence_key(Date{2024, 5, 7}), "M{MM}-{seq:3}@202405");
    EXPECT_NE(format.sequence_key(Date{2024, 5, 7}), format.sequence_key(Date{2025, 5, 7}));
}

TEST(ticket_number_format, keys_a_year_pattern_by_year) {
    const auto format = pattern("{yyyy}-{seq:5}");
    EXPECT_EQ(format.sequence_key(Date{2024, 1, 1}), "{yyyy}-{seq:5}@2024");
    EXPECT_EQ(format.sequence_key(Date{2024, 1, 1}), format.sequence_key(Date{2024, 12, 31}));
    EXPECT_NE(format.sequence_key(Date{2024, 12, 31}), format.sequence_key(Date{2025, 1, 1}));
}

TEST(ticket_number_format, keys_a_two_digit_year_pattern_by_the_full_year) {
    const auto format = pattern("{yy}-{seq:4}");
    EXPECT_EQ(format.sequence_key(Date{2000, 6, 1}), "{yy}-{seq:4}@2000");
    EXPECT_NE(format.sequence_key(Date{2000, 6, 1}), format.sequence_key(Date{2100, 6, 1}));
    EXPECT_EQ(format.format(Date{2000, 6, 1}, 1).value(),
              format.format(Date{2100, 6, 1}, 1).value());
}

TEST(ticket_number_format, keys_a_pattern_without_date_by_the_pattern_alone) {
    const auto format = pattern("T-{seq:6}");
    EXPECT_EQ(format.sequence_key(Date{2024, 1, 1}), "T-{seq:6}");
    EXPECT_EQ(format.sequence_key(Date{1999, 12, 31}), format.sequence_key(Date{2024, 1, 1}));
}

TEST(ticket_number_format, keys_by_the_smallest_unit_whatever_the_token_order) {
    const auto format = pattern("{dd}{MM}{yy}{seq:2}");
    EXPECT_EQ(format.sequence_key(Date{2024, 5, 7}), "{dd}{MM}{yy}{seq:2}@20240507");
}

TEST(ticket_number_format, restarts_sequence_when_day_changes) {
    Numberer numbers{TicketNumberFormat{}};
    EXPECT_EQ(numbers.next(Date{2023, 10, 1}), "HT202310010001");
    EXPECT_EQ(numbers.next(Date{2023, 10, 1}), "HT202310010002");
    EXPECT_EQ(numbers.next(Date{2023, 10, 2}), "HT202310020001");
    EXPECT_EQ(numbers.next(Date{2023, 10, 1}), "HT202310010003");
}

TEST(ticket_number_format, restarts_sequence_when_month_changes_but_not_the_day) {
    Numberer numbers{pattern("{yyyy}{MM}-{seq:3}")};
    EXPECT_EQ(numbers.next(Date{2024, 5, 1}), "202405-001");
    EXPECT_EQ(numbers.next(Date{2024, 5, 31}), "202405-002");
    EXPECT_EQ(numbers.next(Date{2024, 6, 1}), "202406-001");
}

TEST(ticket_number_format, never_restarts_a_pattern_without_date) {
    Numberer numbers{pattern("T-{seq:3}")};
    EXPECT_EQ(numbers.next(Date{2024, 5, 1}), "T-001");
    EXPECT_EQ(numbers.next(Date{2030, 1, 1}), "T-002");
}

TEST(ticket_number_format, reports_exhaustion_one_past_the_largest_sequence) {
    const TicketNumberFormat format;
    EXPECT_EQ(format.format(Date{2023, 10, 1}, 9999).value(), "HT202310019999");
    const auto exhausted = format.format(Date{2023, 10, 1}, 10000);
    ASSERT_FALSE(exhausted);
    EXPECT_EQ(exhausted.error().code, ErrorCode::sequence_exhausted);
    EXPECT_NE(exhausted.error().message.find("HT{yyyy}{MM}{dd}{seq:4}"), std::string::npos);
    EXPECT_NE(exhausted.error().message.find("20231001"), std::string::npos);
}

TEST(ticket_number_format, reports_exhaustion_of_a_one_digit_sequence) {
    const auto format = pattern("Q{yyyy}{MM}-{seq:1}");
    EXPECT_EQ(format.format(Date{2024, 2, 3}, 9).value(), "Q202402-9");
    const auto exhausted = format.format(Date{2024, 2, 3}, 10);
    ASSERT_FALSE(exhausted);
    EXPECT_EQ(exhausted.error().code, ErrorCode::sequence_exhausted);
    EXPECT_NE(exhausted.error().message.find("202402"), std::string::npos);
}

TEST(ticket_number_format, reports_exhaustion_of_a_pattern_without_date) {
    const auto exhausted = pattern("T{seq:2}").format(Date{2024, 2, 3}, 100);
    ASSERT_FALSE(exhausted);
    EXPECT_EQ(exhausted.error().code, ErrorCode::sequence_exhausted);
    EXPECT_NE(exhausted.error().message.find("T{seq:2}"), std::string::npos);
}

TEST(ticket_number_format, refuses_sequence_zero_as_a_validation_error) {
    const auto zero = TicketNumberFormat{}.format(Date{2023, 10, 1}, 0);
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().code, ErrorCode::validation_failed);
}

TEST(ticket_number_format, refuses_an_impossible_date) {
    const auto number = TicketNumberFormat{}.format(Date{2023, 2, 30}, 1);
    ASSERT_FALSE(number);
    EXPECT_EQ(number.error().code, ErrorCode::validation_failed);
}

TEST(ticket_number_format, unescapes_doubled_braces) {
    EXPECT_EQ(pattern("{{{yyyy}}}-{seq:2}").format(Date{2024, 1, 1}, 1).value(), "{2024}-01");
    EXPECT_EQ(pattern("}}{seq:1}{{").format(Date{2024, 1, 1}, 7).value(), "}7{");
}

TEST(ticket_number_format, keeps_utf8_literal_text) {
    const auto format = pattern("工单-{yyyy}{MM}{dd}-{seq:4}");
    EXPECT_EQ(format.format(Date{2023, 10, 1}, 1).value(), "工单-20231001-0001");
    EXPECT_EQ(format.sequence_key(Date{2023, 10, 1}), "工单-{yyyy}{MM}{dd}-{seq:4}@20231001");
}

struct MalformedPattern {
    const char* pattern;
    const char* complaint;  // part of the message that says what is wrong
};

class malformed_ticket_number_pattern : public testing::TestWithParam<MalformedPattern> {};

TEST_P(malformed_ticket_number_pattern, is_refused_with_a_message_naming_the_problem) {
    const auto parsed = TicketNumberFormat::parse(GetParam().pattern);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(parsed.error().field, "number_pattern");
    EXPECT_NE(parsed.error().message.find(GetParam().complaint), std::string::npos)
        << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(ticket_number_format, malformed_ticket_number_pattern,
                         testing::Values(MalformedPattern{"", "no {seq:N}"},
                                         MalformedPattern{"HT{yyyy}{MM}{dd}", "no {seq:N}"},
                                         MalformedPattern{"{{seq:4}}", "no {seq:N}"},
                                         MalformedPattern{"{seq:4}{seq:4}", "more than one"},
                                         MalformedPattern{"A{seq:2}B{seq:3}", "more than one"},
                                         MalformedPattern{"{seq}", "bad sequence width"},
                                         MalformedPattern{"{seq:}", "bad sequence width"},
                                         MalformedPattern{"{seq:0}", "bad sequence width"},
                                         MalformedPattern{"{seq:19}", "bad sequence width"},
                                         MalformedPattern{"{seq:-1}", "bad sequence width"},
                                         MalformedPattern{"{seq:x}", "bad sequence width"},
                                         MalformedPattern{"{seq:4 }", "bad sequence width"},
                                         MalformedPattern{"{seq:123}", "bad sequence width"},
                                         MalformedPattern{"{YYYY}{seq:4}",
                                                          "unknown token '{YYYY}'"},
                                         MalformedPattern{"{mm}{seq:4}", "unknown token '{mm}'"},
                                         MalformedPattern{"{}{seq:4}", "unknown token '{}'"},
                                         MalformedPattern{"{ yyyy}{seq:4}", "unknown token"},
                                         MalformedPattern{"{SEQ:4}", "unknown token"},
                                         MalformedPattern{"{sequence}", "unknown token"},
                                         MalformedPattern{"{yyyy{seq:4}", "unbalanced brace"},
                                         MalformedPattern{"{seq:4", "unbalanced brace"},
                                         MalformedPattern{"{seq:4}}", "unbalanced brace"},
                                         MalformedPattern{"}{seq:4}", "unbalanced brace"},
                                         MalformedPattern{"HT{", "unbalanced brace"},
                                         MalformedPattern{"\xff{seq:4}", "UTF-8"},
                                         MalformedPattern{"\n{seq:3}", "control character"},
                                         MalformedPattern{"HT\t{seq:3}", "control character"},
                                         MalformedPattern{"HT{seq:3}\r\n", "control character"},
                                         MalformedPattern{"\x1b[31m{seq:3}", "control character"},
                                         MalformedPattern{"HT\u0085{seq:3}", "control character"},
                                         MalformedPattern{"HT\u2028{seq:3}", "control character"},
                                         MalformedPattern{"HT{seq:4}"
                                                          "-------------------------------------"
                                                          "-------------------",
                                                          "longer than 64"}));

TEST(ticket_number_format, refuses_a_nul_in_the_pattern) {
    const auto parsed = TicketNumberFormat::parse(std::string_view("HT\0{seq:3}", 10));
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().field, "number_pattern");
}

TEST(ticket_number_format, accepts_a_pattern_of_64_characters) {
    const std::string pattern = "工单" + std::string(55, '-') + "{seq:4}";  // 2 + 55 + 7
    EXPECT_TRUE(TicketNumberFormat::parse(pattern));
    EXPECT_FALSE(TicketNumberFormat::parse(pattern + "x"));
}

/// The sequence key a ticket opened at `t` draws from, with the date taken in `zone`.
std::string key_at(const TicketNumberFormat& format, const TimeZone& zone, const char* iso) {
    return format.sequence_key(zone.to_local(at(iso)).date);
}

TEST(ticket_number_format, rolls_over_at_local_midnight_in_shanghai) {
    const auto shanghai = TimeZone::locate("Asia/Shanghai").value();
    const TicketNumberFormat daily;
    EXPECT_EQ(key_at(daily, shanghai, "2023-09-30T15:59:59Z"), "HT{yyyy}{MM}{dd}{seq:4}@20230930");
    EXPECT_EQ(key_at(daily, shanghai, "2023-09-30T16:00:00Z"), "HT{yyyy}{MM}{dd}{seq:4}@20231001");
    // In UTC both instants are still 30 September.
    EXPECT_EQ(key_at(daily, TimeZone::utc(), "2023-09-30T15:59:59Z"),
              key_at(daily, TimeZone::utc(), "2023-09-30T16:00:00Z"));
}

TEST(ticket_number_format, rolls_over_at_local_month_end_in_shanghai) {
    const auto shanghai = TimeZone::locate("Asia/Shanghai").value();
    const auto monthly = pattern("{yyyy}{MM}-{seq:3}");
    EXPECT_EQ(key_at(monthly, shanghai, "2023-09-30T15:59:59Z"), "{yyyy}{MM}-{seq:3}@202309");
    EXPECT_EQ(key_at(monthly, shanghai, "2023-09-30T16:00:00Z"), "{yyyy}{MM}-{seq:3}@202310");
    const auto local_day = shanghai.to_local(at("2023-09-30T16:00:00Z")).date;
    EXPECT_EQ(monthly.format(local_day, 1).value(), "202310-001");
}

TEST(ticket_number_format, rolls_over_at_new_york_midnight_across_daylight_saving_changes) {
    const auto new_york = TimeZone::locate("America/New_York").value();
    const TicketNumberFormat daily;
    // Fall back on 2024-11-03: that day's midnight is 04:00Z (EDT), the next one 05:00Z (EST).
    EXPECT_EQ(key_at(daily, new_york, "2024-11-03T03:59:59Z"), "HT{yyyy}{MM}{dd}{seq:4}@20241102");
    EXPECT_EQ(key_at(daily, new_york, "2024-11-03T04:00:00Z"), "HT{yyyy}{MM}{dd}{seq:4}@20241103");
    EXPECT_EQ(key_at(daily, new_york, "2024-11-04T04:30:00Z"), "HT{yyyy}{MM}{dd}{seq:4}@20241103");
    EXPECT_EQ(key_at(daily, new_york, "2024-11-04T05:00:00Z"), "HT{yyyy}{MM}{dd}{seq:4}@20241104");
    // Spring forward on 2024-03-10: that day's midnight is 05:00Z (EST), the next one 04:00Z (EDT).
    EXPECT_EQ(key_at(daily, new_york, "2024-03-10T04:59:59Z"), "HT{yyyy}{MM}{dd}{seq:4}@20240309");
    EXPECT_EQ(key_at(daily, new_york, "2024-03-11T03:59:59Z"), "HT{yyyy}{MM}{dd}{seq:4}@20240310");
    EXPECT_EQ(key_at(daily, new_york, "2024-03-11T04:00:00Z"), "HT{yyyy}{MM}{dd}{seq:4}@20240311");
}

}  // namespace
}  // namespace ticketflow
