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

/// When the drafts of these tests are opened: 2023-10-01T00:00:00Z.
constexpr Timestamp kNow = from_unix_seconds(1696118400);

/// The field of the error `validate` reports for `draft`, or "" when the draft is accepted.
std::string refused_field(const TicketDraft& draft, const IntakePolicy& policy = {},
                          Timestamp now = kNow) {
    const auto result = policy.validate(draft, now);
    return result ? std::string{} : result.error().field;
}

std::string repeat(const std::string& text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}

TEST(intake_policy, accepts_a_complete_chinese_draft) {
    const auto result = IntakePolicy{}.validate(chinese_draft(), kNow);
    EXPECT_TRUE(result) << (result ? "" : result.error().message);
}

TEST(intake_policy, accepts_a_minimal_draft) {
    TicketDraft d;
    d.customer.id = CustomerId{"c-1"};
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
    const auto result = IntakePolicy{}.validate(d, kNow);
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
    d.product.purchase_date = Date{2023, 5, 2};  // before the clock's 2023-10-01
    d.product.warranty_end = Date{2023, 5, 1};
    EXPECT_EQ(refused_field(d), "product.warranty_end");
    d.product.warranty_end = Date{2023, 5, 2};
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
    const auto result = IntakePolicy{}.validate(d, kNow);
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
    EXPECT_TRUE(policy.check_text("a\nb\tc", "note", true));
    EXPECT_EQ(policy.check_text("a\x07", "note", true).error().field, "note");
    EXPECT_EQ(policy.check_text(std::string_view("a\0", 2), "note", true).error().field, "note");
}

TEST(intake_policy, refuses_a_missing_blank_or_malformed_customer_id) {
    const std::string with_nul("cust\0-1", 7);
    for (const std::string& id :
         {std::string(), std::string("   "), std::string("\u3000"), with_nul,
          std::string("cust\n1"), std::string(" cust-1"), std::string("cust-1\u00a0"),
          std::string("\xE5\xAE"), repeat("c", 10 * 1024 * 1024), repeat("客", 129)}) {
        auto d = chinese_draft();
        d.customer.id = CustomerId{id};
        EXPECT_EQ(refused_field(d), "customer.id") << testing::PrintToString(id.substr(0, 20));
    }
    auto d = chinese_draft();
    d.customer.id = CustomerId{repeat("客", 128)};
    EXPECT_EQ(refused_field(d), "");
}

TEST(intake_policy, checks_optional_ids_only_when_given) {
    auto d = chinese_draft();
    d.product.serial_number.clear();
    d.product.contract_number.clear();
    d.region.clear();
    EXPECT_EQ(refused_field(d), "");
    d.product.serial_number = "SN\t7788";
    EXPECT_EQ(refused_field(d), "product.serial_number");
    d = chinese_draft();
    d.product.contract_number = repeat("9", 129);
    EXPECT_EQ(refused_field(d), "product.contract_number");
    d = chinese_draft();
    d.region = "east ";
    EXPECT_EQ(refused_field(d), "region");
}

TEST(intake_policy, refuses_control_characters_and_line_breaks_in_single_line_texts) {
    const std::string nul("a\0b", 3);
    for (const std::string& bad :
         {std::string("a\nb"), std::string("a\tb"), std::string("\x1b[2J"), std::string("a\x7f"),
          std::string("a\u0085b"), std::string("a\u2028b"), nul}) {
        const auto shown = testing::PrintToString(bad);
        auto d = chinese_draft();
        d.title = bad;
        EXPECT_EQ(refused_field(d), "title") << shown;
        d = chinese_draft();
        d.customer.name = bad;
        EXPECT_EQ(refused_field(d), "customer.name") << shown;
        d = chinese_draft();
        d.customer.tags[0] = bad;
        EXPECT_EQ(refused_field(d), "customer.tags[0]") << shown;
        d = chinese_draft();
        d.product.model = bad;
        EXPECT_EQ(refused_field(d), "product.model") << shown;
        d = chinese_draft();
        d.keywords[1] = bad;
        EXPECT_EQ(refused_field(d), "keywords[1]") << shown;
        d = chinese_draft();
        d.category = bad;
        EXPECT_EQ(refused_field(d), "category") << shown;
    }
}

