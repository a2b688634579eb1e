#pragma once
// The engine's side of dispatch: its directory (with each agent's load as this engine sees it:
// tickets owned and under way), the configured rule, and the customers' previous agents. Shared
// by every command under a reader-writer lock: decisions read, load changes write.

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/rule.hpp>
#include <ticketflow/dispatch/strategy.hpp>
#include <ticketflow/engine.hpp>

namespace ticketflow::detail {

/// True for the states in which an owned ticket counts against its owner's capacity.
bool under_way(TicketState state) noexcept;
/// The states a ticket is dispatched in: waiting for an owner, or under way.
bool dispatchable(TicketState state) noexcept;
/// True when dispatch gives the ticket its owner (assign) rather than a new one (reassign).
bool takes_an_owner(TicketState state) noexcept;
/// Supervisors, admins and the system dispatch and change the directory.
bool may_dispatch(Role role) noexcept;
Error dispatch_forbidden(Role role);

/// The rule's priority and tags, applied to the ticket.
void apply_rule_actions(Ticket& ticket, const dispatch::Decision& decision);
/// True when one of these SLA events handed the ticket to another team.
bool handed_to_a_team(const std::vector<AuditEvent>& sla_events);
/// The "dispatch" audit entry: the explanation as its reason, team and agent as details.
void describe_dispatch(AuditEvent& entry, const dispatch::Decision& decision,
                       const std::string& explanation);

class Dispatcher {
  public:
    explicit Dispatcher(const EngineConfig& config);

    bool has_rule() const noexcept { return rule_ != nullptr; }

    /// The rule's decision for `ticket`; nothing when the rule has none (or there is no rule).
    std::optional<dispatch::Decision> decide(const Ticket& ticket, Timestamp now,
                                             std::vector<AgentId> excluded) const;
    /// An agent of the ticket's own team other than its owner, least loaded first: how an SLA
    /// escalation step that hands the ticket to a team gets it an owner there.
    std::optional<dispatch::Decision> choose_in_team(const Ticket& ticket, Timestamp now) const;
    /// Refuses a claim by an agent the directory knows to be absent, off duty, at capacity,
    /// lacking a skill the rule requires, or outside the ticket's team; an agent the directory does
    /// not know may claim.
    Result<void> check_claim(const Ticket& ticket, const AgentId& agent, Timestamp now) const;
    /// Whether an unowned ticket of `team` is in a queue `agent` works from: the ticket has no
    /// team, or the directory does not know the team or the agent, or the agent is in the team.
    bool works_queue_of(const AgentId& agent, const TeamId& team) const;
    /// The team escalated tickets of `team` go to; empty when the directory names none.
    TeamId escalation_team(const TeamId& team) const;

    /// Moves loads and remembers the customer's agent after a saved change (or a stored ticket
    /// read at start-up, with `before` empty).
    void count(const Ticket* before, const Ticket& after);

    dispatch::Directory directory() const;
    Result<void> put_agent(dispatch::Agent agent);
    Result<void> put_team(dispatch::Team team);
    Result<void> set_absent(const AgentId& agent, bool absent);

  private:
    std::optional<std::string> missing_skill(const dispatch::Agent& agent,
                                             const Ticket& ticket) const;
    dispatch::Request request_for(const Ticket& ticket, Timestamp now,
                                  std::vector<AgentId> excluded) const;

    mutable std::shared_mutex mutex_;
    dispatch::Directory directory_;
    std::shared_ptr<const dispatch::DispatchRule> rule_;
    dispatch::AgentChooser chooser_;
    std::unordered_map<std::string, AgentId> previous_agent_;  // by customer id
};

}  // namespace ticketflow::detail
