#pragma once
// Commands that record something on an open ticket without moving its lifecycle state: notes,
// priority, collaborators, attachments. Each checks the actor's role and the input, then applies
// the change to the ticket copy and describes it in the audit entry. Errors leave both untouched in
// meaning: the caller discards the copy.

#include <string>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow::detail {

/// `after_close`: the workflow allows notes on closed and cancelled tickets.
Result<void> add_note(Ticket& ticket, AuditEvent& entry, const std::string& text,
                      Visibility visibility, const IntakePolicy& policy, bool after_close);
Result<void> change_priority(Ticket& ticket, AuditEvent& entry, Priority priority,
                             const std::string& reason, const IntakePolicy& policy);
/// The checks and the description of a change of SLA policy; the clocks are SlaTracker's.
Result<void> prepare_sla_policy_change(const Ticket& ticket, AuditEvent& entry,
                                       const std::string& reason, const IntakePolicy& policy);
Result<void> add_collaborator(Ticket& ticket, AuditEvent& entry, const AgentId& agent,
                              const std::string& role, const IntakePolicy& policy);
Result<void> remove_collaborator(Ticket& ticket, AuditEvent& entry, const AgentId& agent);
Result<void> attach(Ticket& ticket, AuditEvent& entry, const Attachment& attachment,
                    const IntakePolicy& policy, bool after_close);

}  // namespace ticketflow::detail
