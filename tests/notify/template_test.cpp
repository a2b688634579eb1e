// Message templates: placeholders parsed and checked when loaded (every malformed or unknown one
// refused with its field and the placeholder quoted), rendered with fallbacks and times in the
// recipient's zone; template sets read from and written to JSON, locales chosen by fallback, and
// the shipped set complete and renderable in zh-CN and en.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/notify/template.hpp>

namespace ticketflow::testing {
namespace {

using nlohmann::json;
using notify::format_local_time;
using notify::is_standard_placeholder;
using notify::RenderedMessage;
using notify::Template;
using notify::TemplateContext;
using notify::TemplateSet;

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

TimeZone zone(const char* name) {
    return TimeZone::locate(name).value();
}

Template parse(std::string_view text) {
    return Template::parse(text, is_standard_placeholder).value();
}

std::string render(std::string_view text, const TemplateContext& context) {
    return parse(text).render(context);
}

/// Parses with the standard placeholders and the set's variables, as TemplateSet::add does.
Template parse_with_vars(const std::string& text, const TemplateSet& set) {
    const auto known = [&set](std::string_view name) {
        return is_standard_placeholder(name) ||
               (name.substr(0, 5) == "vars." && set.variables().count(std::string(name.substr(5))));
    };
    return Template::parse(text, known).value();
}

bool has_cjk(const std::string& text) {
    // The lead bytes of U+4E00–U+9FFF in UTF-8.
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0xE4 && byte <= 0xE9) return true;
    }
    return false;
}

// ---- parsing and rendering ---------------------------------------------------------------------

TEST(notify_template, renders_placeholders_with_their_values) {
    TemplateContext context;
    context.set("ticket.number", "HT202310010001");
    context.set("ticket.title", "Printer jams");
    EXPECT_EQ(render("Ticket {{ticket.number}}: {{ticket.title}}.", context),
              "Ticket HT202310010001: Printer jams.");
}

TEST(notify_template, trims_whitespace_around_names_and_fallbacks) {
    TemplateContext context;
    EXPECT_EQ(render("Owner: {{  ticket.owner\t|   unassigned  }}!", context),
              "Owner: unassigned!");
    context.set("ticket.owner", "li");
    EXPECT_EQ(render("Owner: {{  ticket.owner\t|   unassigned  }}!", context), "Owner: li!");
    EXPECT_EQ(render("[{{\nticket.owner\n}}]", context), "[li]");
}

TEST(notify_template, renders_the_fallback_or_nothing_for_a_missing_value) {
    TemplateContext context;
    EXPECT_EQ(render("Team: {{ticket.team | none yet}}.", context), "Team: none yet.");
    EXPECT_EQ(render("Team: {{ticket.team}}.", context), "Team: .");
    // The fallback is everything after the first bar, inner bars and spaces included.
    EXPECT_EQ(render("{{ticket.team | l1 | l2 }}", context), "l1 | l2");
}

TEST(notify_template, renders_the_fallback_for_an_empty_value) {
    TemplateContext context;
    context.set("product.model", "");
    EXPECT_EQ(render("型号：{{product.model | 未登记}}", context), "型号：未登记");
}

TEST(notify_template, keeps_a_lone_closing_pair_as_literal_text) {
    TemplateContext context;
    context.set("ticket.number", "N-1");
    EXPECT_EQ(render("a }} b", context), "a }} b");
    EXPECT_EQ(render("{{ticket.number}}}", context), "N-1}");
    EXPECT_EQ(render("}}{{ticket.number}}}}", context), "}}N-1}}");
}

TEST(notify_template, inserts_values_verbatim_without_escaping_or_expanding_them) {
    TemplateContext context;
    context.set("ticket.title", "\"<b>&</b>\"\n\\{{ticket.number}}");
    context.set("ticket.number", "N-1");
    EXPECT_EQ(render("[{{ticket.title}}]", context), "[\"<b>&</b>\"\n\\{{ticket.number}}]");
}

