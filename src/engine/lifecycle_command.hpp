#pragma once
// Turning a LifecycleCommand into lifecycle input, and applying what an allowed event does.

#include <string_view>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::detail {

/// Checks the shape of what the command carries: texts as multi-line text, the assignee and team
/// as ids when given, the approver as an actor (the score range is the table's). Whether a part is
/// required is decided by the lifecycle table, not here.
Result<void> check_command_inputs(const LifecycleCommand& command, const IntakePolicy& policy);

/// What the lifecycle table's guards get to see for `actor` firing `command` at `ticket`.
lifecycle::Input lifecycle_input(const Ticket& ticket, const Actor& actor,
                                 const LifecycleCommand& command);

/// Everything an allowed event changes besides the state: owner, team, solution, timestamps,
/// counters.
void apply_effects(Ticket& ticket, const Actor& actor, const LifecycleCommand& command,
                   Timestamp now);

/// Fills the audit entry's reason, note and visibility from the command.
void describe(AuditEvent& entry, const LifecycleCommand& command);

}  // namespace ticketflow::detail
