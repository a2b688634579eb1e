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

namespace ticketflow::detail {

/// What the engine keeps per ticket: the clocks, the calendar they count in, and whether a
/// supervisor fixed the policy (then priority changes retarget within it instead of re-choosing).
struct SlaRecord {
    sla::TicketClocks clocks;
    std::string calendar;
    bool pinned = false;
};

class SlaTracker {
  public:
    /// Checks that every policy's calendar is configured; throws Exception naming the field.
    explicit SlaTracker(const EngineConfig& config);

    /// Chooses the new ticket's policy and starts its clocks.
    void start(Ticket& ticket, Timestamp now) const;

    /// Brings the ticket's clocks up to `now`: every warning, breach and escalation step due is
    /// appended to `events` (by the system actor) and escalation steps act on the ticket.
    Result<void> catch_up(Ticket& ticket, Timestamp now, std::vector<AuditEvent>& events) const;

    /// Moves the clocks after a command changed `before` into `after`, described by `entry`.
    Result<void> follow(const Ticket& before, Ticket& after, const AuditEvent& entry,
                        Timestamp now) const;

    /// A supervisor sets the ticket's policy by name; it then stays fixed.
    Result<void> change_policy(Ticket& ticket, AuditEvent& entry, const std::string& policy,
                               Timestamp now) const;

    Result<SlaStatus> status(const Ticket& ticket, Timestamp now) const;
    /// When the ticket next needs `catch_up`; nothing for a ticket whose clocks are all stopped.
    std::optional<Timestamp> next_deadline(const Ticket& ticket) const;

  private:
    Result<std::optional<SlaRecord>> read(const Ticket& ticket) const;
    const sla::BusinessTime& time_for(const SlaRecord& record) const;
    const sla::Policy& policy_for(const SlaRecord& record, const Ticket& ticket) const;
    void retarget(SlaRecord& record, const Ticket& ticket, const sla::Policy& policy,
                  Timestamp now) const;
    void escalate(Ticket& ticket, SlaRecord& record, const sla::EscalationStep& step,
                  AuditEvent& event, Timestamp now) const;

    const EngineConfig& config_;
    std::map<std::string, sla::CalendarTime> calendars_;
    sla::AroundTheClock around_the_clock_;
};

/// Stores the record in `ticket.sla_clocks`.
void write_sla_record(Ticket& ticket, const SlaRecord& record);

}  // namespace ticketflow::detail