TEST(notify_template, keeps_its_text_and_lists_placeholders_once_in_order_of_first_use) {
    const Template t =
        parse("{{ticket.title}} {{ticket.number | ?}} {{ticket.title}} {{event.at}}");
    EXPECT_EQ(t.text(), "{{ticket.title}} {{ticket.number | ?}} {{ticket.title}} {{event.at}}");
    EXPECT_EQ(t.placeholders(),
              (std::vector<std::string>{"ticket.title", "ticket.number", "event.at"}));
    EXPECT_EQ(parse("no placeholders").placeholders(), std::vector<std::string>{});
    EXPECT_EQ(parse("").render(TemplateContext{}), "");
}

TEST(notify_template, round_trips_chinese_text_untouched) {
    const std::string text =
        "尊敬的{{recipient.name | 客户}}：工单「{{ticket.number}}」已受理。🙂";
    const Template t = parse(text);
    EXPECT_EQ(t.text(), text);
    TemplateContext context;
    EXPECT_EQ(t.render(context), "尊敬的客户：工单「」已受理。🙂");
    context.set("recipient.name", "王工");
    context.set("ticket.number", "HT202310010001");
    EXPECT_EQ(t.render(context), "尊敬的王工：工单「HT202310010001」已受理。🙂");
}

TEST(notify_template, rejects_an_unknown_placeholder_naming_the_field) {
    const auto parsed =
        Template::parse("工单 {{ticket.numbr}} 已受理", is_standard_placeholder, "ack.subject");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(parsed.error().field, "ack.subject");
    EXPECT_EQ(parsed.error().message, "ack.subject: unknown placeholder {{ticket.numbr}}");
}

TEST(notify_template, rejects_every_malformed_placeholder_quoting_it) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"{{", "unclosed placeholder {{"},
        {"工单 {{ticket.number 已受理", "unclosed placeholder {{ticket.number 已受理"},
        {"{{ticket.number\n}", "unclosed placeholder {{ticket.number"},
        {"{{ticket.number {{ticket.title}}", "unclosed placeholder {{ticket.number "},
        {"{{}}", "empty placeholder {{}}"},
        {"{{   }}", "empty placeholder {{   }}"},
        {"{{ | fallback }}", "empty placeholder {{ | fallback }}"},
        {"{{Ticket.Number}}", "malformed placeholder {{Ticket.Number}}"},
        {"{{ticket number}}", "malformed placeholder {{ticket number}}"},
        {"{{ticket-number}}", "malformed placeholder {{ticket-number}}"},
        {"{{.ticket}}", "malformed placeholder {{.ticket}}"},
        {"{{ticket.}}", "malformed placeholder {{ticket.}}"},
        {"{{ticket..number}}", "malformed placeholder {{ticket..number}}"},
        {"{{{ticket.number}}}", "malformed placeholder {{{ticket.number}}"},
        {"{{工单号}}", "malformed placeholder {{工单号}}"},
        {"ok {{ticket.number}} then {{ticket.nmber | x}}",
         "unknown placeholder {{ticket.nmber | x}}"},
    };
    for (const auto& [text, quoted] : cases) {
        const auto parsed = Template::parse(text, is_standard_placeholder, "body");
        ASSERT_FALSE(parsed) << text;
        EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed) << text;
        EXPECT_EQ(parsed.error().field, "body") << text;
        EXPECT_NE(parsed.error().message.find(quoted), std::string::npos)
            << text << " → " << parsed.error().message;
    }
}

TEST(notify_template, quotes_a_long_unclosed_placeholder_cut_on_a_character_boundary) {
    // 17 bytes of ASCII, then three-byte characters: 40 bytes fall inside one of them.
    const std::string text = "{{ticket.number  这是一段很长很长很长很长很长很长的说明文字";
    const auto parsed = Template::parse(text, is_standard_placeholder, "body");
    ASSERT_FALSE(parsed);
    const std::string& message = parsed.error().message;
    EXPECT_EQ(message, "body: unclosed placeholder {{ticket.number  这是一段很长很…");
    EXPECT_TRUE(is_valid_utf8(message));
}

