// Who may act on which ticket: customers on their own tickets only, agents on tickets they own or
// help with (or, where the profile allows, unowned tickets of their team's queue), supervisors,
// admins and the system on any.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow {
namespace {

using testing::kCustomer;
using testing::kOwner;
using testing::kSupervisor;

const Actor kStranger = Actor::customer("someone-else");
const Actor kOtherAgent = Actor::agent("agent-2");

class engine_ownership : public testing::EngineFixture {
  protected:
    std::size_t trail_size(const Ticket& t) { return store->audit_trail(t.id)->size(); }
};

TEST_F(engine_ownership, a_customer_cannot_confirm_reject_or_note_another_customers_ticket) {
    const Ticket t = ticket_in(TicketState::resolved);
    const auto before = trail_size(t);
    const auto confirmed = engine.confirm(t.id, kStranger, {1, "ha"});
    ASSERT_FALSE(confirmed);
    EXPECT_EQ(confirmed.error().code, ErrorCode::permission_denied);
    EXPECT_NE(confirmed.error().message.find("own tickets"), std::string::npos);
    EXPECT_EQ(engine.reject(t.id, kStranger, "nope").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(engine.add_note(t.id, kStranger, "hi", Visibility::customer).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(trail_size(t), before);
    EXPECT_EQ(engine.get(t.id)->state, TicketState::resolved);
    EXPECT_TRUE(engine.confirm(t.id, kCustomer, {5, "thanks"}));
}

TEST_F(engine_ownership, a_customer_cannot_cancel_answer_or_reopen_another_customers_ticket) {
    const Ticket waiting = ticket_in(TicketState::waiting);
    EXPECT_EQ(engine.customer_replied(waiting.id, kStranger, "x").error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(engine.cancel(waiting.id, kStranger, "x").error().code, ErrorCode::permission_denied);
    const Ticket closed = ticket_in(TicketState::closed);
    EXPECT_EQ(engine.reopen(closed.id, kStranger, "x", kSupervisor).error().code,
              ErrorCode::permission_denied);
}

TEST_F(engine_ownership, a_customer_opens_tickets_only_for_themselves) {
    const auto refused = engine.open(testing::sample_draft(), kStranger);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(refused.error().field, "customer.id");
    EXPECT_TRUE(engine.open(testing::sample_draft(), kOwner));  // staff open for customers
}

TEST_F(engine_ownership, an_agent_cannot_resolve_or_close_a_ticket_someone_else_owns) {
    const Ticket t = ticket_in(TicketState::in_progress);
    const auto resolved = engine.resolve(t.id, kOtherAgent, "not mine");
    ASSERT_FALSE(resolved);
    EXPECT_EQ(resolved.error().code, ErrorCode::permission_denied);
    EXPECT_NE(resolved.error().message.find("owner or a collaborator"), std::string::npos);
    EXPECT_EQ(engine.request_info(t.id, kOtherAgent, "?").error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(engine.hold(t.id, kOtherAgent).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(engine.get(t.id)->state, TicketState::in_progress);
}

TEST_F(engine_ownership, a_collaborator_and_a_supervisor_may_resolve) {
    const Ticket t = ticket_in(TicketState::in_progress);
    ASSERT_TRUE(engine.add_collaborator(t.id, kOwner, AgentId{"agent-2"}, "parts"));
    EXPECT_TRUE(engine.resolve(t.id, kOtherAgent, "Swapped the board"));
    const Ticket u = ticket_in(TicketState::in_progress);
    EXPECT_TRUE(engine.resolve(u.id, kSupervisor, "Closed on the phone"));
}

TEST_F(engine_ownership, lists_only_what_the_actor_may_do_to_this_ticket) {
    const Ticket t = ticket_in(TicketState::in_progress);
    const auto mine = engine.allowed_events(t.id, kOwner).value();
    const auto theirs = engine.allowed_events(t.id, kOtherAgent).value();
    const auto has = [](const std::vector<LifecycleEvent>& events, LifecycleEvent e) {
        return std::find(events.begin(), events.end(), e) != events.end();
    };
    EXPECT_TRUE(has(mine, LifecycleEvent::resolve));
    EXPECT_FALSE(has(theirs, LifecycleEvent::resolve));
    EXPECT_TRUE(has(theirs, LifecycleEvent::escalate));  // anyone on staff may escalate
    const Ticket r = ticket_in(TicketState::resolved);
    EXPECT_TRUE(engine.allowed_events(r.id, kStranger)->empty());
    EXPECT_FALSE(engine.allowed_events(r.id, kCustomer)->empty());
}

/// Customers log in as contacts ("alice@acme"); the application knows whose contacts they are.
class ContactsOfAccounts : public CustomerAccess {
  public:
    bool acts_for(const Actor& actor, const Customer& customer) const override {
        const auto at = actor.id.value().find('@');
        return at != std::string::npos && actor.id.value().substr(at + 1) == customer.id.value();
    }
};

TEST(engine_ownership_access, follows_the_applications_mapping_of_actors_to_customers) {
    EngineConfig config;
    config.customer_access = std::make_shared<ContactsOfAccounts>();
    Engine engine(std::make_shared<MemoryStore>(),
                  std::make_shared<ManualClock>(from_unix_seconds(1696118400)), config);
    const Ticket t = engine.open(testing::sample_draft(), Actor::customer("alice@cust-1")).value();
    EXPECT_TRUE(
        engine.add_note(t.id, Actor::customer("bob@cust-1"), "me too", Visibility::customer));
    EXPECT_EQ(engine.cancel(t.id, Actor::customer("cust-1"), "x").error().code,
              ErrorCode::permission_denied);
}

class engine_queue_work : public ::testing::Test {
  protected:
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();

    std::unique_ptr<Engine> make_engine(lifecycle::Workflow workflow) {
        EngineConfig config;
        config.workflow = std::move(workflow);
        dispatch::Team l1;
        l1.id = TeamId{"l1"};
        l1.name = "First line";
        dispatch::Agent member;
        member.id = AgentId{"agent-1"};
        member.teams = {TeamId{"l1"}};
        dispatch::Agent outsider;
        outsider.id = AgentId{"agent-9"};
        config.directory = dispatch::Directory::make({l1}, {member, outsider}).value();
        return Engine::create(store, clock, config).value();
    }
};

TEST_F(engine_queue_work, a_team_member_works_an_unowned_ticket_of_the_queue_and_others_do_not) {
    auto engine = make_engine({});
    Ticket t = engine->open(testing::sample_draft(), kCustomer).value();
    t = engine->transfer(t.id, kSupervisor, TeamId{"l1"}, "first line").value();
    EXPECT_EQ(engine->start(t.id, Actor::agent("agent-9")).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(engine->start(t.id, Actor::agent("agent-1"))->owner, AgentId{"agent-1"});
}

TEST_F(engine_queue_work, the_documents_profile_has_no_queue_work) {
    auto engine = make_engine(lifecycle::Workflow::documents());
    Ticket t = engine->open(testing::sample_draft(), kCustomer).value();
    t = engine->escalate(t.id, kSupervisor, "tier 2", TeamId{"l1"}).value();
    EXPECT_EQ(engine->resolve(t.id, Actor::agent("agent-1"), "x").error().code,
              ErrorCode::permission_denied);
}

}  // namespace
}  // namespace ticketflow
