#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/core/result.hpp>

namespace ticketflow {
namespace {

Error not_found_error() {
    Error e;
    e.code = ErrorCode::not_found;
    e.message = "ticket 7 does not exist";
    e.ticket = TicketId{7};
    return e;
}

TEST(result, holds_a_value) {
    Result<int> r = 5;
    EXPECT_TRUE(r.has_value());
    EXPECT_TRUE(static_cast<bool>(r));
    EXPECT_EQ(*r, 5);
    EXPECT_EQ(r.value(), 5);
}

TEST(result, gives_member_access_to_its_value) {
    Result<std::string> r = std::string("HT202310010001");
    EXPECT_EQ(r->size(), 14u);
    r->append("-A");
    EXPECT_EQ(*r, "HT202310010001-A");
}

TEST(result, moves_its_value_out) {
    Result<std::string> r = std::string(100, 'x');
    const std::string taken = std::move(r).value();
    EXPECT_EQ(taken, std::string(100, 'x'));
}

TEST(result, holds_an_error) {
    Result<int> r = not_found_error();
    EXPECT_FALSE(r.has_value());
    EXPECT_FALSE(static_cast<bool>(r));
    EXPECT_EQ(r.error(), not_found_error());
}

TEST(result, throws_the_error_when_the_missing_value_is_asked_for) {
    const Result<int> r = not_found_error();
    try {
        (void)r.value();
        FAIL() << "value() did not throw";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error(), not_found_error());
        EXPECT_EQ(e.code(), ErrorCode::not_found);
        EXPECT_STREQ(e.what(), "ticket 7 does not exist");
    }
}

TEST(result, throws_from_every_value_accessor) {
    Result<std::string> r = not_found_error();
    EXPECT_THROW((void)r.value(), Exception);
    EXPECT_THROW((void)std::as_const(r).value(), Exception);
    EXPECT_THROW((void)std::move(r).value(), Exception);
}

TEST(void_result, succeeds_by_default) {
    const Result<void> r;
    EXPECT_TRUE(r.has_value());
    EXPECT_TRUE(static_cast<bool>(r));
    EXPECT_NO_THROW(r.value());
}

TEST(void_result, carries_and_throws_an_error) {
    const Result<void> r = validation_error("title", "is required");
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error().field, "title");
    try {
        r.value();
        FAIL() << "value() did not throw";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error(), r.error());
        EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    }
}

TEST(validation_error, names_the_field_in_code_field_and_message) {
    const Error e = validation_error("customer.email", "is not an e-mail address");
    EXPECT_EQ(e.code, ErrorCode::validation_failed);
    EXPECT_EQ(e.field, "customer.email");
    EXPECT_EQ(e.message, "customer.email: is not an e-mail address");
    EXPECT_FALSE(e.ticket);
    EXPECT_FALSE(e.state);
    EXPECT_FALSE(e.event);
}

TEST(error, compares_every_member) {
    Error a = not_found_error();
    Error b = a;
    EXPECT_EQ(a, b);
    b.state = TicketState::closed;
    EXPECT_FALSE(a == b);
    b = a;
    b.ticket_number = "HT202310010001";
    EXPECT_FALSE(a == b);
}

// A range-for over `f().value()` keeps the value alive only if the temporary Result hands over the
// value itself; a reference into the Result would dangle (AddressSanitizer catches the read).
TEST(result, a_temporary_result_hands_over_its_value) {
    static_assert(std::is_same_v<decltype(std::declval<Result<std::vector<int>>>().value()),
                                 std::vector<int>>);
    const auto numbers = [] { return Result<std::vector<int>>(std::vector<int>{1, 2, 3}); };
    int sum = 0;
    for (const int n : numbers().value()) sum += n;
    EXPECT_EQ(sum, 6);
}

TEST(escape_invalid_utf8, leaves_valid_text_unchanged) {
    EXPECT_EQ(escape_invalid_utf8(""), "");
    EXPECT_EQ(escape_invalid_utf8("打印机卡纸 ✓ 😀"), "打印机卡纸 ✓ 😀");
}

TEST(escape_invalid_utf8, writes_each_invalid_byte_as_hex) {
    EXPECT_EQ(escape_invalid_utf8("caf\xC3"), "caf\\xc3");  // cut short at the end
    EXPECT_EQ(escape_invalid_utf8("a\xFF"
                                  "b\x80"
                                  "c"),
              "a\\xffb\\x80c");                                         // never valid bytes
    EXPECT_EQ(escape_invalid_utf8("\xE6\x89z"), "\\xe6\\x89z");         // cut short mid-text
    EXPECT_EQ(escape_invalid_utf8("\xC0\xAF"), "\\xc0\\xaf");           // overlong '/'
    EXPECT_EQ(escape_invalid_utf8("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(escape_invalid_utf8("\xFF打"), "\\xff打");
}

TEST(validation_error, escapes_invalid_utf8_the_message_quotes) {
    const Error e = validation_error("title", "'\xFF' is not a title");
    EXPECT_EQ(e.message, "title: '\\xff' is not a title");
    EXPECT_EQ(e.field, "title");
}

TEST(exception, carries_valid_utf8_whatever_error_it_is_given) {
    Error e;
    e.code = ErrorCode::not_found;
    e.message = "no agent 'a\xFF'";
    e.field = "assignee";
    const Exception raised(e);
    EXPECT_STREQ(raised.what(), "no agent 'a\\xff'");
    EXPECT_EQ(raised.error().message, "no agent 'a\\xff'");
    EXPECT_EQ(raised.code(), ErrorCode::not_found);
}

}  // namespace
}  // namespace ticketflow