TEST(notify_template, asks_the_known_predicate_about_each_name) {
    std::vector<std::string> asked;
    const auto known = [&asked](std::string_view name) {
        asked.emplace_back(name);
        return name == "shop.name";
    };
    const auto parsed = Template::parse("{{shop.name}} {{ shop.name | x }}", known);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(asked, (std::vector<std::string>{"shop.name", "shop.name"}));
    const auto refused = Template::parse("{{ticket.number}}", known);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "template");  // the default field
}

TEST(notify_template, rejects_text_that_is_not_valid_utf8) {
    const auto parsed = Template::parse("bad \xC3\x28 text", is_standard_placeholder, "subject");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().field, "subject");
}

TEST(notify_template, lists_the_standard_placeholders) {
    const auto& names = notify::standard_placeholders();
    EXPECT_EQ(names.size(), 38u);
    EXPECT_EQ(names.front(), "ticket.number");
    EXPECT_EQ(names.back(), "recipient.kind");
    for (const auto& name : names) EXPECT_TRUE(is_standard_placeholder(name)) << name;
    EXPECT_FALSE(is_standard_placeholder("ticket"));
    EXPECT_FALSE(is_standard_placeholder("vars.desk_phone"));
    EXPECT_FALSE(is_standard_placeholder("sla.resolution"));
}

// ---- times -------------------------------------------------------------------------------------

TEST(notify_template_time, writes_asia_shanghai_with_its_offset) {
    EXPECT_EQ(format_local_time(at("2023-10-02T01:00:00Z"), zone("Asia/Shanghai")),
              "2023-10-02 09:00 UTC+08:00");
    // Local midnight is the next day.
    EXPECT_EQ(format_local_time(at("2023-12-31T16:30:59Z"), zone("Asia/Shanghai")),
              "2024-01-01 00:30 UTC+08:00");
}

TEST(notify_template_time, writes_utc_without_an_offset) {
    EXPECT_EQ(format_local_time(at("2023-10-02T01:00:00Z"), TimeZone::utc()),
              "2023-10-02 01:00 UTC");
    EXPECT_EQ(format_local_time(at("2023-10-02T01:00:00Z"), zone("UTC")), "2023-10-02 01:00 UTC");
}

TEST(notify_template_time, writes_posix_zones_and_fixed_offsets) {
    EXPECT_EQ(format_local_time(at("2023-10-02T01:00:00Z"), zone("CST-8")),
              "2023-10-02 09:00 UTC+08:00");
    const TimeZone new_york_rule = zone("EST5EDT,M3.2.0,M11.1.0");
    EXPECT_EQ(format_local_time(at("2024-01-15T17:45:00Z"), new_york_rule),
              "2024-01-15 12:45 UTC-05:00");
    EXPECT_EQ(format_local_time(at("2024-07-15T17:45:00Z"), new_york_rule),
              "2024-07-15 13:45 UTC-04:00");
    EXPECT_EQ(format_local_time(at("2024-07-15T17:45:00Z"), zone("+05:30")),
              "2024-07-15 23:15 UTC+05:30");
    EXPECT_EQ(format_local_time(at("2024-07-15T17:45:00Z"), zone("-03:00")),
              "2024-07-15 14:45 UTC-03:00");
}

TEST(notify_template_time, follows_daylight_saving_time_in_europe_berlin) {
    const TimeZone berlin = zone("Europe/Berlin");
    EXPECT_EQ(format_local_time(at("2024-07-01T10:00:00Z"), berlin), "2024-07-01 12:00 UTC+02:00");
    EXPECT_EQ(format_local_time(at("2024-01-15T10:00:00Z"), berlin), "2024-01-15 11:00 UTC+01:00");
    // Either side of the change on 2024-03-31 at 01:00 UTC.
    EXPECT_EQ(format_local_time(at("2024-03-31T00:59:00Z"), berlin), "2024-03-31 01:59 UTC+01:00");
    EXPECT_EQ(format_local_time(at("2024-03-31T01:00:00Z"), berlin), "2024-03-31 03:00 UTC+02:00");
}

