#include "engine/lifecycle_command.hpp"

#include <algorithm>

#include "engine/command_input.hpp"

namespace ticketflow::detail {
namespace {

bool is_staff_approver(const Actor& actor) {
    return actor.role == Role::supervisor || actor.role == Role::admin;
}

// Events the customer gets to see in their ticket history; the rest is internal routing.
bool customer_visible(LifecycleEvent event) {
    switch (event) {
        case LifecycleEvent::assign:
        case LifecycleEvent::claim:
        case LifecycleEvent::reassign:
        case LifecycleEvent::escalate:
            return false;
        default:
            return true;
    }
}

void set_owner(Ticket& ticket, AgentId owner, const TeamId& team) {
    // An owner is never also listed as a collaborator on the same ticket.
    auto& helpers = ticket.collaborators;
    helpers.erase(std::remove(helpers.begin(), helpers.end(), owner), helpers.end());
    ticket.collaborator_roles.erase(owner.value());
    ticket.owner = std::move(owner);
    if (!team.value().empty()) ticket.team = team;
}

}  // namespace

Result<void> check_command_inputs(const LifecycleCommand& command, const IntakePolicy& policy) {
    const std::pair<std::string_view, const char*> texts[] = {
        {command.reason, "reason"},
        {command.solution, "solution"},
        {command.message, "message"},
        {command.satisfaction ? std::string_view(command.satisfaction->comment) : "",
         "satisfaction.comment"},
    };
    for (const auto& [text, field] : texts) {
        if (auto checked = policy.check_text(text, field, false); !checked) return checked;
    }
    // Only what is given is checked: whether an assignee is required is the table's decision.
    const std::pair<std::string_view, const char*> ids[] = {
        {command.assignee.value(), "assignee"},
        {command.team.value(), "team"},
    };
    for (const auto& [id, field] : ids) {
        if (id.empty()) continue;
        if (auto checked = policy.check_id(id, field); !checked) return checked;
    }
    if (command.approved_by) return check_actor(*command.approved_by, policy, "approved_by");
    return {};
}

lifecycle::Input lifecycle_input(const Ticket& ticket, const Actor& actor,
                                 const LifecycleCommand& command) {
    lifecycle::Input input;
    input.role = actor.role;
    input.actor_is_owner =
        !ticket.owner.value().empty() && ticket.owner.value() == actor.id.value();
    input.has_assignee = !is_blank(command.assignee.value());
    input.has_reason = !is_blank(command.reason);
    input.has_solution = !is_blank(command.solution);
    input.satisfaction = command.satisfaction ? command.satisfaction->score : 0;
    input.supervisor_approval = is_staff_approver(actor) ||
                                (command.approved_by && is_staff_approver(*command.approved_by));
    return input;
}

void apply_effects(Ticket& ticket, const Actor& actor, const LifecycleCommand& command,
                   Timestamp now) {
    switch (command.event) {
        case LifecycleEvent::assign:
        case LifecycleEvent::reassign:
            set_owner(ticket, command.assignee, command.team);
            break;
        case LifecycleEvent::claim:
            set_owner(ticket, AgentId{actor.id.value()}, command.team);
            break;
        case LifecycleEvent::escalate:
            if (!command.team.value().empty()) ticket.team = command.team;
            break;
        case LifecycleEvent::resolve:
            ticket.solution = command.solution;
            ticket.resolved_at = now;
            break;
        case LifecycleEvent::confirm:
            ticket.satisfaction = command.satisfaction;
            ticket.closed_at = now;
            break;
        case LifecycleEvent::reject:
            ++ticket.reject_count;
            ticket.resolved_at.reset();
            break;
        case LifecycleEvent::reopen:
            ++ticket.reopen_count;
            ticket.resolved_at.reset();
            ticket.closed_at.reset();
            break;
        case LifecycleEvent::auto_close:
        case LifecycleEvent::close:
        case LifecycleEvent::cancel:
            ticket.closed_at = now;
            break;
        case LifecycleEvent::start:
        case LifecycleEvent::request_info:
        case LifecycleEvent::customer_replied:
            break;
    }
}

void describe(AuditEvent& entry, const LifecycleCommand& command) {
    entry.action = std::string(to_string(command.event));
    entry.reason = command.reason;
    entry.note = command.event == LifecycleEvent::resolve ? command.solution : command.message;
    if (command.approved_by) {
        entry.note += (entry.note.empty() ? "" : "\n") + std::string("approved by ") +
                      command.approved_by->id.value();
    }
    entry.visibility =
        customer_visible(command.event) ? Visibility::customer : Visibility::internal;
}

}  // namespace ticketflow::detail
