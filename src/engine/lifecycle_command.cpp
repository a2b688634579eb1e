#include "engine/lifecycle_command.hpp"

#include <algorithm>

#include "engine/command_input.hpp"
#include "engine/dispatcher.hpp"
#include "engine/refusal.hpp"

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
        case LifecycleEvent::unassign:
        case LifecycleEvent::transfer:
        case LifecycleEvent::set_status:
            return false;
        default:
            return true;
    }
}

bool carries_closure_code(LifecycleEvent event) {
    return event == LifecycleEvent::close || event == LifecycleEvent::auto_close ||
           event == LifecycleEvent::cancel;
}

/// Events an agent fires while working on the ticket: fired on an unowned ticket, they pick it
/// up from the queue, and the agent owns it from then on.
bool picks_up(LifecycleEvent event) {
    switch (event) {
        case LifecycleEvent::start:
        case LifecycleEvent::request_info:
        case LifecycleEvent::hold:
        case LifecycleEvent::resume:
        case LifecycleEvent::resolve:
        case LifecycleEvent::set_status:
            return true;
        default:
            return false;
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

void close_with(Ticket& ticket, const LifecycleCommand& command, Timestamp now) {
    ticket.closed_at = now;
    ticket.closure_code = command.closure_code;
}

/// Everything an allowed event changes besides state and status.
void apply_effects(Ticket& ticket, const Actor& actor, const LifecycleCommand& command,
                   TicketState from, Timestamp now) {
    switch (command.event) {
        case LifecycleEvent::assign:
        case LifecycleEvent::reassign:
            set_owner(ticket, command.assignee, command.team);
            break;
        case LifecycleEvent::claim:
            set_owner(ticket, AgentId{actor.id.value()}, command.team);
            break;
        case LifecycleEvent::unassign:
            ticket.owner = AgentId{};
            break;
        case LifecycleEvent::transfer:
            ticket.owner = AgentId{};
            ticket.team = command.team;
            break;
        case LifecycleEvent::escalate:
            if (!command.team.value().empty()) ticket.team = command.team;
            ticket.resolved_at.reset();  // escalating a resolved ticket takes the resolution back
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
            ticket.closure_code.clear();
            // A cancelled ticket comes back into its team's queue, for whoever takes it now.
            if (from == TicketState::cancelled) ticket.owner = AgentId{};
            break;
        case LifecycleEvent::auto_close:
        case LifecycleEvent::close:
        case LifecycleEvent::cancel:
            close_with(ticket, command, now);
            break;
        default:
            break;
    }
    const bool unowned = ticket.owner.value().empty();
    if (unowned && actor.role == Role::agent && picks_up(command.event)) {
        set_owner(ticket, AgentId{actor.id.value()}, {});
    }
}

Error lifecycle_refusal(const lifecycle::Transition& refused, LifecycleEvent event, Role role,
                        const Ticket& ticket) {
    Error error = refusal(refused.refusal, ticket,
                          "cannot " + std::string(to_string(event)) + " as " +
                              std::string(to_string(role)) + ": " + std::string(refused.reason),
                          std::string(refused.field));
    error.event = event;
    return error;
}

}  // namespace

LifecycleRunner::LifecycleRunner(const EngineConfig& config, const Dispatcher& dispatcher)
    : config_(config), dispatcher_(dispatcher) {}

Result<void> LifecycleRunner::check_inputs(const LifecycleCommand& command) const {
    const IntakePolicy& policy = config_.intake;
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
    // Only what is given is checked: whether a part is required is the table's decision.
    const std::pair<std::string_view, const char*> ids[] = {
        {command.assignee.value(), "assignee"},
        {command.team.value(), "team"},
        {command.status, "status"},
        {command.closure_code, "closure_code"},
    };
    for (const auto& [id, field] : ids) {
        if (id.empty()) continue;
        if (auto checked = policy.check_id(id, field); !checked) return checked;
    }
    if (!command.closure_code.empty()) {
        if (!carries_closure_code(command.event)) {
            return validation_error("closure_code",
                                    "only close, auto_close and cancel carry a closure code");
        }
        if (!config_.workflow.knows_closure_code(command.closure_code)) {
            return validation_error(
                "closure_code", "'" + command.closure_code + "' is not one of the closure codes");
        }
    }
    if (command.approved_by) return check_actor(*command.approved_by, policy, "approved_by");
    return {};
}

bool LifecycleRunner::acts_for_customer(const Actor& actor, const Customer& customer) const {
    if (actor.role != Role::customer) return false;
    if (!config_.customer_access) return SameIdCustomerAccess{}.acts_for(actor, customer);
    try {
        return config_.customer_access->acts_for(actor, customer);
    } catch (...) {
        return false;  // an application's check that fails cannot grant access
    }
}

lifecycle::Input LifecycleRunner::input(const Ticket& ticket, const Actor& actor,
                                        const LifecycleCommand& command) const {
    const AgentId as_agent{actor.id.value()};
    const auto& helpers = ticket.collaborators;
    lifecycle::Input in;
    in.role = actor.role;
    in.ticket_has_owner = !ticket.owner.value().empty();
    in.actor_is_owner = in.ticket_has_owner && ticket.owner == as_agent;
    in.actor_is_collaborator = std::find(helpers.begin(), helpers.end(), as_agent) != helpers.end();
    in.actor_in_queue = !in.ticket_has_owner && dispatcher_.works_queue_of(as_agent, ticket.team);
    in.actor_is_customer = acts_for_customer(actor, ticket.customer);
    in.has_assignee = !is_blank(command.assignee.value());
    in.has_team = !is_blank(command.team.value());
    in.has_reason = !is_blank(command.reason);
    in.has_closure_code = !command.closure_code.empty();
    in.has_solution = !is_blank(command.solution);
    in.has_status = !command.status.empty();
    in.satisfaction = command.satisfaction ? command.satisfaction->score : 0;
    in.supervisor_approval = is_staff_approver(actor) ||
                             (command.approved_by && is_staff_approver(*command.approved_by));
    in.profile = &config_.workflow.profile;
    return in;
}

const lifecycle::Status& LifecycleRunner::status_of(const Ticket& ticket) const {
    const auto& catalog = config_.workflow.statuses;
    const lifecycle::Status* current = catalog.find(ticket.status);
    return current != nullptr && current->state == ticket.state ? *current
                                                                : catalog.default_of(ticket.state);
}

std::optional<std::vector<Metric>> LifecycleRunner::status_pauses(const Ticket& ticket) const {
    return status_of(ticket).sla_pauses;
}

Result<const lifecycle::Status*> LifecycleRunner::next_status(
    const Ticket& ticket, TicketState target, const LifecycleCommand& command) const {
    const auto& catalog = config_.workflow.statuses;
    if (!command.status.empty()) {
        const lifecycle::Status* named = catalog.find(command.status);
        if (named == nullptr) {
            return refusal(ErrorCode::validation_failed, ticket,
                           "there is no status '" + command.status + "'", "status");
        }
        if (named->state != target) {
            return refusal(ErrorCode::validation_failed, ticket,
                           "status '" + command.status + "' belongs to " +
                               std::string(to_string(named->state)) + ", not " +
                               std::string(to_string(target)),
                           "status");
        }
        if (command.event == LifecycleEvent::set_status && named == &status_of(ticket)) {
            return refusal(ErrorCode::validation_failed, ticket,
                           "the ticket is already in status '" + command.status + "'", "status");
        }
        return named;
    }
    if (command.event == LifecycleEvent::request_info) return &catalog.customer_wait();
    if (command.event == LifecycleEvent::hold) return &catalog.other_wait();
    if (target == ticket.state) return &status_of(ticket);
    return &catalog.default_of(target);
}

Result<void> LifecycleRunner::run(Ticket& ticket, const Actor& actor,
                                  const LifecycleCommand& command, Timestamp now) const {
    if (auto valid = check_inputs(command); !valid) return valid;
    const auto transition =
        lifecycle::fire(ticket.state, command.event, input(ticket, actor, command));
    if (!transition) return lifecycle_refusal(transition, command.event, actor.role, ticket);
    const auto status = next_status(ticket, transition.target, command);
    if (!status) return status.error();
    if (command.event == LifecycleEvent::claim) {
        const AgentId claimant{actor.id.value()};
        if (auto allowed = dispatcher_.check_claim(ticket, claimant, now); !allowed) {
            return allowed;
        }
    }
    const TicketState from = ticket.state;
    ticket.state = transition.target;
    if (ticket.status != (*status)->id) {
        ticket.status = (*status)->id;
        ticket.status_since = now;
    }
    apply_effects(ticket, actor, command, from, now);
    if (command.event == LifecycleEvent::escalate && command.team.value().empty()) {
        // Up the support tiers as the directory links them.
        const TeamId next = dispatcher_.escalation_team(ticket.team);
        if (!next.value().empty()) ticket.team = next;
    }
    return {};
}

std::vector<LifecycleEvent> LifecycleRunner::allowed(const Ticket& ticket,
                                                     const Actor& actor) const {
    // Assume the inputs a menu would ask for, but not the actor's stake in the ticket: that is a
    // fact about the actor.
    auto assumed = input(ticket, actor, LifecycleCommand{});
    const auto facts = assumed;
    assumed = lifecycle::Input::complete(actor.role, &config_.workflow.profile);
    assumed.actor_is_owner = facts.actor_is_owner;
    assumed.actor_is_collaborator = facts.actor_is_collaborator;
    assumed.actor_in_queue = facts.actor_in_queue;
    assumed.actor_is_customer = facts.actor_is_customer;
    assumed.ticket_has_owner = facts.ticket_has_owner;
    std::vector<LifecycleEvent> events;
    for (const LifecycleEvent event : all_values<LifecycleEvent>()) {
        if (lifecycle::fire(ticket.state, event, assumed)) events.push_back(event);
    }
    return events;
}

void describe(AuditEvent& entry, const LifecycleCommand& command) {
    entry.action = std::string(to_string(command.event));
    entry.reason = command.reason;
    entry.note = command.event == LifecycleEvent::resolve ? command.solution : command.message;
    if (command.approved_by) {
        entry.note += (entry.note.empty() ? "" : "\n") + std::string("approved by ") +
                      command.approved_by->id.value();
    }
    if (!command.closure_code.empty()) entry.details["closure_code"] = command.closure_code;
    entry.visibility =
        customer_visible(command.event) ? Visibility::customer : Visibility::internal;
}

}  // namespace ticketflow::detail