TEST(notify_template_time, context_writes_instants_in_its_zone) {
    const Timestamp due = at("2023-10-02T01:00:00Z");
    TemplateContext shanghai{zone("Asia/Shanghai")};
    shanghai.set("sla.first_response.due", due);
    EXPECT_EQ(shanghai.text("sla.first_response.due"), "2023-10-02 09:00 UTC+08:00");
    EXPECT_EQ(render("首次响应：{{sla.first_response.due}}", shanghai),
              "首次响应：2023-10-02 09:00 UTC+08:00");

    TemplateContext utc;
    utc.set("sla.first_response.due", due);
    EXPECT_EQ(utc.text("sla.first_response.due"), "2023-10-02 01:00 UTC");
    EXPECT_EQ(utc.text("sla.resolution.due"), std::nullopt);
}

TEST(notify_template_time, context_leaves_an_absent_instant_unset) {
    TemplateContext context;
    context.set("ticket.closed_at", std::optional<Timestamp>{});
    EXPECT_FALSE(context.text("ticket.closed_at"));
    EXPECT_EQ(render("{{ticket.closed_at | open}}", context), "open");
    context.set("ticket.closed_at", std::optional<Timestamp>{at("2023-10-02T01:00:00Z")});
    EXPECT_EQ(render("{{ticket.closed_at | open}}", context), "2023-10-02 01:00 UTC");
}

// ---- template sets -----------------------------------------------------------------------------

TemplateSet small_set() {
    TemplateSet set;
    set.set_variable("desk_phone", "400-800-1234").value();
    set.add("acknowledgement", "zh-CN", "工单 {{ticket.number}} 已受理",
            "请致电 {{vars.desk_phone}}。")
        .value();
    set.add("acknowledgement", "en", "Ticket {{ticket.number}} received",
            "Call {{vars.desk_phone}}.")
        .value();
    return set;
}

TEST(notify_template_set, round_trips_through_json) {
    const TemplateSet set = small_set();
    const json written = set.to_json();
    EXPECT_EQ(written, json::parse(R"({
        "default_locale": "zh-CN",
        "variables": {"desk_phone": "400-800-1234"},
        "templates": {"acknowledgement": {
            "en": {"subject": "Ticket {{ticket.number}} received",
                   "body": "Call {{vars.desk_phone}}."},
            "zh-CN": {"subject": "工单 {{ticket.number}} 已受理",
                      "body": "请致电 {{vars.desk_phone}}。"}}}})"));
    const auto read = TemplateSet::from_json(written);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, set);
    EXPECT_EQ(TemplateSet::from_json(TemplateSet::standard().to_json()).value(),
              TemplateSet::standard());
    EXPECT_EQ(TemplateSet::from_json(TemplateSet{}.to_json()).value(), TemplateSet{});
}

TEST(notify_template_set, reads_a_template_that_uses_a_variable_declared_after_it) {
    const auto read = TemplateSet::from_json(json::parse(R"({
        "templates": {"ack": {"en": {"subject": "Hi", "body": "Call {{vars.hotline}}"}}},
        "variables": {"hotline": "110"},
        "default_locale": "en"})"));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->default_locale(), "en");
    EXPECT_EQ(read->render("ack", "en", TemplateContext{}).value().body, "Call 110");
}