TEST(intake_policy, allows_line_breaks_and_tabs_in_multi_line_texts_only) {
    auto d = chinese_draft();
    d.description = "第一行\n第二行\r\n\tindented";
    d.environment = "OS:\tWindows 11\nsite: 三楼";
    d.steps_tried = "1. restart\u2028 2. clean";
    EXPECT_EQ(refused_field(d), "");
    for (const std::string& bad :
         {std::string("bell\a"), std::string("lone\rreturn"), std::string("esc\x1b[31m"),
          std::string("nul\0x", 5), std::string("c1\u009b")}) {
        d = chinese_draft();
        d.description = bad;
        EXPECT_EQ(refused_field(d), "description") << testing::PrintToString(bad);
        d = chinese_draft();
        d.steps_tried = bad;
        EXPECT_EQ(refused_field(d), "steps_tried") << testing::PrintToString(bad);
    }
}

TEST(intake_policy, limits_single_line_texts) {
    auto d = chinese_draft();
    d.customer.name = repeat("华", 256);
    EXPECT_EQ(refused_field(d), "");
    d.customer.name = repeat("华", 257);
    EXPECT_EQ(refused_field(d), "customer.name");
    d = chinese_draft();
    d.keywords[0] = repeat("k", 257);
    EXPECT_EQ(refused_field(d), "keywords[0]");
}

TEST(intake_policy, refuses_a_purchase_date_after_the_clock_allowing_for_skew) {
    auto d = chinese_draft();
    d.product.warranty_end.reset();
    d.product.purchase_date = Date{2023, 10, 2};  // the next day is already here east of UTC
    EXPECT_EQ(refused_field(d), "");
    d.product.purchase_date = Date{2023, 10, 3};
    EXPECT_EQ(refused_field(d), "product.purchase_date");
    IntakePolicy strict;
    strict.max_clock_skew = std::chrono::seconds{0};
    d.product.purchase_date = Date{2023, 10, 2};
    EXPECT_EQ(refused_field(d, strict), "product.purchase_date");
    d.product.purchase_date = Date{2023, 10, 1};
    EXPECT_EQ(refused_field(d, strict), "");
}

TEST(intake_policy, refuses_product_dates_outside_the_years_1_to_9999) {
    auto d = chinese_draft();
    d.product.purchase_date.reset();
    d.product.warranty_end = Date{-44, 3, 15};
    EXPECT_EQ(refused_field(d), "product.warranty_end");
    d.product.warranty_end = Date{10000, 1, 1};
    EXPECT_EQ(refused_field(d), "product.warranty_end");
    d = chinese_draft();
    d.product.purchase_date = Date{0, 12, 31};
    EXPECT_EQ(refused_field(d), "product.purchase_date");
}

TEST(intake_policy, refuses_an_occurred_at_outside_the_range_of_time) {
    using std::chrono::microseconds;
    for (const Timestamp t :
         {Timestamp::max(), Timestamp::min(), latest_timestamp + microseconds{1},
          earliest_timestamp - microseconds{1}}) {
        auto d = chinese_draft();
        d.occurred_at = t;
        EXPECT_EQ(refused_field(d), "occurred_at") << t.time_since_epoch().count();
    }
    auto d = chinese_draft();
    d.occurred_at = earliest_timestamp;
    EXPECT_EQ(refused_field(d), "");
}

TEST(intake_policy, refuses_an_occurred_at_more_than_the_skew_ahead_of_the_clock) {
    auto d = chinese_draft();
    d.occurred_at = kNow - std::chrono::hours{24 * 365};
    EXPECT_EQ(refused_field(d), "");
    d.occurred_at = kNow + std::chrono::hours{24};
    EXPECT_EQ(refused_field(d), "");
    d.occurred_at = kNow + std::chrono::hours{24} + std::chrono::seconds{1};
    EXPECT_EQ(refused_field(d), "occurred_at");
    // Near the end of time the tolerance stops at the range instead of overflowing.
    d.occurred_at = latest_timestamp;
    EXPECT_EQ(refused_field(d, {}, latest_timestamp - std::chrono::hours{1}), "");
}

TEST(intake_policy, refuses_a_clock_outside_the_range_of_time) {
    EXPECT_EQ(refused_field(chinese_draft(), {}, Timestamp::max()), "created_at");
    EXPECT_EQ(refused_field(chinese_draft(), {}, Timestamp::min()), "created_at");
}

