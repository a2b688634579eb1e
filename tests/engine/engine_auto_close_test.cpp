// Auto-close by `tick`: an unanswered customer wait and an unconfirmed resolution close at the
// business instant the workflow says, exactly once, also across an engine restart.

#include <algorithm>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "../sla/calendar_test_support.hpp"
#include "support/engine_fixture.hpp"

namespace ticketflow {
namespace {

using sla::testing_support::local;
using testing::kCustomer;
using testing::kOwner;
using testing::kSupervisor;

class engine_auto_close : public ::testing::Test {
  protected:
    sla::Calendar office = sla::testing_support::calendar(sla::testing_support::shanghai_office);
    // Monday 2024-09-30 17:00: one business hour left before the National Day week off.
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(local(office, "2024-09-30 17:00"));
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();

    std::unique_ptr<Engine> make_engine() {
        EngineConfig config;
        config.calendars.emplace("office", office);
        config.workflow.auto_close.calendar = "office";
        config.workflow.auto_close.waiting = std::chrono::hours{8};
        config.workflow.auto_close.resolved = std::chrono::hours{8};
        return Engine::create(store, clock, config).value();
    }

    Ticket in_progress(Engine& engine) {
        const Ticket t = engine.open(testing::sample_draft(), kCustomer).value();
        (void)engine.assign(t.id, kSupervisor, AgentId{"agent-1"}).value();
        return engine.start(t.id, kOwner).value();
    }

    int count(TicketId id, const std::string& action) {
        const auto trail = store->audit_trail(id).value();
        return static_cast<int>(std::count_if(trail.begin(), trail.end(),
                                              [&](const auto& e) { return e.action == action; }));
    }

    // One business hour on Monday, the holiday week off, then 09:00-12:00 and 13:30-18:00 on
    // Tuesday 10-08: eight business hours end at 17:30 that Tuesday.
    Timestamp due() const { return local(office, "2024-10-08 17:30"); }
};

TEST_F(engine_auto_close, closes_an_unanswered_customer_wait_at_the_business_instant_once) {
    auto engine = make_engine();
    const Ticket t = in_progress(*engine);
    ASSERT_TRUE(engine->request_info(t.id, kOwner, "Which firmware version?"));

    EXPECT_TRUE(engine->tick(local(office, "2024-10-05 12:00")).events.empty());  // a holiday
    EXPECT_TRUE(engine->tick(due() - std::chrono::seconds{1}).events.empty());
    EXPECT_EQ(engine->get(t.id)->state, TicketState::waiting);

    const auto report = engine->tick(due());
    ASSERT_EQ(report.events.size(), 1u);
    EXPECT_EQ(report.events[0].action, "auto_close");
    EXPECT_EQ(report.events[0].actor.role, Role::system);
    const Ticket closed = engine->get(t.id).value();
    EXPECT_EQ(closed.state, TicketState::closed);
    EXPECT_EQ(closed.closure_code, "no_response");
    EXPECT_EQ(closed.closed_at, due());

    EXPECT_TRUE(engine->tick(due() + std::chrono::hours{48}).events.empty());
    EXPECT_EQ(count(t.id, "auto_close"), 1);
}

TEST_F(engine_auto_close, a_reply_in_time_stops_the_auto_close) {
    auto engine = make_engine();
    const Ticket t = in_progress(*engine);
    ASSERT_TRUE(engine->request_info(t.id, kOwner, "Which firmware version?"));
    clock->set(local(office, "2024-10-08 10:00"));
    ASSERT_TRUE(engine->customer_replied(t.id, kCustomer, "v2.1"));
    engine->tick(due() + std::chrono::hours{1});
    EXPECT_EQ(engine->get(t.id)->state, TicketState::in_progress);
    EXPECT_EQ(count(t.id, "auto_close"), 0);
}

TEST_F(engine_auto_close, a_vendor_wait_does_not_close_by_itself) {
    auto engine = make_engine();
    const Ticket t = in_progress(*engine);
    ASSERT_EQ(engine->hold(t.id, kOwner, "waiting_vendor")->status, "waiting_vendor");
    engine->tick(due() + std::chrono::hours{100});
    EXPECT_EQ(engine->get(t.id)->state, TicketState::waiting);
}

TEST_F(engine_auto_close, closes_an_unconfirmed_resolution_and_survives_a_restart) {
    {
        auto engine = make_engine();
        const Ticket t = in_progress(*engine);
        ASSERT_TRUE(engine->resolve(t.id, kOwner, "Replaced the fuser"));
    }
    clock->set(local(office, "2024-10-08 10:00"));
    auto restarted = make_engine();  // knows the due instant from the stored ticket alone
    const TicketId id = restarted->find({}).value().items.front().id;
    EXPECT_EQ(restarted->next_sla_deadline().value_or(Timestamp{}) <= due(), true);
    EXPECT_TRUE(restarted->tick(due() - std::chrono::seconds{1}).events.empty());
    const auto report = restarted->tick(due());
    ASSERT_EQ(report.events.size(), 1u);
    const Ticket closed = restarted->get(id).value();
    EXPECT_EQ(closed.state, TicketState::closed);
    EXPECT_EQ(closed.closure_code, "unconfirmed");

    auto again = make_engine();
    EXPECT_TRUE(again->tick(due() + std::chrono::hours{24}).events.empty());
    EXPECT_EQ(count(id, "auto_close"), 1);
}

TEST_F(engine_auto_close, refuses_a_calendar_the_engine_does_not_have) {
    EngineConfig config;
    config.workflow.auto_close.waiting = std::chrono::hours{8};
    config.workflow.auto_close.calendar = "nowhere";
    const auto refused = Engine::create(store, clock, config);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "workflow.auto_close.calendar");
}

TEST_F(engine_auto_close, refuses_auto_close_the_profile_has_switched_off) {
    EngineConfig config;
    config.workflow = lifecycle::Workflow::documents();  // no auto_close out of waiting
    config.workflow.auto_close.waiting = std::chrono::hours{8};
    const auto refused = Engine::create(store, clock, config);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "workflow.auto_close");
}

}  // namespace
}  // namespace ticketflow
