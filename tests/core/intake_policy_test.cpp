#include <gtest/gtest.h>

#include <ticketflow/core/intake_policy.hpp>

namespace ticketflow {
namespace {

Attachment screenshot() {
    return {"截图.png", "image/png", 48213, "s3://tickets/42/screenshot.png"};
}

TicketDraft chinese_draft() {
    TicketDraft d;
    d.customer.id = CustomerId{"cust-001"};
    d.customer.name = "华东精密制造有限公司";
    d.customer.contact_person = "李伟";
    d.customer.phone = "+86 138-0013-8000";
    d.customer.email = "li.wei@example.com.cn";
    d.customer.tags = {"key-account", "华东"};
    d.product.model = "LaserJet M404";
    d.product.serial_number = "SN-7788";
    d.product.purchase_date = Date{2023, 3, 15};
    d.product.warranty_end = Date{2026, 3, 14};
    d.title = "打印机卡纸";
    d.description = "客户反馈打印机卡纸，已尝试重启";
    d.environment = "三楼办公室，Windows 11";
    d.steps_tried = "重启两次，清理纸道";
    d.category = "hardware_fault";
    d.keywords = {"卡纸", "printer"};
    d.attachments = {screenshot()};
    return d;
}

/// The field of the error `validate` reports for `draft`, or "" when the draft is accepted.
std::string refused_field(const TicketDraft& draft, const IntakePolicy& policy = {}) {
    const auto result = policy.validate(draft);
    return result ? std::string{} : result.error().field;
}

std::string repeat(const std::string& text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}

TEST(intake_policy, accepts_a_complete_chinese_draft) {
    const auto result = IntakePolicy{}.validate(chinese_draft());
    EXPECT_TRUE(result) << (result ? "" : result.error().message);
}

TEST(intake_policy, accepts_a_minimal_draft) {
    TicketDraft d;
    d.title = "Fan noise";
    d.description = "The fan is loud.";
    d.customer.name = "ACME";
    d.category = "other";
    EXPECT_EQ(refused_field(d), "");
}

TEST(intake_policy, has_the_documented_defaults) {
    const IntakePolicy policy;
    EXPECT_EQ(policy.taxonomy.categories,
              (std::vector<std::string>{"hardware_fault", "software_bug", "how_to", "installation",
                                        "feature_request", "service_complaint", "logistics",
                                        "billing", "other"}));
    EXPECT_EQ(policy.attachments.allowed_media_types.size(), 13u);
    EXPECT_EQ(policy.attachments.max_size_bytes, 20u * 1024 * 1024);
}

TEST(intake_policy, requires_a_title_that_is_not_blank) {
    for (const char* title : {"", "   ", "\t\n", "\u3000", "\u00a0 "}) {
        auto d = chinese_draft();
        d.title = title;
        EXPECT_EQ(refused_field(d), "title") << '"' << title << '"';
    }
}

TEST(intake_policy, reports_the_field_in_the_error_message) {
    auto d = chinese_draft();
    d.title.clear();
    const auto result = IntakePolicy{}.validate(d);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(result.error().message, "title: is required");
}

TEST(intake_policy, counts_title_length_in_code_points_not_bytes) {
    auto d = chinese_draft();
    d.title = repeat("卡", 200);  // 600 bytes
    EXPECT_EQ(refused_field(d), "");
    d.title = repeat("卡", 201);
    EXPECT_EQ(refused_field(d), "title");
}

TEST(intake_policy, requires_a_description_within_the_text_limit) {
    IntakePolicy policy;
    policy.max_text_chars = 30;
    auto d = chinese_draft();
    d.description = "";
    EXPECT_EQ(refused_field(d, policy), "description");
    d.description = repeat("纸", 30);
    EXPECT_EQ(refused_field(d, policy), "");
    d.description = repeat("纸", 31);
    EXPECT_EQ(refused_field(d, policy), "description");
}

TEST(intake_policy, limits_environment_and_steps_tried) {
    IntakePolicy policy;
    policy.max_text_chars = 30;
    auto d = chinese_draft();
    d.environment = repeat("x", 31);
    EXPECT_EQ(refused_field(d, policy), "environment");
    d.environment.clear();
    d.steps_tried = repeat("试", 31);
    EXPECT_EQ(refused_field(d, policy), "steps_tried");
}

TEST(intake_policy, requires_the_customer_name) {
    auto d = chinese_draft();
    d.customer.name = " ";
    EXPECT_EQ(refused_field(d), "customer.name");
}

TEST(intake_policy, accepts_well_formed_emails_and_an_empty_one) {
    for (const char* email : {"", "li.wei@example.com.cn", "a@b.co", "first+tag@sub.example.org"}) {
        auto d = chinese_draft();
        d.customer.email = email;
        EXPECT_EQ(refused_field(d), "") << email;
    }
}

TEST(intake_policy, refuses_malformed_emails) {
    for (const char* email : {"no-at-sign", "two@@example.com", "a@b@example.com", "@example.com",
                              "user@localhost", "user name@example.com", "user@.com",
                              "user@example.", "user@exa..mple.com", "user@example.com "}) {
        auto d = chinese_draft();
        d.customer.email = email;
        EXPECT_EQ(refused_field(d), "customer.email") << email;
    }
}

TEST(intake_policy, accepts_phone_numbers_as_people_write_them) {
    for (const char* phone : {"", "+86 138-0013-8000", "(021) 5555-1234", "12345",
                              "+1 (212) 555-0100", "12345678901234567890"}) {
        auto d = chinese_draft();
        d.customer.phone = phone;
        EXPECT_EQ(refused_field(d), "") << phone;
    }
}

TEST(intake_policy, refuses_malformed_phone_numbers) {
    for (const char* phone : {"1234", "123456789012345678901", "138x0013", "86+1380013800", "+",
                              "++86 1380013800", "138.0013.8000", "电话"}) {
        auto d = chinese_draft();
        d.customer.phone = phone;
        EXPECT_EQ(refused_field(d), "customer.phone") << phone;
    }
}

TEST(intake_policy, requires_a_category_of_the_taxonomy) {
    auto d = chinese_draft();
    d.category = "";
    EXPECT_EQ(refused_field(d), "category");
    d.category = "printer_jam";
    EXPECT_EQ(refused_field(d), "category");
    IntakePolicy custom;
    custom.taxonomy.categories.push_back("printer_jam");
    EXPECT_EQ(refused_field(d, custom), "");
}

TEST(intake_policy, limits_the_number_of_keywords) {
    IntakePolicy policy;
    policy.max_keywords = 2;
    auto d = chinese_draft();
    EXPECT_EQ(refused_field(d, policy), "");
    d.keywords.push_back("third");
    EXPECT_EQ(refused_field(d, policy), "keywords");
}

TEST(intake_policy, names_the_blank_keyword_by_index) {
    auto d = chinese_draft();
    d.keywords = {"卡纸", "printer", "  "};
    EXPECT_EQ(refused_field(d), "keywords[2]");
}

TEST(intake_policy, refuses_impossible_product_dates) {
    auto d = chinese_draft();
    d.product.purchase_date = Date{2023, 2, 30};
    EXPECT_EQ(refused_field(d), "product.purchase_date");
    d = chinese_draft();
    d.product.warranty_end = Date{2026, 13, 1};
    EXPECT_EQ(refused_field(d), "product.warranty_end");
}

TEST(intake_policy, refuses_a_warranty_that_ends_before_the_purchase) {
    auto d = chinese_draft();
    d.product.purchase_date = Date{2024, 5, 2};
    d.product.warranty_end = Date{2024, 5, 1};
    EXPECT_EQ(refused_field(d), "product.warranty_end");
    d.product.warranty_end = Date{2024, 5, 2};
    EXPECT_EQ(refused_field(d), "");
    d.product.purchase_date.reset();
    d.product.warranty_end = Date{2000, 1, 1};
    EXPECT_EQ(refused_field(d), "");
}

TEST(intake_policy, limits_the_number_of_attachments) {
    IntakePolicy policy;
    policy.attachments.max_count = 2;
    auto d = chinese_draft();
    d.attachments = {screenshot(), screenshot()};
    EXPECT_EQ(refused_field(d, policy), "");
    d.attachments.push_back(screenshot());
    EXPECT_EQ(refused_field(d, policy), "attachments");
}

TEST(intake_policy, names_the_offending_attachment_field_by_index) {
    auto d = chinese_draft();
    d.attachments = {screenshot(), screenshot()};
    d.attachments[1].media_type = "application/x-msdownload";
    EXPECT_EQ(refused_field(d), "attachments[1].media_type");
}

TEST(intake_policy, refuses_invalid_utf8_in_any_text_field) {
    const std::string bad = "\xE5\xAE";  // truncated 客
    auto d = chinese_draft();
    d.description = "卡纸" + bad;
    const auto result = IntakePolicy{}.validate(d);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "description");
    EXPECT_NE(result.error().message.find("UTF-8"), std::string::npos);

