// Every (state, event, role) triple through the engine: an allowed one moves the ticket to the
// lifecycle table's target and appends exactly one audit event; a refused one returns the table's
// error, names the ticket, state and event, and changes neither the ticket nor its audit trail.
#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {
namespace {

// A command carrying every input any event may need.
LifecycleCommand complete_command(LifecycleEvent event) {
    LifecycleCommand command{event};
    command.assignee = AgentId{"agent-2"};
    command.team = TeamId{"l2"};
    command.reason = "the customer asked for it";
    command.solution = "replaced the fuser unit";
    command.message = "which firmware version do you run?";
    command.satisfaction = Satisfaction{5, "很好"};
    command.approved_by = kSupervisor;
    // Only the events that carry them: a status or closure code elsewhere is refused by design.
    if (event == LifecycleEvent::set_status) command.status = "waiting_parts";
    const bool closes = event == LifecycleEvent::close || event == LifecycleEvent::auto_close ||
                        event == LifecycleEvent::cancel;
    if (closes) command.closure_code = "duplicate";
    return command;
}

/// The actor of a role: the ticket's customer as a customer, its owner as an agent.
Actor actor_in(Role role) {
    return role == Role::customer ? kCustomer : Actor{kOwner.id, role};
}

/// What the table says for this actor on this ticket: the actor's real stake, every input given.
lifecycle::Transition table_answer(const Ticket& ticket, LifecycleEvent event, Role role,
                                   const lifecycle::Profile& profile) {
    auto input = lifecycle::Input::complete(role, &profile);
    input.ticket_has_owner = !ticket.owner.value().empty();
    input.actor_is_owner = ticket.owner.value() == kOwner.id.value() && role != Role::customer;
    input.actor_is_collaborator = false;
    input.actor_in_queue = !input.ticket_has_owner;  // no directory: every queue is everyone's
    input.actor_is_customer = role == Role::customer;
    return lifecycle::fire(ticket.state, event, input);
}

template <class Fixture>
void follow_the_table(Fixture& f, const lifecycle::Profile& profile) {
    int checked = 0;
    for (const TicketState state : all_values<TicketState>()) {
        for (const LifecycleEvent event : all_values<LifecycleEvent>()) {
            for (const Role role : all_values<Role>()) {
                SCOPED_TRACE(std::string(to_string(state)) + " × " + std::string(to_string(event)) +
                             " × " + std::string(to_string(role)));
                const Ticket before = f.ticket_in(state);
                const auto trail_before = f.engine.audit_trail(before.id).value();
                auto expected = table_answer(before, event, role, profile);
                // The only status the complete command names belongs to `waiting`.
                if (expected.allowed && event == LifecycleEvent::set_status &&
                    state != TicketState::waiting) {
                    expected.allowed = false;
                    expected.refusal = ErrorCode::validation_failed;
                }

                const auto result =
                    f.engine.fire(before.id, actor_in(role), complete_command(event));

                ASSERT_EQ(result.has_value(), expected.allowed)
                    << (result ? "" : result.error().message);
                if (expected.allowed) {
                    EXPECT_EQ(result->state, expected.target);
                    EXPECT_EQ(result->version, before.version + 1);
                    EXPECT_EQ(f.engine.audit_trail(before.id).value().size(),
                              trail_before.size() + 1);
                } else {
                    const Error& error = result.error();
                    EXPECT_EQ(error.code, expected.refusal);
                    EXPECT_EQ(error.ticket, before.id);
                    EXPECT_EQ(error.state, state);
                    EXPECT_EQ(error.event, event);
                    EXPECT_NE(error.message.find(before.number), std::string::npos);
                    EXPECT_EQ(f.engine.get(before.id).value(), before);
                    EXPECT_EQ(f.engine.audit_trail(before.id).value(), trail_before);
                }
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 8 * 19 * 5);
}

class engine_lifecycle_matrix : public EngineFixture {
  public:
    using EngineFixture::engine;
    using EngineFixture::ticket_in;
};

class engine_lifecycle_matrix_documents : public DocumentsEngineFixture {
  public:
    using EngineFixture::engine;
    using EngineFixture::ticket_in;
};

TEST_F(engine_lifecycle_matrix, follows_the_standard_table_for_every_state_event_and_role) {
    follow_the_table(*this, lifecycle::Profile::standard());
}

TEST_F(engine_lifecycle_matrix_documents,
       follows_the_documents_table_for_every_state_event_and_role) {
    follow_the_table(*this, lifecycle::Profile::documents());
}

TEST_F(engine_lifecycle_matrix, refuses_missing_inputs_without_changing_anything) {
    struct Case {
        TicketState state;
        LifecycleEvent event;
        Actor actor;
        LifecycleCommand command;
        const char* field;
    };
    const Case cases[] = {
        {TicketState::new_, LifecycleEvent::assign, kSupervisor,
         LifecycleCommand{LifecycleEvent::assign}, "assignee"},
        {TicketState::assigned, LifecycleEvent::reassign, kSupervisor,
         [] {
             LifecycleCommand c{LifecycleEvent::reassign};
             c.assignee = AgentId{"a2"};
             return c;
         }(),
         "reason"},
        {TicketState::in_progress, LifecycleEvent::resolve, kOwner,
         LifecycleCommand{LifecycleEvent::resolve}, "solution"},
        {TicketState::resolved, LifecycleEvent::confirm, kCustomer,
         [] {
             LifecycleCommand c{LifecycleEvent::confirm};
             c.satisfaction = Satisfaction{6, ""};
             return c;
         }(),
         "satisfaction"},
        {TicketState::in_progress, LifecycleEvent::escalate, kOwner,
         [] {
             LifecycleCommand c{LifecycleEvent::escalate};
             c.reason = " \t　";
             return c;
         }(),
         "reason"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(to_string(c.event)));
        const Ticket before = ticket_in(c.state);
        const auto trail = engine.audit_trail(before.id).value();
        const auto result = engine.fire(before.id, c.actor, c.command);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(result.error().field, c.field);
        EXPECT_EQ(engine.get(before.id).value(), before);
        EXPECT_EQ(engine.audit_trail(before.id).value(), trail);
    }
}

TEST_F(engine_lifecycle_matrix, reopen_needs_a_supervisors_approval) {
    const Ticket closed = ticket_in(TicketState::closed);
    const auto without = engine.reopen(closed.id, kOwner, "still jams");
    ASSERT_FALSE(without);
    EXPECT_EQ(without.error().code, ErrorCode::permission_denied);

    const auto with = engine.reopen(closed.id, kOwner, "still jams", kSupervisor);
    ASSERT_TRUE(with);
    EXPECT_EQ(with->state, TicketState::in_progress);
    EXPECT_EQ(with->reopen_count, 1u);
    EXPECT_FALSE(with->closed_at);
    EXPECT_NE(engine.audit_trail(closed.id).value().back().note.find("approved by lead-1"),
              std::string::npos);
}

TEST_F(engine_lifecycle_matrix, only_the_owner_may_start_work) {
    const Ticket assigned = ticket_in(TicketState::assigned);
    const auto other = engine.start(assigned.id, Actor::agent("agent-9"));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(engine.start(assigned.id, kOwner));
}

}  // namespace
}  // namespace ticketflow::testing
