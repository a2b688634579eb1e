// The engine writes the notifications its rules ask for into the outbox, in the same unit of work
// as the change, on every store: nothing for a refused command, one entry per key, SLA alerts at
// once, customer messages held until business hours, delivered by the relay at Monday's opening.
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/notifiers.hpp>
#include <ticketflow/notify/relay.hpp>
#include <ticketflow/ticketflow.hpp>

#include "sla/calendar_test_support.hpp"
#include "support/engine_fixture.hpp"
#include "support/store_kinds.hpp"

namespace ticketflow::testing {
namespace {

using namespace std::chrono_literals;
using sla::testing_support::local;

const AgentId kOwnerAgent{kOwner.id.value()};

template <class Kind>
class engine_notifications : public ::testing::Test {
  protected:
    sla::Calendar office = sla::testing_support::calendar(sla::testing_support::shanghai_office);
    std::shared_ptr<Store> store = Kind::make();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(local(office, "2024-10-18 10:00"));  // a Friday
    std::unique_ptr<Engine> engine = make_engine();

    std::unique_ptr<Engine> make_engine() {
        EngineConfig config;
        config.calendars.emplace("office", office);
        sla::Policy policy = sla::Policy::standard();
        policy.calendar = "office";
        config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
        config.time_zone = office.time_zone();
        notify::Rules rules = notify::Rules::standard();
        rules.set_contact("agent:agent-1", {"李工", {{"email", "li@example.com"}}, "", "", ""})
            .value();
        rules.set_contact("supervisor", {"王主管", {{"email", "wang@example.com"}}, "", "", ""})
            .value();
        rules.set_contact("customer:cust-1", {"", {}, "", "", "office"}).value();
        config.notifications = rules;
        return Engine::create(store, clock, config).value();
    }

    std::vector<OutboxEntry> outbox(std::optional<TicketId> ticket = std::nullopt) {
        OutboxQuery query;
        query.ticket = ticket;
        query.limit = OutboxQuery::max_limit;
        auto page = store->outbox(query);
        return page.value();
    }

    static std::string template_of(const OutboxEntry& entry) {
        return nlohmann::json::parse(entry.payload)["template"].template get<std::string>();
    }
};

TYPED_TEST_SUITE(engine_notifications, StoreKinds, StoreKindNames);

TYPED_TEST(engine_notifications, opening_acknowledges_the_customer_with_the_stored_number) {
    const Ticket t = this->engine->open(sample_draft(), kCustomer).value();
    const auto entries = this->outbox(t.id);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].key, t.number + "/1/email/service@example.com");
    EXPECT_EQ(entries[0].event_sequence, 1u);
    EXPECT_EQ(entries[0].due_at, t.created_at);
    const auto payload = nlohmann::json::parse(entries[0].payload);
    EXPECT_EQ(payload["ticket"], t.number);
    EXPECT_NE(payload["subject"].template get<std::string>().find(t.number), std::string::npos);
}

TYPED_TEST(engine_notifications, each_change_queues_its_messages_with_its_own_event) {
    const Ticket t = this->engine->open(sample_draft(), kCustomer).value();
    this->engine->assign(t.id, kSupervisor, kOwnerAgent).value();
    this->engine->start(t.id, kOwner).value();  // nobody is told
    this->engine->add_note(t.id, kOwner, "internal only").value();
    this->engine->add_note(t.id, kOwner, "已定位原因，今日修复", Visibility::customer).value();
    const auto entries = this->outbox(t.id);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(this->template_of(entries[1]), "assignment");
    EXPECT_EQ(entries[1].recipient, "li@example.com");
    EXPECT_EQ(entries[1].event_sequence, 2u);
    EXPECT_EQ(this->template_of(entries[2]), "progress_update");
    EXPECT_EQ(entries[2].event_sequence, 5u);
    EXPECT_NE(nlohmann::json::parse(entries[2].payload)["body"].template get<std::string>().find(
                  "已定位原因，今日修复"),
              std::string::npos);
}

TYPED_TEST(engine_notifications, a_refused_command_queues_nothing) {
    const Ticket t = this->engine->open(sample_draft(), kCustomer).value();
    ASSERT_FALSE(this->engine->resolve(t.id, kCustomer, "works again"));
    ASSERT_FALSE(this->engine->assign(t.id, kCustomer, kOwnerAgent));
    EXPECT_EQ(this->outbox(t.id).size(), 1u);
}

TYPED_TEST(engine_notifications, sla_alerts_reach_the_supervisor_at_once_even_at_night) {
    const Ticket t = this->engine->open(sample_draft(), kCustomer).value();
    this->clock->set(local(this->office, "2024-10-19 23:00"));  // Saturday night
    const TickReport report = this->engine->tick();
    ASSERT_FALSE(report.events.empty());
    std::size_t alerts = 0;
    for (const OutboxEntry& entry : this->outbox(t.id)) {
        const std::string kind = this->template_of(entry);
        if (kind.rfind("sla_", 0) != 0) continue;
        ++alerts;
        EXPECT_EQ(entry.recipient, "wang@example.com");
        EXPECT_EQ(entry.due_at, entry.created_at);
    }
    EXPECT_GE(alerts, 1u);
}

