// The composer: which messages a change causes, to which addresses, in which language and time
// zone, and when quiet hours hold them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/composer.hpp>

#include "sla/calendar_test_support.hpp"

namespace ticketflow::notify {
namespace {

using sla::testing_support::local;
using sla::testing_support::shanghai_office;

class notify_composer : public ::testing::Test {
  protected:
    sla::Calendar office = sla::testing_support::calendar(shanghai_office);
    OpeningHours opening = [this](const std::string& name, Timestamp at) {
        EXPECT_EQ(name, "office");
        return office.next_open(at).value();
    };

    Rules rules = [] {
        Rules made = Rules::standard();
        made.set_contact(
                "agent:li",
                {"李工", {{"email", "li@example.com"}}, "zh-CN", "Asia/Shanghai", "office"})
            .value();
        made.set_contact("agent:ann",
                         {"Ann", {{"email", "ann@example.com"}}, "en", "Europe/Berlin", ""})
            .value();
        made.set_contact("supervisor:field-service",
                         {"王主管", {{"email", "wang@example.com"}}, "", "", ""})
            .value();
        made.set_contact("supervisor", {"Desk lead", {{"email", "lead@example.com"}}, "", "", ""})
            .value();
        return made;
    }();

    Ticket ticket = [] {
        Ticket t;
        t.id = TicketId{7};
        t.number = "HT202410190001";
        t.title = "打印机卡纸";
        t.customer.id = CustomerId{"c-42"};
        t.customer.name = "华东精密制造有限公司";
        t.customer.contact_person = "张先生";
        t.customer.email = "zhang@example.com";
        t.category = "hardware_fault";
        return t;
    }();

    std::vector<OutboxMessage> compose(const Rules& with, const std::vector<AuditEvent>& events,
                                       SlaDue due = {}) {
        const Composer composer{with, nullptr, opening, TimeZone::locate("Asia/Shanghai").value()};
        return composer.compose(ticket, events, [&] { return due; });
    }
    std::vector<OutboxMessage> compose(const std::vector<AuditEvent>& events, SlaDue due = {}) {
        return compose(rules, events, std::move(due));
    }

    AuditEvent event(std::string action, Actor actor, Timestamp at) {
        AuditEvent e;
        e.action = std::move(action);
        e.actor = std::move(actor);
        e.at = at;
        return e;
    }

    static nlohmann::json payload(const OutboxMessage& message) {
        return nlohmann::json::parse(message.payload);
    }
};

TEST_F(notify_composer, acknowledges_the_customer_with_the_number_and_the_expected_response) {
    const Timestamp at = local(office, "2024-10-21 10:00");
    SlaDue due;
    due.first_response = at + std::chrono::hours{4};
    const auto messages = compose({event("open", Actor::customer("c-42"), at)}, due);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].event, 0u);
    EXPECT_EQ(messages[0].channel, "email");
    EXPECT_EQ(messages[0].recipient, "zhang@example.com");
    EXPECT_FALSE(messages[0].not_before);
    const auto sent = payload(messages[0]);
    EXPECT_EQ(sent["template"], "acknowledgement");
    EXPECT_EQ(sent["locale"], "zh-CN");
    EXPECT_EQ(sent["ticket"], "HT202410190001");
    EXPECT_EQ(sent["recipient"]["kind"], "customer");
    EXPECT_EQ(sent["recipient"]["name"], "张先生");
    const std::string text = sent["subject"].get<std::string>() + sent["body"].get<std::string>();
    EXPECT_NE(text.find("HT202410190001"), std::string::npos) << text;
    EXPECT_NE(text.find("2024-10-21 14:00 UTC+08:00"), std::string::npos) << text;
}

TEST_F(notify_composer, writes_to_each_recipient_in_their_language_and_time_zone) {
    ticket.owner = AgentId{"ann"};
    ticket.team = TeamId{"field-service"};
    const Timestamp at = local(office, "2024-10-21 10:00");
    SlaDue due;
    due.resolution = at + std::chrono::hours{8};  // 18:00 Shanghai, 12:00 Berlin (CEST)
    AuditEvent assigned = event("assign", Actor::supervisor("wang"), at);
    assigned.changes = {{"owner", "", "ann"}};
    const auto messages = compose({assigned}, due);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].recipient, "ann@example.com");
    const auto sent = payload(messages[0]);
    EXPECT_EQ(sent["locale"], "en");
    EXPECT_NE(sent["body"].get<std::string>().find("2024-10-21 12:00 UTC+02:00"), std::string::npos)
        << sent["body"];
}

