#pragma once
// The engine's side of notifications: the messages a change causes, composed by the configured
// rules with the ticket's SLA due times, to be stored in the change's own unit of work.

#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/notify/composer.hpp>

#include "engine/sla_tracker.hpp"

namespace ticketflow::detail {

class Notifications {
  public:
    /// Throws Exception naming the field when a contact names a calendar `config` lacks.
    explicit Notifications(const EngineConfig& config);

    /// The outbox messages `events` on `ticket` (as it will be saved) cause; `sla` and `now`
    /// give the due times messages quote.
    std::vector<OutboxMessage> caused_by(const Ticket& ticket,
                                         const std::vector<AuditEvent>& events,
                                         const SlaTracker& tracker, const LoadedSla& sla,
                                         Timestamp now) const;

    /// True when no rule can fire, so nothing needs composing.
    bool silent() const noexcept { return composer_.silent(); }

  private:
    notify::Composer composer_;
};

}  // namespace ticketflow::detail