TYPED_TEST(engine_notifications, a_resolution_on_saturday_night_is_delivered_at_monday_opening) {
    const Ticket t = this->engine->open(sample_draft(), kCustomer).value();
    this->engine->assign(t.id, kSupervisor, kOwnerAgent).value();
    this->engine->start(t.id, kOwner).value();
    // Deliver what is due so far, then resolve late on Saturday.
    std::vector<std::string> delivered;
    notify::Relay relay{this->store, this->clock};
    relay.add_notifier("email",
                       std::make_shared<notify::CallbackNotifier>([&](const OutboxEntry& entry) {
                           delivered.push_back(this->template_of(entry));
                           return notify::Delivery::ok();
                       }));
    relay.pump().value();
    delivered.clear();
    this->clock->set(local(this->office, "2024-10-19 22:30"));
    this->engine->tick();
    this->engine->resolve(t.id, kOwner, "更换定影器").value();

    relay.pump().value();
    this->clock->set(local(this->office, "2024-10-20 12:00"));  // Sunday noon
    relay.pump().value();
    EXPECT_EQ(std::count(delivered.begin(), delivered.end(), "resolution_confirmation"), 0);
    this->clock->set(local(this->office, "2024-10-21 08:59:59"));
    relay.pump().value();
    EXPECT_EQ(std::count(delivered.begin(), delivered.end(), "resolution_confirmation"), 0);
    this->clock->set(local(this->office, "2024-10-21 09:00"));
    relay.pump().value();
    EXPECT_EQ(std::count(delivered.begin(), delivered.end(), "resolution_confirmation"), 1);
    relay.pump().value();
    EXPECT_EQ(std::count(delivered.begin(), delivered.end(), "resolution_confirmation"), 1);
}

TYPED_TEST(engine_notifications, concurrent_commands_each_queue_exactly_their_own_messages) {
    constexpr int kThreads = 4;
    constexpr int kTickets = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kTickets; ++i) {
                TicketDraft draft = sample_draft("thread " + std::to_string(t));
                draft.customer.email =
                    "c" + std::to_string(t) + "-" + std::to_string(i) + "@example.com";
                const Ticket opened = this->engine->open(draft, kCustomer).value();
                this->engine->assign(opened.id, kSupervisor, kOwnerAgent).value();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    const auto entries = this->outbox();
    ASSERT_EQ(entries.size(), 2u * kThreads * kTickets);  // acknowledgement and assignment
    std::set<std::string> keys;
    for (const OutboxEntry& entry : entries) keys.insert(entry.key);
    EXPECT_EQ(keys.size(), entries.size());
}

TYPED_TEST(engine_notifications, an_engine_without_rules_queues_nothing) {
    Engine quiet{this->store, this->clock};
    const Ticket t = quiet.open(sample_draft(), kCustomer).value();
    quiet.assign(t.id, kSupervisor, kOwnerAgent).value();
    EXPECT_TRUE(this->outbox(t.id).empty());
}

/// The application's records, which may name calendars the engine does not have.
class Crm final : public notify::ContactDirectory {
  public:
    std::optional<notify::Contact> find(std::string_view key) const override {
        if (key != "customer:cust-1") return std::nullopt;
        return notify::Contact{"王先生", {{"email", "crm@example.com"}}, "", "", "head-office"};
    }
};

TEST(engine_notifications_config, a_directory_contact_with_an_unknown_calendar_is_not_held) {
    EngineConfig config;
    config.notifications = notify::Rules::standard();
    config.contacts = std::make_shared<Crm>();
    auto store = std::make_shared<MemoryStore>();
    auto clock = std::make_shared<ManualClock>(from_unix_seconds(1729348200));  // Saturday
    Engine engine{store, clock, config};
    const Ticket t = engine.open(sample_draft(), kCustomer).value();
    engine.assign(t.id, kSupervisor, kOwnerAgent).value();
    engine.start(t.id, kOwner).value();
    engine.resolve(t.id, kOwner, "更换定影器").value();  // a rule with quiet hours
    OutboxQuery query;
    query.ticket = t.id;
    const auto entries = store->outbox(query).value();
    ASSERT_EQ(entries.size(), 2u);  // acknowledgement and confirmation request
    for (const OutboxEntry& entry : entries) {
        EXPECT_EQ(entry.recipient, "crm@example.com");
        EXPECT_EQ(entry.due_at, entry.created_at);
    }
}

TEST(engine_notifications_config, a_contact_calendar_the_engine_lacks_is_refused_at_construction) {
    EngineConfig config;
    config.notifications = notify::Rules::standard();
    config.notifications.set_contact("supervisor", {"王主管", {}, "", "", "office"}).value();
    const auto broken =
        Engine::create(std::make_shared<MemoryStore>(), std::make_shared<ManualClock>(), config);
    ASSERT_FALSE(broken) << "an engine with a dangling calendar name was built";
    EXPECT_EQ(broken.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(broken.error().field, "notifications");
    EXPECT_NE(broken.error().message.find("'office'"), std::string::npos);
}

}  // namespace
}  // namespace ticketflow::testing