TEST_F(notify_composer, does_not_tell_agents_what_they_did_themselves) {
    ticket.owner = AgentId{"li"};
    AuditEvent claimed = event("claim", Actor::agent("li"), local(office, "2024-10-21 10:00"));
    claimed.changes = {{"owner", "", "li"}};
    EXPECT_TRUE(compose({claimed}).empty());
    claimed.actor = Actor::supervisor("wang");
    EXPECT_EQ(compose({claimed}).size(), 1u);
}

TEST_F(notify_composer, sends_nothing_where_there_is_no_address) {
    ticket.customer.email.clear();
    ticket.owner = AgentId{"nobody-knows"};
    const Timestamp at = local(office, "2024-10-21 10:00");
    EXPECT_TRUE(compose({event("open", Actor::customer("c-42"), at)}).empty());
    AuditEvent assigned = event("assign", Actor::supervisor("wang"), at);
    assigned.changes = {{"owner", "", "nobody-knows"}};
    EXPECT_TRUE(compose({assigned}).empty());
}

TEST_F(notify_composer, asks_the_teams_own_supervisor_before_the_desk_wide_one) {
    AuditEvent breach = event("sla_breach", Actor::system(), local(office, "2024-10-21 10:00"));
    breach.details = {{"metric", "resolution"}, {"target", "8h"}, {"at", "2024-10-21T02:00:00Z"}};
    ticket.team = TeamId{"field-service"};
    auto messages = compose({breach});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].recipient, "wang@example.com");
    ticket.team = TeamId{"rd"};
    messages = compose({breach});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].recipient, "lead@example.com");
    const std::string body = payload(messages[0])["body"];
    EXPECT_NE(body.find("2024-10-21 10:00 UTC+08:00"), std::string::npos) << body;
}

TEST_F(notify_composer, holds_customer_messages_created_on_saturday_night_until_monday_opening) {
    Rules held = rules;
    held.set_contact("customer:c-42", {"", {}, "", "", "office"}).value();
    ticket.solution = "更换定影器";
    const Timestamp saturday_night = local(office, "2024-10-19 22:30");
    const auto messages = compose(held, {event("resolve", Actor::agent("li"), saturday_night)});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].recipient, "zhang@example.com");  // the ticket's address still
    ASSERT_TRUE(messages[0].not_before);
    EXPECT_EQ(*messages[0].not_before, local(office, "2024-10-21 09:00"));
    // Inside business hours nothing waits.
    const auto now =
        compose(held, {event("resolve", Actor::agent("li"), local(office, "2024-10-21 09:30"))});
    ASSERT_EQ(now.size(), 1u);
    EXPECT_FALSE(now[0].not_before);
}

TEST_F(notify_composer, never_holds_sla_alerts_even_at_night) {
    Rules held = rules;
    held.set_contact("supervisor", {"Desk lead", {{"email", "lead@example.com"}}, "", "", "office"})
        .value();
    AuditEvent breach = event("sla_breach", Actor::system(), local(office, "2024-10-19 23:00"));
    const auto messages = compose(held, {breach});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_FALSE(messages[0].not_before);
}

TEST_F(notify_composer, writes_each_collaborator_once_per_event_even_when_two_rules_match) {
    NotificationRule collaborators;
    collaborators.name = "collaborators";
    collaborators.on = {"add_note", "reopen"};
    collaborators.to = {Recipient{Audience::collaborators, {}}, Recipient{Audience::owner, {}}};
    collaborators.template_name = "reopened";
    std::vector<NotificationRule> all = rules.rules();
    all.push_back(collaborators);
    const Rules more = Rules::make(all, rules.templates(), rules.contacts()).value();
    ticket.owner = AgentId{"li"};
    ticket.collaborators = {AgentId{"li"}, AgentId{"ann"}, AgentId{"unknown"}};
    const auto messages = compose(
        more, {event("reopen", Actor::supervisor("wang"), local(office, "2024-10-21 10:00"))});
    std::vector<std::string> to;
    for (const auto& m : messages) to.push_back(m.recipient);
    EXPECT_EQ(to, (std::vector<std::string>{"li@example.com", "ann@example.com"}));
}

