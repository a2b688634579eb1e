// What real desks do under the standard profile: statuses and waits, team queues, direct resolve
// and close with closure codes, notes after closing, re-resolve, un-cancel; and the SLA pause per
// status, checked against clocks recomputed from the audit trail.

#include <chrono>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow {
namespace {

using testing::kCustomer;
using testing::kOwner;
using testing::kSupervisor;

class engine_workflow : public testing::EngineFixture {};

TEST_F(engine_workflow, an_agent_resolves_a_new_ticket_at_first_contact_and_owns_it) {
    const Ticket t = open();
    const Ticket resolved = engine.resolve(t.id, kOwner, "Reset the paper path").value();
    EXPECT_EQ(resolved.state, TicketState::resolved);
    EXPECT_EQ(resolved.owner, owner_agent());
    EXPECT_EQ(resolved.status, "resolved");
}

TEST_F(engine_workflow, an_agent_resolves_an_assigned_ticket_without_an_explicit_start) {
    const Ticket t = ticket_in(TicketState::assigned);
    EXPECT_EQ(engine.resolve(t.id, kOwner, "Fixed on the phone")->state, TicketState::resolved);
}

TEST_F(engine_workflow, a_supervisor_closes_any_open_ticket_with_a_closure_code) {
    for (const auto state : {TicketState::new_, TicketState::assigned, TicketState::in_progress,
                             TicketState::waiting, TicketState::escalated}) {
        SCOPED_TRACE(std::string(to_string(state)));
        const Ticket t = ticket_in(state);
        const Ticket closed = engine.close(t.id, kSupervisor, "", "duplicate").value();
        EXPECT_EQ(closed.state, TicketState::closed);
        EXPECT_EQ(closed.closure_code, "duplicate");
        EXPECT_EQ(closed.status, "closed");
        const auto trail = engine.audit_trail(t.id).value();
        EXPECT_EQ(trail.back().details.at("closure_code"), "duplicate");
    }
}

TEST_F(engine_workflow, refuses_a_closure_code_the_workflow_does_not_know_and_changes_nothing) {
    const Ticket t = ticket_in(TicketState::in_progress);
    const auto refused = engine.close(t.id, kSupervisor, "", "gone fishing");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "closure_code");
    EXPECT_EQ(engine.get(t.id)->version, t.version);
    const auto misplaced = [&] {
        LifecycleCommand resolve{LifecycleEvent::resolve};
        resolve.solution = "x";
        resolve.closure_code = "solved";
        return engine.fire(t.id, kOwner, resolve);
    }();
    EXPECT_EQ(misplaced.error().field, "closure_code");
}

TEST_F(engine_workflow, unassign_puts_an_assigned_ticket_back_into_its_team_queue) {
    const Ticket t = engine.assign(open().id, kSupervisor, owner_agent(), TeamId{"l1"}).value();
    const Ticket queued = engine.unassign(t.id, kOwner, "going on leave").value();
    EXPECT_EQ(queued.state, TicketState::new_);
    EXPECT_TRUE(queued.owner.value().empty());
    EXPECT_EQ(queued.team, TeamId{"l1"});
    // Somebody of the queue picks it up by starting work.
    const Ticket started = engine.start(t.id, Actor::agent("agent-2")).value();
    EXPECT_EQ(started.owner, AgentId{"agent-2"});
    EXPECT_EQ(started.state, TicketState::in_progress);
}

TEST_F(engine_workflow, transfer_moves_a_waiting_ticket_to_another_team_and_keeps_the_wait) {
    const Ticket t = ticket_in(TicketState::waiting);
    const Ticket moved = engine.transfer(t.id, kOwner, TeamId{"field"}, "needs a visit").value();
    EXPECT_EQ(moved.state, TicketState::waiting);
    EXPECT_EQ(moved.status, "waiting_customer");
    EXPECT_EQ(moved.team, TeamId{"field"});
    EXPECT_TRUE(moved.owner.value().empty());
    const Ticket claimed = engine.claim(t.id, Actor::agent("agent-7")).value();
    EXPECT_EQ(claimed.owner, AgentId{"agent-7"});
    EXPECT_EQ(claimed.state, TicketState::waiting);
}

