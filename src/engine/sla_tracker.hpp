#pragma once
// The engine's side of SLAs: choosing a ticket's policy, keeping its clocks in step with every
// command, and turning what the clocks signal into audit events and escalation steps.
//
// The clocks travel with the ticket (`Ticket::sla_clocks`, JSON) so that they are saved in the
// same unit of work as the change that moved them, by any store.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/sla/business_time.hpp>
#include <ticketflow/sla/calendar_time.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>

#include "engine/lifecycle_command.hpp"

namespace ticketflow::detail {

/// What the engine keeps per ticket: the clocks, the calendar they count in, and whether a
/// supervisor fixed the policy (then priority changes retarget within it instead of re-choosing).
struct SlaRecord {
    sla::TicketClocks clocks;
    std::string calendar;
    bool pinned = false;
};

/// A ticket's record as read for one command: absent for tickets opened without SLA tracking.
using LoadedSla = std::optional<SlaRecord>;

class SlaTracker {
  public:
    /// Every policy's calendar is configured (check_engine_inputs made sure). Escalation steps
    /// that fire `escalate` run through `lifecycle`, like people's commands.
    SlaTracker(const EngineConfig& config, const LifecycleRunner& lifecycle);

    /// Chooses the new ticket's policy and starts its clocks.
    SlaRecord start(const Ticket& ticket, Timestamp now) const;

    /// Reads the ticket's record; `storage_failure` naming `sla_clocks` when it is unreadable.
    Result<LoadedSla> read(const Ticket& ticket) const;

    /// Brings the clocks up to `now`: every warning, breach and escalation step due is appended
    /// to `events` (by the system actor) and escalation steps act on the ticket.
    void catch_up(Ticket& ticket, LoadedSla& sla, Timestamp now,
                  std::vector<AuditEvent>& events) const;

    /// Moves the clocks after a command changed `before` into `after`, described by `entry`.
    void follow(const Ticket& before, const Ticket& after, const AuditEvent& entry, LoadedSla& sla,
                Timestamp now) const;

    /// A supervisor sets the ticket's policy by name; it then stays fixed.
    Result<void> change_policy(const Ticket& ticket, AuditEvent& entry, LoadedSla& sla,
                               const std::string& policy, Timestamp now) const;

    SlaStatus status(const Ticket& ticket, const LoadedSla& sla, Timestamp now) const;
    /// When the ticket next needs `catch_up`; nothing when its clocks are all stopped.
    std::optional<Timestamp> next_deadline(const LoadedSla& sla) const;
    /// Business time in `calendar` (empty: around the clock), e.g. for auto-close.
    const sla::BusinessTime& time_in(const std::string& calendar) const;

  private:
    const sla::BusinessTime& time_for(const SlaRecord& record) const;
    const sla::Policy& policy_for(const SlaRecord& record, const Ticket& ticket) const;
    void retarget(SlaRecord& record, const Ticket& ticket, const sla::Policy& policy,
                  Timestamp now) const;
    void escalate(Ticket& ticket, SlaRecord& record, const sla::EscalationStep& step,
                  AuditEvent& event, Timestamp now) const;

    const EngineConfig& config_;
    const LifecycleRunner& lifecycle_;
    std::map<std::string, sla::CalendarTime> calendars_;
    sla::AroundTheClock around_the_clock_;
};

/// Stores the record in `ticket.sla_clocks` (nothing for an absent one).
void write_sla_record(Ticket& ticket, const LoadedSla& sla);

}  // namespace ticketflow::detail