TEST(intake_policy, checks_its_own_defaults_as_usable) {
    const auto checked = IntakePolicy{}.check();
    EXPECT_TRUE(checked) << (checked ? "" : checked.error().message);
}

TEST(intake_policy, refuses_an_empty_taxonomy_naming_its_path) {
    IntakePolicy policy;
    policy.taxonomy.categories.clear();
    ASSERT_FALSE(policy.check());
    EXPECT_EQ(policy.check().error().field, "taxonomy.categories");
    // Validating with it says why, rather than calling every category unknown.
    EXPECT_EQ(refused_field(chinese_draft(), policy), "taxonomy.categories");
}

TEST(intake_policy, refuses_blank_or_repeated_categories) {
    IntakePolicy policy;
    policy.taxonomy.categories = {"hardware_fault", " "};
    EXPECT_EQ(policy.check().error().field, "taxonomy.categories[1]");
    policy.taxonomy.categories = {"hardware_fault", "billing", "hardware_fault"};
    EXPECT_EQ(policy.check().error().field, "taxonomy.categories[2]");
    policy.taxonomy.categories = {"hardware\nfault"};
    EXPECT_EQ(policy.check().error().field, "taxonomy.categories[0]");
}

TEST(intake_policy, refuses_limits_that_would_refuse_everything) {
    for (const auto& [limit, field] : {std::pair{&IntakePolicy::max_title_chars, "max_title_chars"},
                                       std::pair{&IntakePolicy::max_text_chars, "max_text_chars"},
                                       std::pair{&IntakePolicy::max_line_chars, "max_line_chars"},
                                       std::pair{&IntakePolicy::max_id_chars, "max_id_chars"}}) {
        IntakePolicy policy;
        policy.*limit = 0;
        EXPECT_EQ(policy.check().error().field, field);
    }
    IntakePolicy policy;
    policy.max_clock_skew = std::chrono::seconds{-1};
    EXPECT_EQ(policy.check().error().field, "max_clock_skew");
}

TEST(intake_policy, refuses_an_unusable_attachment_policy_naming_its_path) {
    IntakePolicy policy;
    policy.attachments.allowed_uri_schemes.clear();
    EXPECT_EQ(policy.check().error().field, "attachments.allowed_uri_schemes");
    policy = {};
    policy.attachments.allowed_uri_schemes = {"https", "ht tp"};
    EXPECT_EQ(policy.check().error().field, "attachments.allowed_uri_schemes[1]");
    policy.attachments.allowed_uri_schemes = {"https", "1http"};
    EXPECT_EQ(policy.check().error().field, "attachments.allowed_uri_schemes[1]");
    policy = {};
    policy.attachments.allowed_media_types.clear();
    EXPECT_EQ(policy.check().error().field, "attachments.allowed_media_types");
    policy = {};
    policy.attachments.max_size_bytes = 0;
    EXPECT_EQ(policy.check().error().field, "attachments.max_size_bytes");
}

TEST(intake_policy, checks_ids_and_single_line_texts) {
    const IntakePolicy policy;
    EXPECT_TRUE(policy.check_id("agent-7", "agent"));
    EXPECT_TRUE(policy.check_id("工程师-李", "agent"));
    for (const std::string& bad :
         {std::string(), std::string(" "), std::string("a\nb"), std::string(" agent-7"),
          std::string("agent-7\t"), std::string("\xFF"), repeat("a", 129)}) {
        EXPECT_EQ(policy.check_id(bad, "agent").error().field, "agent")
            << testing::PrintToString(bad);
    }
    EXPECT_TRUE(policy.check_line("", "role", false));
    EXPECT_TRUE(policy.check_line("on-site 现场", "role", true));
    EXPECT_EQ(policy.check_line("a\nb", "role", false).error().field, "role");
    EXPECT_EQ(policy.check_line(" ", "role", true).error().field, "role");
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

TEST(attachment_policy, refuses_uri_schemes_outside_the_allow_list) {
    for (const char* uri :
         {"javascript:alert(1)", "JavaScript:alert(document.cookie)", "file:///etc/passwd",
          "file://server/share/a.png", "data:image/png;base64,iVBORw0KGgo=", "ftp://example.com/a",
          "vbscript:msgbox"}) {
        auto a = screenshot();
        a.uri = uri;
        const auto result = AttachmentPolicy{}.check(a, "attachments[0]");
        ASSERT_FALSE(result) << uri;
        EXPECT_EQ(result.error().field, "attachments[0].uri") << uri;
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed) << uri;
    }
}