TEST(notify_template_set, rejects_an_unknown_top_level_member_naming_it) {
    const auto read = TemplateSet::from_json(
        json::parse(R"({"default_locale": "en", "defualt_locale": "zh-CN", "templates": {}})"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(read.error().field, "defualt_locale");
    EXPECT_NE(read.error().message.find("unknown member"), std::string::npos);
}

TEST(notify_template_set, rejects_an_unknown_variable_naming_the_json_path) {
    const auto read = TemplateSet::from_json(json::parse(R"({
        "variables": {"desk_phone": "400"},
        "templates": {"acknowledgement": {"en": {
            "subject": "Ticket {{ticket.number}}",
            "body": "Call {{vars.desk_phone}} or {{ vars.hotline }}"}}}})"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().field, "templates.acknowledgement.en.body");
    EXPECT_EQ(read.error().message,
              "templates.acknowledgement.en.body: unknown placeholder {{ vars.hotline }}");
}

TEST(notify_template_set, names_the_json_path_of_every_problem_without_throwing) {
    const std::vector<std::pair<const char*, const char*>> cases{
        {R"([])", ""},
        {R"({"default_locale": 5})", "default_locale"},
        {R"({"default_locale": "zh_CN"})", "default_locale"},
        {R"({"variables": []})", "variables"},
        {R"({"variables": {"desk_phone": 400}})", "variables.desk_phone"},
        {R"({"variables": {"Desk-Phone": "400"}})", "variables.Desk-Phone"},
        {R"({"templates": []})", "templates"},
        {R"({"templates": {"ack": "text"}})", "templates.ack"},
        {R"({"templates": {"ack": {}}})", "templates.ack"},
        {R"({"templates": {"Ack": {"en": {"subject": "s", "body": "b"}}}})", "templates.Ack"},
        {R"({"templates": {"ack": {"english": {"subject": "s", "body": "b"}}}})",
         "templates.ack.english"},
        {R"({"templates": {"ack": {"en": "text"}}})", "templates.ack.en"},
        {R"({"templates": {"ack": {"en": {"body": "b"}}}})", "templates.ack.en.subject"},
        {R"({"templates": {"ack": {"en": {"subject": "s"}}}})", "templates.ack.en.body"},
        {R"({"templates": {"ack": {"en": {"subject": 1, "body": "b"}}}})",
         "templates.ack.en.subject"},
        {R"({"templates": {"ack": {"en": {"subject": "s", "body": "b", "sujbect": "t"}}}})",
         "templates.ack.en.sujbect"},
        {R"({"templates": {"ack": {"en": {"subject": "s", "body": "{{ticket.number"}}}})",
         "templates.ack.en.body"},
        {R"({"templates": {"ack": {"en": {"subject": "a\nb", "body": "b"}}}})",
         "templates.ack.en.subject"},
        {R"({"templates": {"ack": {"en": {"subject": "s", "body": "  "}}}})",
         "templates.ack.en.body"},
    };
    for (const auto& [text, field] : cases) {
        std::optional<Result<TemplateSet>> read;
        EXPECT_NO_THROW(read.emplace(TemplateSet::from_json(json::parse(text)))) << text;
        ASSERT_TRUE(read && !*read) << text;
        EXPECT_EQ(read->error().code, ErrorCode::validation_failed) << text;
        EXPECT_EQ(read->error().field, field) << text << " → " << read->error().message;
    }
}

TEST(notify_template_set, accepts_bcp47_locale_tags_and_refuses_others_naming_the_field) {
    TemplateSet set;
    for (const char* tag : {"zh-CN", "en", "en-GB", "zh-Hans-CN", "es-419", "fil", "de-CH-1901"}) {
        EXPECT_TRUE(set.add("ack", tag, "s", "b")) << tag;
    }
    for (const char* tag : {"", "e", "zh_CN", "1en", "english", "en-", "en--GB", "-en", "en-GB-",
                            "en-toolongsubtag", "中文", "en GB"}) {
        const auto added = set.add("ack", tag, "s", "b");
        ASSERT_FALSE(added) << tag;
        EXPECT_EQ(added.error().field, std::string("templates.ack.") + tag);
    }
    const std::string too_long = "en-" + std::string(8, 'a') + "-" + std::string(8, 'b') + "-" +
                                 std::string(8, 'c') + "-" + std::string(8, 'd');
    EXPECT_FALSE(set.add("ack", too_long, "s", "b"));
    EXPECT_EQ(set.set_default_locale("zh_CN").error().field, "default_locale");
    EXPECT_EQ(set.default_locale(), "zh-CN");
    EXPECT_TRUE(set.set_default_locale("en-GB"));
    EXPECT_EQ(set.default_locale(), "en-GB");
}

TEST(notify_template_set, checks_both_texts_when_adding_naming_each_field) {
    TemplateSet set;
    const auto subject = set.add("ack", "en", "{{ticket.numbr}}", "fine");
    ASSERT_FALSE(subject);
    EXPECT_EQ(subject.error().field, "templates.ack.en.subject");
    const auto body = set.add("ack", "en", "fine", "{{vars.desk_phone}}");
    ASSERT_FALSE(body);
    EXPECT_EQ(body.error().field, "templates.ack.en.body");
    EXPECT_EQ(body.error().message,
              "templates.ack.en.body: unknown placeholder {{vars.desk_phone}}");
    EXPECT_FALSE(set.contains("ack"));
    set.set_variable("desk_phone", "400").value();
    EXPECT_TRUE(set.add("ack", "en", "fine", "{{vars.desk_phone}}"));
    EXPECT_TRUE(set.contains("ack"));
}

TEST(notify_template_set, refuses_variable_names_that_are_not_placeholder_parts) {
    TemplateSet set;
    for (const char* name : {"", "Desk", "desk.phone", "desk-phone", "vars.desk"}) {
        const auto done = set.set_variable(name, "x");
        ASSERT_FALSE(done) << name;
        EXPECT_EQ(done.error().field, std::string("variables.") + name);
    }
    EXPECT_TRUE(set.set_variable("desk_phone_2", "x"));
    EXPECT_EQ(set.variables().at("desk_phone_2"), "x");
}

TEST(notify_template_set, lists_names_and_locales_sorted) {
    TemplateSet set = small_set();
    set.add("closure", "en", "s", "b").value();
    EXPECT_EQ(set.names(), (std::vector<std::string>{"acknowledgement", "closure"}));
    EXPECT_EQ(set.locales("acknowledgement"), (std::vector<std::string>{"en", "zh-CN"}));
    EXPECT_EQ(set.locales("nothing"), std::vector<std::string>{});
}

TEST(notify_template_set,
     chooses_the_exact_locale_then_the_language_then_the_default_then_the_first) {
    TemplateSet set;
    for (const char* tag : {"zh-CN", "zh-TW", "en", "en-US", "fr-CA"}) {
        set.add("ack", tag, "s", "b").value();
    }
    set.add("only_de", "de", "s", "b").value();
    set.add("only_de", "it", "s", "b").value();
    EXPECT_EQ(set.choose_locale("ack", "zh-TW"), "zh-TW");
    EXPECT_EQ(set.choose_locale("ack", "en-US"), "en-US");
    EXPECT_EQ(set.choose_locale("ack", "EN-us"), "en-US");  // tags ignore case
    EXPECT_EQ(set.choose_locale("ack", "zh-HK"), "zh-CN");  // the language; the default among them
    EXPECT_EQ(set.choose_locale("ack", "en-GB"), "en");     // the bare language first
    EXPECT_EQ(set.choose_locale("ack", "fr"), "fr-CA");
    EXPECT_EQ(set.choose_locale("ack", "ja-JP"), "zh-CN");  // the default locale
    EXPECT_EQ(set.choose_locale("ack", ""), "zh-CN");       // no locale: the default
    EXPECT_EQ(set.choose_locale("only_de", "fr"), "de");    // neither: the first in order
    EXPECT_EQ(set.choose_locale("nothing", "en"), std::nullopt);
    set.set_default_locale("it").value();
    EXPECT_EQ(set.choose_locale("only_de", "fr"), "it");
    EXPECT_EQ(set.choose_locale("ack", "ja-JP"), "en");  // no "it": the first in order
}

TEST(notify_template_set, renders_with_its_variables_in_the_chosen_locale) {
    const TemplateSet set = small_set();
    TemplateContext context;
    context.set("ticket.number", "HT202310010001");
    EXPECT_EQ(set.render("acknowledgement", "en-GB", context).value(),
              (RenderedMessage{"en", "Ticket HT202310010001 received", "Call 400-800-1234."}));
    EXPECT_EQ(set.render("acknowledgement", "", context).value(),
              (RenderedMessage{"zh-CN", "工单 HT202310010001 已受理", "请致电 400-800-1234。"}));
    // A value given for one message wins over the set's.
    context.set("vars.desk_phone", "021-1234");
    EXPECT_EQ(set.render("acknowledgement", "en", context).value().body, "Call 021-1234.");
}

TEST(notify_template_set, renders_an_unknown_name_as_not_found) {
    const auto rendered = small_set().render("acknowledgment", "en", TemplateContext{});
    ASSERT_FALSE(rendered);
    EXPECT_EQ(rendered.error().code, ErrorCode::not_found);
    EXPECT_NE(rendered.error().message.find("acknowledgment"), std::string::npos);
}

// ---- the shipped set ---------------------------------------------------------------------------

const std::vector<std::string> standard_names{"acknowledgement", "assignment",
                                              "closure",         "information_request",
                                              "progress_update", "reopened",
                                              "sla_breach",      "sla_escalation",
                                              "sla_warning",     "resolution_confirmation"};

/// Every standard placeholder with a value, as the engine fills them for one message.
TemplateContext full_context(const TimeZone& zone) {
    TemplateContext context{zone};
    for (const auto& name : notify::standard_placeholders()) {
        const bool instant = name.size() > 3 && (name.substr(name.size() - 3) == "_at" ||
                                                 name.substr(name.size() - 4) == ".due");
        if (instant) {
            context.set(name, at("2023-10-02T01:00:00Z"));
        } else {
            context.set(name, "<" + name + ">");
        }
    }
    context.set("ticket.number", "HT202310010001");
    return context;
}

TEST(notify_template_standard, has_every_template_in_zh_cn_and_en) {
    const TemplateSet& set = TemplateSet::standard();
    auto expected = standard_names;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(set.names(), expected);
    for (const auto& name : standard_names) {
        EXPECT_EQ(set.locales(name), (std::vector<std::string>{"en", "zh-CN"})) << name;
    }
    EXPECT_EQ(set.default_locale(), "zh-CN");
    EXPECT_EQ(set.variables().size(), 3u);
    for (const char* variable : {"desk_name", "desk_phone", "portal_url"}) {
        EXPECT_FALSE(set.variables().at(variable).empty()) << variable;
    }
    EXPECT_EQ(&TemplateSet::standard(), &set);  // built once
}

TEST(notify_template_standard, renders_every_template_completely_in_both_locales) {
    const TemplateSet& set = TemplateSet::standard();
    const TemplateContext context = full_context(zone("Asia/Shanghai"));
    for (const auto& name : standard_names) {
        for (const char* locale : {"zh-CN", "en"}) {
            const auto rendered = set.render(name, locale, context);
            ASSERT_TRUE(rendered) << name << " " << locale;
            EXPECT_EQ(rendered->locale, locale);
            EXPECT_FALSE(rendered->subject.empty()) << name << " " << locale;
            EXPECT_FALSE(rendered->body.empty()) << name << " " << locale;
            EXPECT_EQ(rendered->subject.find('\n'), std::string::npos) << name << " " << locale;
            for (const std::string* text : {&rendered->subject, &rendered->body}) {
                EXPECT_EQ(text->find("{{"), std::string::npos) << name << " " << locale;
                EXPECT_EQ(text->find("}}"), std::string::npos) << name << " " << locale;
            }
            EXPECT_NE(rendered->subject.find("HT202310010001"), std::string::npos) << name;
            EXPECT_EQ(has_cjk(rendered->subject + rendered->body), std::string(locale) == "zh-CN")
                << name << " " << locale;
        }
    }
}

std::set<std::string> placeholders_of(const notify::MessageTemplate& message) {
    std::set<std::string> names;
    for (const auto& name : message.subject.placeholders()) names.insert(name);
    for (const auto& name : message.body.placeholders()) names.insert(name);
    return names;
}

TEST(notify_template_standard, carries_what_each_reader_needs_in_both_locales) {
    const std::map<std::string, std::vector<std::string>> needed{
        {"acknowledgement",
         {"ticket.title", "sla.first_response.due", "vars.desk_phone", "vars.portal_url"}},
        {"assignment",
         {"ticket.priority", "ticket.category", "customer.name", "product.model", "ticket.title",
          "sla.resolution.due"}},
        {"progress_update", {"event.note", "ticket.state"}},
        {"information_request", {"event.note"}},
        {"sla_warning",
         {"ticket.priority", "event.metric", "event.target", "event.crossed_at", "ticket.owner",
          "ticket.team"}},
        {"sla_breach",
         {"ticket.priority", "event.metric", "event.target", "event.crossed_at", "ticket.owner",
          "ticket.team"}},
        {"sla_escalation",
         {"ticket.priority", "event.metric", "event.target", "event.crossed_at", "ticket.owner",
          "ticket.team", "event.step"}},
        {"resolution_confirmation", {"ticket.solution", "vars.portal_url"}},
        {"closure", {"ticket.satisfaction"}},
        {"reopened", {"event.reason"}},
    };
    const TemplateSet& set = TemplateSet::standard();
    const json templates = set.to_json().at("templates");
    for (const auto& [name, placeholders] : needed) {
        std::map<std::string, std::set<std::string>> used;
        for (const char* locale : {"zh-CN", "en"}) {
            const json& texts = templates.at(name).at(locale);
            notify::MessageTemplate message;
            message.subject = parse_with_vars(texts.at("subject").get<std::string>(), set);
            message.body = parse_with_vars(texts.at("body").get<std::string>(), set);
            used[locale] = placeholders_of(message);
            EXPECT_EQ(used[locale].count("ticket.number"), 1u) << name << " " << locale;
            for (const auto& placeholder : placeholders) {
                EXPECT_EQ(used[locale].count(placeholder), 1u)
                    << name << " " << locale << " lacks " << placeholder;
            }
        }
        EXPECT_EQ(used["zh-CN"], used["en"]) << name;
    }
}

TEST(notify_template_standard, writes_the_acknowledgement_with_the_due_time_in_the_zone) {
    TemplateContext context{zone("Asia/Shanghai")};
    context.set("ticket.number", "HT202310010001");
    context.set("ticket.title", "打印机卡纸");
    context.set("sla.first_response.due", at("2023-10-01T01:00:00Z"));
    const RenderedMessage zh =
        TemplateSet::standard().render("acknowledgement", "zh-CN", context).value();
    EXPECT_EQ(zh.subject, "工单 HT202310010001 已受理：打印机卡纸");
    EXPECT_NE(zh.body.find("尊敬的客户："), std::string::npos);
    EXPECT_NE(zh.body.find("预计首次响应：2023-10-01 09:00 UTC+08:00"), std::string::npos);
    EXPECT_NE(zh.body.find("https://support.example.com/tickets"), std::string::npos);

    context.set("recipient.name", "Ms Wang");
    const RenderedMessage en =
        TemplateSet::standard().render("acknowledgement", "en-GB", context).value();
    EXPECT_EQ(en.locale, "en");
    EXPECT_EQ(en.subject, "Ticket HT202310010001 received: 打印机卡纸");
    EXPECT_EQ(en.body.rfind("Dear Ms Wang,", 0), 0u);
}

TEST(notify_template_standard, takes_new_variable_values_in_a_copy) {
    TemplateSet set = TemplateSet::standard();
    set.set_variable("desk_phone", "021-6000-1234").value();
    TemplateContext context;
    context.set("ticket.number", "HT1");
    EXPECT_NE(set.render("closure", "en", context).value().body.find("call 021-6000-1234"),
              std::string::npos);
    EXPECT_NE(TemplateSet::standard().variables().at("desk_phone"), "021-6000-1234");
}

}  // namespace
}  // namespace ticketflow::testing
