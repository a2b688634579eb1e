#pragma once
// The engine's side of the lifecycle: who the actor is to the ticket, the workflow's statuses and
// closure codes, and what each allowed event changes besides the state.

#include <optional>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::detail {

class Dispatcher;

/// Runs lifecycle commands on tickets for one engine. Reads the configuration and the directory
/// (for team queues and claims); holds no state of its own.
class LifecycleRunner {
  public:
    LifecycleRunner(const EngineConfig& config, const Dispatcher& dispatcher);

    /// Fires `command` for `actor` at `ticket` and, when the table allows it, applies it: state,
    /// status, owner, team, solution, timestamps, counters. A refusal changes nothing and names
    /// the ticket, the event and why.
    Result<void> run(Ticket& ticket, const Actor& actor, const LifecycleCommand& command,
                     Timestamp now) const;
    /// What `actor` may fire at `ticket`, assuming it supplies the inputs a menu asks for.
    std::vector<LifecycleEvent> allowed(const Ticket& ticket, const Actor& actor) const;
    /// Whether `actor` is a customer acting for the ticket's customer (the configured access).
    bool acts_for_customer(const Actor& actor, const Customer& customer) const;
    /// What the ticket's status says about SLA pauses (see `lifecycle::Status::sla_pauses`).
    std::optional<std::vector<Metric>> status_pauses(const Ticket& ticket) const;
    /// The ticket's status, or its state's default for tickets stored before statuses existed.
    const lifecycle::Status& status_of(const Ticket& ticket) const;
    const lifecycle::Workflow& workflow() const noexcept { return config_.workflow; }

  private:
    Result<void> check_inputs(const LifecycleCommand& command) const;
    lifecycle::Input input(const Ticket& ticket, const Actor& actor,
                           const LifecycleCommand& command) const;
    Result<const lifecycle::Status*> next_status(const Ticket& ticket, TicketState target,
                                                 const LifecycleCommand& command) const;

    const EngineConfig& config_;
    const Dispatcher& dispatcher_;
};

/// Fills the audit entry's reason, note and visibility from the command.
void describe(AuditEvent& entry, const LifecycleCommand& command);

}  // namespace ticketflow::detail
