#include "engine/record_commands.hpp"

#include <algorithm>

#include "engine/lifecycle_command.hpp"
#include "engine/refusal.hpp"

namespace ticketflow::detail {
namespace {

bool is_staff(Role role) {
    return role != Role::customer;
}

// Notes, priority, collaborators and attachments belong to tickets still being worked on; notes
// and attachments also to closed ones where the workflow allows additions after closing.
Result<void> require_open(const Ticket& ticket, const char* action, bool after_close = false) {
    if (!is_terminal(ticket.state) || after_close) return {};
    return refusal(ErrorCode::invalid_transition, ticket,
                   std::string("cannot ") + action + " on a " +
                       std::string(to_string(ticket.state)) + " ticket");
}

Result<void> require_staff(const Ticket& ticket, Role role, const char* action) {
    if (is_staff(role)) return {};
    return refusal(ErrorCode::permission_denied, ticket,
                   std::string("role '") + std::string(to_string(role)) + "' may not " + action,
                   "actor.role");
}

}  // namespace

Result<void> add_note(Ticket& ticket, AuditEvent& entry, const std::string& text,
                      Visibility visibility, const IntakePolicy& policy, bool after_close) {
    if (auto open = require_open(ticket, "add a note", after_close); !open) return open;
    if (visibility == Visibility::internal) {
        if (auto staff = require_staff(ticket, entry.actor.role, "add internal notes"); !staff) {
            return staff;
        }
    }
    if (auto checked = policy.check_text(text, "text", true); !checked) return checked;
    entry.action = "add_note";
    entry.note = text;
    entry.visibility = visibility;
    return {};
}

Result<void> change_priority(Ticket& ticket, AuditEvent& entry, Priority priority,
                             const std::string& reason, const IntakePolicy& policy) {
    if (auto open = require_open(ticket, "change the priority"); !open) return open;
    const Role role = entry.actor.role;
    if (auto staff = require_staff(ticket, role, "change the priority"); !staff) return staff;
    const bool touches_urgent = priority == Priority::urgent || ticket.priority == Priority::urgent;
    if (touches_urgent && role == Role::agent) {
        return refusal(ErrorCode::permission_denied, ticket,
                       "only a supervisor may raise a ticket to urgent or lower it from urgent",
                       "priority");
    }
    if (auto checked = policy.check_text(reason, "reason", true); !checked) return checked;
    if (priority == ticket.priority) {
        return validation_error("priority",
                                "the ticket is already " + std::string(to_string(priority)));
    }
    ticket.priority = priority;
    entry.action = "change_priority";
    entry.reason = reason;
    entry.visibility = Visibility::customer;
    return {};
}

Result<void> prepare_sla_policy_change(const Ticket& ticket, AuditEvent& entry,
                                       const std::string& reason, const IntakePolicy& policy) {
    if (auto open = require_open(ticket, "change the SLA policy"); !open) return open;
    const Role role = entry.actor.role;
    if (role != Role::supervisor && role != Role::admin) {
        return refusal(ErrorCode::permission_denied, ticket,
                       "only a supervisor or an admin may change the SLA policy", "actor.role");
    }
    if (auto checked = policy.check_text(reason, "reason", true); !checked) return checked;
    entry.action = "change_sla_policy";
    entry.reason = reason;
    return {};
}

Result<void> add_collaborator(Ticket& ticket, AuditEvent& entry, const AgentId& agent,
                              const std::string& role, const IntakePolicy& policy) {
    if (auto open = require_open(ticket, "add a collaborator"); !open) return open;
    if (auto staff = require_staff(ticket, entry.actor.role, "add collaborators"); !staff) {
        return staff;
    }
    if (auto valid = policy.check_id(agent.value(), "agent"); !valid) return valid;
    if (auto valid = policy.check_line(role, "role", false); !valid) return valid;
    auto& helpers = ticket.collaborators;
    if (agent == ticket.owner ||
        std::find(helpers.begin(), helpers.end(), agent) != helpers.end()) {
        return validation_error("agent", agent.value() + " already works on this ticket");
    }
    helpers.push_back(agent);
    entry.action = "add_collaborator";
    if (!role.empty()) {
        ticket.collaborator_roles[agent.value()] = role;
        entry.details["role"] = role;
    }
    return {};
}

Result<void> remove_collaborator(Ticket& ticket, AuditEvent& entry, const AgentId& agent) {
    if (auto open = require_open(ticket, "remove a collaborator"); !open) return open;
    if (auto staff = require_staff(ticket, entry.actor.role, "remove collaborators"); !staff) {
        return staff;
    }
    auto& helpers = ticket.collaborators;
    const auto found = std::find(helpers.begin(), helpers.end(), agent);
    if (found == helpers.end()) {
        return validation_error("agent", agent.value() + " is not a collaborator");
    }
    helpers.erase(found);
    ticket.collaborator_roles.erase(agent.value());
    entry.action = "remove_collaborator";
    return {};
}

Result<void> attach(Ticket& ticket, AuditEvent& entry, const Attachment& attachment,
                    const IntakePolicy& policy, bool after_close) {
    if (auto open = require_open(ticket, "attach a file", after_close); !open) return open;
    const std::size_t index = ticket.attachments.size();
    if (index >= policy.attachments.max_count) {
        return validation_error(
            "attachments",
            "at most " + std::to_string(policy.attachments.max_count) + " attachments per ticket");
    }
    const std::string field = "attachments[" + std::to_string(index) + "]";
    if (auto checked = policy.attachments.check(attachment, field); !checked) return checked;
    ticket.attachments.push_back(attachment);
    entry.action = "attach";
    entry.note = attachment.name;
    entry.visibility =
        entry.actor.role == Role::customer ? Visibility::customer : Visibility::internal;
    return {};
}

}  // namespace ticketflow::detail
