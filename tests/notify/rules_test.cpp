// Notification rules: the documents' defaults, what a rule fires on, and everything a rule set
// refuses when it is made or read, by the path of the offending value.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/rules.hpp>

namespace ticketflow::notify {
namespace {

NotificationRule rule_on(std::string action, std::string template_name = "acknowledgement") {
    NotificationRule rule;
    rule.name = "test";
    rule.on = {std::move(action)};
    rule.to = {Recipient{Audience::customer, {}}};
    rule.template_name = std::move(template_name);
    return rule;
}

Error refusal_of(std::vector<NotificationRule> rules) {
    auto made = Rules::make(std::move(rules), TemplateSet::standard());
    EXPECT_FALSE(made);
    return made ? Error{} : made.error();
}

Error refusal_of(const char* json_text) {
    auto read = Rules::from_json(nlohmann::json::parse(json_text));
    EXPECT_FALSE(read);
    return read ? Error{} : read.error();
}

AuditEvent event(std::string action, Role role = Role::agent) {
    AuditEvent e;
    e.action = std::move(action);
    e.actor = {ActorId{"someone"}, role};
    return e;
}

TEST(notify_rules, standard_rules_cover_the_documents_promises_with_shipped_templates) {
    const Rules rules = Rules::standard();
    std::vector<std::string> actions;
    for (const NotificationRule& rule : rules.rules()) {
        EXPECT_TRUE(rules.templates().contains(rule.template_name)) << rule.template_name;
        actions.insert(actions.end(), rule.on.begin(), rule.on.end());
    }
    for (const char* promised : {"open", "assign", "add_note", "request_info", "sla_warning",
                                 "sla_breach", "sla_escalation", "resolve", "confirm", "close"}) {
        EXPECT_NE(std::find(actions.begin(), actions.end(), promised), actions.end()) << promised;
    }
}

TEST(notify_rules, the_acknowledgement_is_never_held_but_progress_updates_are) {
    const Rules rules = Rules::standard();
    for (const NotificationRule& rule : rules.rules()) {
        if (rule.template_name == "acknowledgement") {
            EXPECT_FALSE(rule.quiet_hours);
        }
        if (rule.template_name == "progress_update") {
            EXPECT_TRUE(rule.quiet_hours);
        }
    }
}

TEST(notify_rules, refuses_an_unknown_event_naming_it) {
    const Error error = refusal_of({rule_on("open"), rule_on("resolved")});
    EXPECT_EQ(error.field, "rules[1].on[0]");
    EXPECT_NE(error.message.find("'resolved'"), std::string::npos);
}

TEST(notify_rules, refuses_an_unknown_template) {
    EXPECT_EQ(refusal_of({rule_on("open", "welcome")}).field, "rules[0].template");
}

TEST(notify_rules, refuses_to_hold_sla_alerts_for_quiet_hours) {
    NotificationRule held = rule_on("sla_breach", "sla_breach");
    held.quiet_hours = true;
    EXPECT_EQ(refusal_of({held}).field, "rules[0].quiet_hours");
}

TEST(notify_rules, refuses_rules_without_events_or_recipients_and_unknown_metrics) {
    NotificationRule no_events = rule_on("open");
    no_events.on.clear();
    EXPECT_EQ(refusal_of({no_events}).field, "rules[0].on");
    NotificationRule nobody = rule_on("open");
    nobody.to.clear();
    EXPECT_EQ(refusal_of({nobody}).field, "rules[0].to");
    NotificationRule metric = rule_on("sla_warning", "sla_warning");
    metric.metrics = {"resolution", "response"};
    EXPECT_EQ(refusal_of({metric}).field, "rules[0].metrics[1]");
    NotificationRule blank_channel = rule_on("open");
    blank_channel.channel = "　";
    EXPECT_EQ(refusal_of({blank_channel}).field, "rules[0].channel");
}

// A rule waiting for a change of a field the engine never records would never fire.
TEST(notify_rules, refuses_a_change_of_a_field_the_engine_does_not_record) {
    NotificationRule moved = rule_on("dispatch", "assignment");
    moved.changed = {"owner", "assignee"};
    const Error error = refusal_of({moved});
    EXPECT_EQ(error.code, ErrorCode::validation_failed);
    EXPECT_EQ(error.field, "rules[0].changed[1]");
    EXPECT_NE(error.message.find("'assignee'"), std::string::npos) << error.message;
    moved.changed = {"owner", "team", "state", "priority"};
    EXPECT_TRUE(Rules::make({moved}, TemplateSet::standard()));
}

TEST(notify_rules, recipients_parse_from_their_text_form) {
    EXPECT_EQ(Recipient::parse("owner").value(), (Recipient{Audience::owner, {}}));
    const Recipient duty{Audience::contact, "duty-manager"};
    EXPECT_EQ(Recipient::parse("contact:duty-manager").value(), duty);
    EXPECT_EQ(duty.to_string(), "contact:duty-manager");
    EXPECT_FALSE(Recipient::parse("contact"));
    EXPECT_FALSE(Recipient::parse("contact: "));
    EXPECT_FALSE(Recipient::parse("boss"));
}

TEST(notify_rules, fires_only_on_the_events_visibility_roles_changes_metrics_and_tickets_it_names) {
    NotificationRule rule = rule_on("add_note", "progress_update");
    rule.visibility = Visibility::customer;
    rule.by = {Role::agent};
    rule.when.categories = {"hardware_fault"};
    Ticket ticket;
    ticket.category = "hardware_fault";
    AuditEvent note = event("add_note");
    note.visibility = Visibility::customer;
    EXPECT_TRUE(rule.fires_on(note, ticket));
    EXPECT_FALSE(rule.fires_on(event("attach"), ticket));
    AuditEvent internal = note;
    internal.visibility = Visibility::internal;
    EXPECT_FALSE(rule.fires_on(internal, ticket));
    AuditEvent by_customer = note;
    by_customer.actor.role = Role::customer;
    EXPECT_FALSE(rule.fires_on(by_customer, ticket));
    Ticket software = ticket;
    software.category = "software_bug";
    EXPECT_FALSE(rule.fires_on(note, software));

    NotificationRule owner_changes = rule_on("dispatch", "assignment");
    owner_changes.changed = {"owner"};
    AuditEvent dispatched = event("dispatch");
    dispatched.changes = {{"team", "", "field-service"}};
    EXPECT_FALSE(owner_changes.fires_on(dispatched, ticket));
    dispatched.changes.push_back({"owner", "", "li"});
    EXPECT_TRUE(owner_changes.fires_on(dispatched, ticket));

    NotificationRule next_update = rule_on("sla_warning", "sla_warning");
    next_update.metrics = {"next_update"};
    AuditEvent warning = event("sla_warning", Role::system);
    warning.details = {{"metric", "resolution"}};
    EXPECT_FALSE(next_update.fires_on(warning, ticket));
    warning.details["metric"] = "next_update";
    EXPECT_TRUE(next_update.fires_on(warning, ticket));
}

TEST(notify_rules, json_round_trips_rules_contacts_and_templates) {
    Rules rules = Rules::standard();
    ASSERT_TRUE(rules.set_contact(
        "supervisor",
        {"王主管", {{"email", "wang@example.com"}}, "zh-CN", "Asia/Shanghai", "office"}));
    const auto back = Rules::from_json(rules.to_json());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, rules);
    EXPECT_EQ(back->calendars(), std::vector<std::string>{"office"});
}

TEST(notify_rules, json_leaving_out_templates_uses_the_standard_ones) {
    const auto read = Rules::from_json(nlohmann::json::parse(R"({
        "rules": [{"name": "ack", "on": ["open"], "to": ["customer", "contact:duty"],
                   "channel": "sms", "template": "acknowledgement"}],
        "contacts": {"duty": {"name": "值班经理", "addresses": {"sms": "+86 138 0000 0000"}}},
        "customer_defaults": {"locale": "en", "time_zone": "Europe/Berlin"}})"));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->templates(), TemplateSet::standard());
    EXPECT_EQ(read->rules()[0].to[1], (Recipient{Audience::contact, "duty"}));
    EXPECT_EQ(read->customer_defaults().locale, "en");
}

TEST(notify_rules, the_documented_json_lays_its_templates_over_the_standard_ones) {
    std::ifstream file(TICKETFLOW_SOURCE_DIR "/examples/notifications/rules.json");
    const auto read = Rules::from_json(nlohmann::json::parse(file));
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->rules().size(), 3u);
    EXPECT_EQ(read->rules()[1].when.tiers, std::vector<CustomerTier>{CustomerTier::vip});
    EXPECT_EQ(read->calendars(), std::vector<std::string>{"office"});
    const TemplateSet& standard = TemplateSet::standard();
    const TemplateSet& templates = read->templates();
    EXPECT_EQ(templates.names(), standard.names());
    EXPECT_EQ(templates.variables().at("desk_phone"), "400-800-1234");
    TemplateContext context;
    context.set("ticket.number", "HT1");
    EXPECT_EQ(templates.render("acknowledgement", "en", context).value().subject,
              "We have your request: HT1");
    EXPECT_EQ(templates.render("acknowledgement", "zh-CN", context).value().subject,
              standard.render("acknowledgement", "zh-CN", context).value().subject);
    TemplateSet expected = standard;
    expected.set_variable("desk_phone", "400-800-1234").value();
    EXPECT_EQ(templates.render("closure", "en", context).value(),
              expected.render("closure", "en", context).value());
}

TEST(notify_rules, json_errors_name_the_path) {
    EXPECT_EQ(refusal_of(R"({"rules": [{"on": ["open"], "to": ["boss"],
                                        "template": "acknowledgement"}]})")
                  .field,
              "rules[0].to[0]");
    EXPECT_EQ(refusal_of(R"({"rules": [{"on": "open"}]})").field, "rules[0].on");
    EXPECT_EQ(refusal_of(R"({"contacts": {"duty": {"time_zone": "Mars/Olympus"}}})").field,
              "contacts.duty.time_zone");
    EXPECT_EQ(refusal_of(R"({"contacts": {"duty": {"addresses": {"email": " "}}}})").field,
              "contacts.duty.addresses.email");
    const Error in_templates = refusal_of(R"({"templates": {"templates": {"welcome": {"en":
        {"subject": "{{ticket.numbr}}", "body": "hi"}}}}})");
    EXPECT_EQ(in_templates.field.rfind("templates.", 0), 0u) << in_templates.field;
    EXPECT_NE(in_templates.message.find("ticket.numbr"), std::string::npos);
}

}  // namespace
}  // namespace ticketflow::notify