    d = chinese_draft();
    d.customer.contact_person = bad;
    EXPECT_EQ(refused_field(d), "customer.contact_person");
    d = chinese_draft();
    d.product.model = bad;
    EXPECT_EQ(refused_field(d), "product.model");
    d = chinese_draft();
    d.customer.tags[1] = bad;
    EXPECT_EQ(refused_field(d), "customer.tags[1]");
    d = chinese_draft();
    d.category = bad;
    EXPECT_EQ(refused_field(d), "category");
}

TEST(intake_policy, refuses_enumerators_out_of_range) {
    auto d = chinese_draft();
    d.priority = static_cast<Priority>(42);
    EXPECT_EQ(refused_field(d), "priority");
    d = chinese_draft();
    d.customer.tier = static_cast<CustomerTier>(9);
    EXPECT_EQ(refused_field(d), "customer.tier");
}

TEST(intake_policy, checks_free_text) {
    IntakePolicy policy;
    policy.max_text_chars = 5;
    EXPECT_TRUE(policy.check_text("已更换风扇", "solution", true));
    EXPECT_TRUE(policy.check_text("", "note", false));
    EXPECT_EQ(policy.check_text("  ", "reason", true).error().field, "reason");
    EXPECT_EQ(policy.check_text("已更换风扇了", "solution", true).error().field, "solution");
    EXPECT_EQ(policy.check_text("\xFF", "note", false).error().field, "note");
}

TEST(attachment_policy, accepts_an_allowed_attachment) {
    EXPECT_TRUE(AttachmentPolicy{}.check(screenshot(), "attachments[0]"));
}

TEST(attachment_policy, requires_a_plain_file_name) {
    for (const char* name :
         {"", "../etc/passwd", "logs/app.log", "C:\\temp\\a.txt", "..", "a\nb"}) {
        auto a = screenshot();
        a.name = name;
        const auto result = AttachmentPolicy{}.check(a, "attachments[0]");
        ASSERT_FALSE(result) << name;
        EXPECT_EQ(result.error().field, "attachments[0].name") << name;
    }
}

TEST(attachment_policy, compares_media_types_ignoring_case_and_parameters) {
    auto a = screenshot();
    a.media_type = "IMAGE/PNG";
    EXPECT_TRUE(AttachmentPolicy{}.check(a, "a"));
    a.media_type = "text/plain; charset=utf-8";
    EXPECT_TRUE(AttachmentPolicy{}.check(a, "a"));
    a.media_type = "text/x-log";
    EXPECT_TRUE(AttachmentPolicy{}.check(a, "a"));
    for (const char* type : {"", "image/svg+xml", "image/png2", "application/x-sh", ";"}) {
        a.media_type = type;
        const auto result = AttachmentPolicy{}.check(a, "a");
        ASSERT_FALSE(result) << type;
        EXPECT_EQ(result.error().field, "a.media_type") << type;
    }
}

TEST(attachment_policy, accepts_sizes_from_one_byte_to_the_limit) {
    auto a = screenshot();
    const AttachmentPolicy policy;
    a.size_bytes = 1;
    EXPECT_TRUE(policy.check(a, "a"));
    a.size_bytes = policy.max_size_bytes;
    EXPECT_TRUE(policy.check(a, "a"));
    a.size_bytes = policy.max_size_bytes + 1;
    EXPECT_EQ(policy.check(a, "a").error().field, "a.size_bytes");
    a.size_bytes = 0;
    EXPECT_EQ(policy.check(a, "a").error().field, "a.size_bytes");
}

TEST(attachment_policy, requires_a_uri) {
    auto a = screenshot();
    a.uri.clear();
    EXPECT_EQ(AttachmentPolicy{}.check(a, "a").error().field, "a.uri");
}

TEST(utf8, accepts_well_formed_text) {
    for (const char* text : {"", "ascii", "客户反馈打印机卡纸，已尝试重启", "\xF0\x9F\x98\x80",
                             "\xC2\x80", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF"}) {
        EXPECT_TRUE(is_valid_utf8(text)) << text;
    }
}

TEST(utf8, refuses_overlong_forms) {
    for (const char* text : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                             "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF"}) {
        EXPECT_FALSE(is_valid_utf8(text)) << testing::PrintToString(text);
    }
}

TEST(utf8, refuses_surrogates) {
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));
}

TEST(utf8, refuses_code_points_above_u10ffff) {
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
    EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(utf8, refuses_truncated_and_stray_bytes) {
    for (const char* text :
         {"\xE5\xAE", "\xF0\x9F\x98", "a\xC3", "\x80", "\xE5\x41\xA2", "\xF0\x9F\x41\x80"}) {
        EXPECT_FALSE(is_valid_utf8(text)) << testing::PrintToString(text);
    }
}

TEST(utf8, refuses_an_embedded_truncation_before_a_nul) {
    EXPECT_FALSE(is_valid_utf8(std::string_view("\xE5\x00\x00", 3)));
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(utf8, counts_code_points) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("客户反馈"), 4u);
    EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"
                          "a"),
              2u);
}

}  // namespace
}  // namespace ticketflow
