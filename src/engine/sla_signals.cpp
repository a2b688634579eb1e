// SlaTracker::catch_up: what the clocks signal becomes audit events, and escalation steps act on
// the ticket through the same checks as the commands people give.

#include "engine/lifecycle_command.hpp"
#include "engine/record_commands.hpp"
#include "engine/sla_tracker.hpp"
#include "engine/ticket_changes.hpp"

namespace ticketflow::detail {
namespace {

std::string name(sla::Metric m) {
    return std::string(to_string(m));
}

AuditEvent signal_event(const sla::Signal& signal, const sla::TicketClocks& clocks, Timestamp now) {
    const sla::MetricClock& clock = clocks.clock(signal.metric);
    AuditEvent event;
    event.at = now;
    event.actor = Actor::system();
    event.action = "sla_" + std::string(to_string(signal.kind));
    event.visibility = Visibility::internal;
    // "at" is when the threshold was crossed, which may be before the event is recorded.
    event.details = {{"metric", name(signal.metric)},
                     {"at", to_iso8601(signal.at)},
                     {"policy", clocks.policy()},
                     {"target", format_duration(clock.target)},
                     {"cycle", std::to_string(clock.cycles + 1)}};
    event.reason = name(signal.metric) + " " + std::string(to_string(signal.kind)) + " at " +
                   to_iso8601(signal.at) + " (target " + format_duration(clock.target) + ")";
    return event;
}

Priority one_step_up(Priority p) {
    return p == Priority::urgent ? p : static_cast<Priority>(static_cast<int>(p) - 1);
}

}  // namespace

void SlaTracker::catch_up(Ticket& ticket, LoadedSla& sla, Timestamp now,
                          std::vector<AuditEvent>& events) const {
    if (!sla) return;
    // One signal at a time: a step that raises the priority retargets the clocks, and what is
    // due after it is decided by the new targets.
    while (auto signal = sla->clocks.take_signal(now, time_for(*sla))) {
        AuditEvent event = signal_event(*signal, sla->clocks, now);
        if (signal->step) escalate(ticket, *sla, *signal->step, event, now);
        events.push_back(std::move(event));
    }
}

void SlaTracker::escalate(Ticket& ticket, SlaRecord& record, const sla::EscalationStep& step,
                          AuditEvent& event, Timestamp now) const {
    const Ticket before = ticket;
    event.details["step"] = std::string(to_string(step.action));
    event.details["after_breach"] = format_duration(step.after_breach);
    std::string outcome = "applied";
    switch (step.action) {
        case sla::EscalationAction::notify_supervisor:
            outcome = "recorded";  // the notification rules deliver it from this event
            break;
        case sla::EscalationAction::raise_priority: {
            AuditEvent scratch = event;  // the step's own entry keeps its action and details
            const auto raised = ticket.priority == Priority::urgent
                                    ? Result<void>(validation_error("priority", "already urgent"))
                                    : change_priority(ticket, scratch, one_step_up(ticket.priority),
                                                      event.reason, config_.intake);
            if (!raised) {
                outcome = "refused: " + raised.error().message;
            } else {
                retarget(record, ticket, policy_for(record, ticket), now);
            }
            break;
        }
        case sla::EscalationAction::reassign_to_team:
            if (ticket.team == step.team) outcome = "skipped: already with " + step.team.value();
            ticket.team = step.team;
            break;
        case sla::EscalationAction::escalate: {
            LifecycleCommand command{LifecycleEvent::escalate};
            command.reason = event.reason;
            command.team = step.team;
            if (auto ran = lifecycle_.run(ticket, event.actor, command, now); !ran) {
                outcome = "refused: " + ran.error().message;
                break;
            }
            record.clocks.on_state(ticket.state, now, time_for(record),
                                   lifecycle_.status_pauses(ticket));
            break;
        }
    }
    event.details["outcome"] = outcome;
    event.changes = changed_fields(before, ticket);
}

}  // namespace ticketflow::detail