TEST_F(notify_composer, indexes_each_message_by_its_causing_event_and_asks_for_sla_once) {
    const Timestamp at = local(office, "2024-10-21 10:00");
    AuditEvent warning = event("sla_warning", Actor::system(), at);
    warning.details = {{"metric", "first_response"}};
    ticket.team = TeamId{"field-service"};
    ticket.owner = AgentId{"li"};
    int asked = 0;
    const Composer composer{rules, nullptr, opening, TimeZone::utc()};
    const auto messages =
        composer.compose(ticket, {warning, event("start", Actor::agent("li"), at), warning}, [&] {
            ++asked;
            return SlaDue{};
        });
    ASSERT_EQ(messages.size(), 4u);  // owner and supervisor, for events 0 and 2
    EXPECT_EQ(messages[0].event, 0u);
    EXPECT_EQ(messages[3].event, 2u);
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(composer
                    .compose(ticket, {event("start", Actor::agent("li"), at)},
                             [&] {
                                 ++asked;
                                 return SlaDue{};
                             })
                    .empty());
    EXPECT_EQ(asked, 1);
}

TEST_F(notify_composer, fills_every_standard_placeholder_for_a_full_ticket) {
    std::string body;
    for (const std::string& name : standard_placeholders())
        body += name + "={{" + name + "|MISSING}}\n";
    TemplateSet templates;
    templates.add("everything", "en", "all", body).value();
    NotificationRule rule;
    rule.on = {"sla_escalation"};
    rule.to = {Recipient{Audience::customer, {}}};
    rule.template_name = "everything";
    const Rules all = Rules::make({rule}, templates, rules.contacts()).value();
    ticket.description = "固件升级后卡纸";
    ticket.region = "east";
    ticket.owner = AgentId{"li"};
    ticket.team = TeamId{"field-service"};
    ticket.solution = "更换定影器";
    ticket.satisfaction = Satisfaction{5, "好"};
    ticket.created_at = local(office, "2024-10-21 09:00");
    ticket.resolved_at = local(office, "2024-10-21 11:00");
    ticket.closed_at = local(office, "2024-10-21 12:00");
    ticket.product = {"LP-3200", "LP3200-000917", "HT-2024-001", std::nullopt, std::nullopt};
    AuditEvent step = event("sla_escalation", Actor::system(), local(office, "2024-10-21 10:00"));
    step.reason = "resolution breach";
    step.note = "raised to high";
    step.details = {{"metric", "resolution"},
                    {"target", "8h"},
                    {"at", "2024-10-21T02:00:00Z"},
                    {"step", "raise_priority"}};
    const Timestamp at = local(office, "2024-10-21 10:00");
    const SlaDue due{"gold", at, at, at};
    const auto messages = compose(all, {step}, due);
    ASSERT_EQ(messages.size(), 1u);
    const std::string rendered = payload(messages[0])["body"];
    EXPECT_EQ(rendered.find("MISSING"), std::string::npos) << rendered;
    EXPECT_NE(rendered.find("ticket.owner=李工"), std::string::npos) << rendered;
}

class Directory final : public ContactDirectory {
  public:
    std::optional<Contact> find(std::string_view key) const override {
        if (key == "customer:c-42") {
            return Contact{"Mr Zhang", {{"email", "crm-zhang@example.com"}}, "en", "UTC", ""};
        }
        return std::nullopt;
    }
};

TEST_F(notify_composer, asks_the_applications_directory_before_the_contact_book_and_the_ticket) {
    const Composer composer{rules, std::make_shared<Directory>(), opening, TimeZone::utc()};
    const auto messages = composer.compose(
        ticket, {event("open", Actor::customer("c-42"), local(office, "2024-10-21 10:00"))},
        [] { return SlaDue{}; });
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].recipient, "crm-zhang@example.com");
    EXPECT_EQ(payload(messages[0])["locale"], "en");
    EXPECT_EQ(payload(messages[0])["recipient"]["name"], "Mr Zhang");
}

TEST_F(notify_composer, composes_nothing_without_rules) {
    const Composer composer{Rules{}, nullptr, opening, TimeZone::utc()};
    EXPECT_TRUE(composer.silent());
    EXPECT_TRUE(composer
                    .compose(ticket, {event("open", Actor::customer("c-42"), Timestamp{})},
                             [] { return SlaDue{}; })
                    .empty());
}

}  // namespace
}  // namespace ticketflow::notify