TEST_F(engine_workflow, a_claim_of_a_ticket_somebody_owns_is_refused_while_work_goes_on) {
    const Ticket t = ticket_in(TicketState::in_progress);
    const auto refused = engine.claim(t.id, Actor::agent("agent-7"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
}

TEST_F(engine_workflow, waits_have_statuses_and_a_command_moves_between_them) {
    const Ticket t = ticket_in(TicketState::in_progress);
    EXPECT_EQ(engine.hold(t.id, kOwner)->status, "waiting_vendor");
    const Ticket parts = engine.set_status(t.id, kOwner, "waiting_parts").value();
    EXPECT_EQ(parts.state, TicketState::waiting);
    EXPECT_EQ(parts.status, "waiting_parts");
    const auto trail = engine.audit_trail(t.id).value();
    EXPECT_EQ(trail.back().action, "set_status");
    ASSERT_EQ(trail.back().changes.size(), 1u);
    EXPECT_EQ(trail.back().changes[0].field, "status");
    EXPECT_EQ(trail.back().changes[0].before, "waiting_vendor");

    const auto elsewhere = engine.set_status(t.id, kOwner, "in_progress");
    EXPECT_EQ(elsewhere.error().field, "status");
    EXPECT_EQ(engine.set_status(t.id, kOwner, "waiting_parts").error().field, "status");
    EXPECT_EQ(engine.set_status(t.id, kOwner, "nonsense").error().field, "status");
    EXPECT_EQ(engine.resume(t.id, kOwner)->status, "in_progress");
}

TEST_F(engine_workflow, request_info_lands_in_the_customer_wait_unless_told_otherwise) {
    const Ticket t = ticket_in(TicketState::in_progress);
    LifecycleCommand ask{LifecycleEvent::request_info};
    ask.message = "Please send a photo of the label";
    ask.status = "waiting_parts";
    EXPECT_EQ(engine.fire(t.id, kOwner, ask)->status, "waiting_parts");
    EXPECT_EQ(ticket_in(TicketState::waiting).status, "waiting_customer");
}

TEST_F(engine_workflow, notes_and_attachments_go_on_closed_tickets_without_reopening) {
    const Ticket t = ticket_in(TicketState::closed);
    const Ticket noted = engine.add_note(t.id, kOwner, "Customer called to say thanks").value();
    EXPECT_EQ(noted.state, TicketState::closed);
    EXPECT_EQ(noted.version, t.version + 1);
}

TEST_F(engine_workflow, resolves_again_to_update_the_solution_and_escalates_a_resolved_ticket) {
    const Ticket t = ticket_in(TicketState::resolved);
    EXPECT_EQ(engine.resolve(t.id, kOwner, "Replaced the fuser and the roller")->solution,
              "Replaced the fuser and the roller");
    const Ticket up = engine.escalate(t.id, kOwner, "keeps coming back").value();
    EXPECT_EQ(up.state, TicketState::escalated);
    EXPECT_FALSE(up.resolved_at.has_value());
}

TEST_F(engine_workflow, brings_a_cancelled_ticket_back_with_a_supervisors_approval) {
    const Ticket t = ticket_in(TicketState::cancelled);
    EXPECT_EQ(engine.reopen(t.id, kCustomer, "not a duplicate after all").error().code,
              ErrorCode::permission_denied);
    const Ticket back =
        engine.reopen(t.id, kCustomer, "not a duplicate after all", kSupervisor).value();
    EXPECT_EQ(back.state, TicketState::new_);
    EXPECT_TRUE(back.closure_code.empty());
    EXPECT_EQ(back.reopen_count, 1u);
}

TEST(engine_workflow_documents, keeps_the_documents_flow_strict) {
    EngineConfig config;
    config.workflow = lifecycle::Workflow::documents();
    Engine engine(std::make_shared<MemoryStore>(),
                  std::make_shared<ManualClock>(from_unix_seconds(1696118400)), config);
    const Ticket t = engine.open(testing::sample_draft(), kCustomer).value();
    EXPECT_EQ(engine.resolve(t.id, kOwner, "x").error().code, ErrorCode::invalid_transition);
    EXPECT_EQ(engine.close(t.id, kSupervisor, "dup").error().code, ErrorCode::invalid_transition);
    ASSERT_TRUE(engine.cancel(t.id, kCustomer, "dup"));
    EXPECT_EQ(engine.add_note(t.id, kOwner, "late note").error().code,
              ErrorCode::invalid_transition);
}

// ---------------------------------------------------------------------------------------------
// SLA pause per status: a vendor wait runs the resolution clock, a customer wait stops it.

/// The resolution time a ticket has used by `now`, recomputed from its audit trail alone: the
/// time between consecutive entries counts unless the status in force pauses resolution.
std::chrono::seconds resolution_used(const std::vector<AuditEvent>& trail, Timestamp now,
                                     const std::map<std::string, bool>& pauses_resolution) {
    std::chrono::seconds used{0};
    std::string status = "new";
    Timestamp since = trail.front().at;
    const auto count = [&](Timestamp until) {
        if (!pauses_resolution.at(status)) {
            used += std::chrono::duration_cast<std::chrono::seconds>(until - since);
        }
        since = until;
    };
    for (const auto& entry : trail) {
        count(entry.at);
        for (const auto& change : entry.changes) {
            if (change.field == "status") status = change.after;
        }
    }
    count(now);
    return used;
}

TEST_F(engine_workflow, a_vendor_wait_keeps_the_resolution_clock_running_a_customer_wait_stops_it) {
    const Ticket t = ticket_in(TicketState::in_progress);
    clock->advance(std::chrono::hours{1});
    ASSERT_TRUE(engine.hold(t.id, kOwner, "waiting_vendor"));
    clock->advance(std::chrono::hours{2});
    ASSERT_TRUE(engine.resume(t.id, kOwner, "vendor sent a patch"));
    clock->advance(std::chrono::hours{1});
    ASSERT_TRUE(engine.request_info(t.id, kOwner, "Did the patch help?"));
    clock->advance(std::chrono::hours{3});
    ASSERT_TRUE(engine.customer_replied(t.id, kCustomer, "Partly"));
    clock->advance(std::chrono::minutes{30});

    const std::map<std::string, bool> pauses{{"new", false},
                                             {"assigned", false},
                                             {"in_progress", false},
                                             {"waiting_vendor", false},
                                             {"waiting_customer", true}};
    const auto trail = engine.audit_trail(t.id).value();
    const auto want = resolution_used(trail, clock->now(), pauses);
    const auto got = engine.sla_status(t.id)->metric(Metric::resolution).elapsed;
    EXPECT_EQ(got, want);
    EXPECT_EQ(got, std::chrono::minutes{270});  // 1h + 2h vendor + 1h + 30m; not the 3h wait
}

}  // namespace
}  // namespace ticketflow