TEST(attachment_policy, accepts_the_default_schemes_ignoring_case) {
    EXPECT_EQ(AttachmentPolicy{}.allowed_uri_schemes,
              (std::vector<std::string>{"http", "https", "s3"}));
    for (const char* uri : {"https://files.example.com/t/42/a.png?sig=abc#x",
                            "HTTPS://EXAMPLE.COM/a.png", "http://10.0.0.7:8080/a.png",
                            "s3://tickets/42/screenshot.png", "https://例子.中国/截图.png"}) {
        auto a = screenshot();
        a.uri = uri;
        EXPECT_TRUE(AttachmentPolicy{}.check(a, "a")) << uri;
    }
}

TEST(attachment_policy, accepts_schemes_the_application_adds) {
    AttachmentPolicy policy;
    auto a = screenshot();
    a.uri = "minio://bucket/a.png";
    EXPECT_EQ(policy.check(a, "a").error().field, "a.uri");
    policy.allowed_uri_schemes.push_back("minio");
    EXPECT_TRUE(policy.check(a, "a"));
}

TEST(attachment_policy, refuses_uris_that_do_not_parse) {
    const AttachmentPolicy policy;
    for (const std::string& uri :
         {std::string("tickets/42/a.png"), std::string("://example.com/a"),
          std::string("1https://example.com/a"), std::string("https:"), std::string("https://"),
          std::string("https:///a.png"), std::string("https://example.com/a b.png"),
          std::string("https://example.com/a\u3000b.png"), std::string("https://example.com/\na"),
          std::string("https://example.com/\x7f"), std::string("https://example.com/a\0b", 23),
          "https://example.com/" + repeat("a", 2048)}) {
        auto a = screenshot();
        a.uri = uri;
        const auto result = policy.check(a, "a");
        ASSERT_FALSE(result) << testing::PrintToString(uri.substr(0, 40));
        EXPECT_EQ(result.error().field, "a.uri") << testing::PrintToString(uri.substr(0, 40));
    }
}

TEST(attachment_policy, refuses_control_characters_in_names_and_media_types) {
    auto a = screenshot();
    a.name = "screen\x7fshot.png";
    EXPECT_EQ(AttachmentPolicy{}.check(a, "a").error().field, "a.name");
    a.name = "screen\u0085shot.png";
    EXPECT_EQ(AttachmentPolicy{}.check(a, "a").error().field, "a.name");
    a.name = repeat("n", 256);
    EXPECT_EQ(AttachmentPolicy{}.check(a, "a").error().field, "a.name");
    a = screenshot();
    a.media_type = "image/png\n";  // trimmed, it would match; stored, it would not
    EXPECT_EQ(AttachmentPolicy{}.check(a, "a").error().field, "a.media_type");
}

TEST(intake_policy, names_the_attachment_uri_it_refuses) {
    auto d = chinese_draft();
    d.attachments[0].uri = "javascript:alert(1)";
    const auto result = IntakePolicy{}.validate(d, kNow);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "attachments[0].uri");
    EXPECT_NE(result.error().message.find("javascript"), std::string::npos);
}

TEST(text, finds_control_characters) {
    EXPECT_FALSE(has_control_characters("", false));
    EXPECT_FALSE(has_control_characters("客户 反馈 ascii ~", false));
    EXPECT_TRUE(has_control_characters("a\nb", false));
    EXPECT_FALSE(has_control_characters("a\nb\tc\r\nd", true));
    EXPECT_TRUE(has_control_characters("a\rb", true));
    EXPECT_TRUE(has_control_characters("a\r", true));
    EXPECT_TRUE(has_control_characters(std::string_view("\0", 1), true));
    EXPECT_TRUE(has_control_characters("\x7f", true));
    EXPECT_TRUE(has_control_characters("\u0080", true));
    EXPECT_TRUE(has_control_characters("\u009f", true));
    EXPECT_FALSE(has_control_characters("\u00a0", false));
    EXPECT_TRUE(has_control_characters("\u2028", false));
    EXPECT_FALSE(has_control_characters("\u2028", true));
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
