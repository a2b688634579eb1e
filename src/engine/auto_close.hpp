#pragma once
// Closing by the clock: a customer wait nobody answers, a resolution nobody confirms. The due
// instant follows from the ticket alone (its status, when it entered it, the workflow), so an
// engine that restarts finds the same instant again and a ticket closes exactly once.

#include <optional>

#include <ticketflow/core/ticket.hpp>
#include <ticketflow/engine.hpp>

#include "engine/lifecycle_command.hpp"
#include "engine/sla_tracker.hpp"

namespace ticketflow::detail {

class AutoCloser {
  public:
    AutoCloser(const EngineConfig& config, const LifecycleRunner& lifecycle, const SlaTracker& sla);

    /// Whether the workflow closes anything by itself.
    bool enabled() const noexcept { return rules().waiting || rules().resolved; }
    /// When the ticket closes by itself if nothing else happens first; none when it never does.
    std::optional<Timestamp> due(const Ticket& ticket) const;
    /// The command that closes the ticket, when it is due by `now`.
    std::optional<LifecycleCommand> command_due(const Ticket& ticket, Timestamp now) const;

  private:
    const lifecycle::AutoClose& rules() const noexcept { return config_.workflow.auto_close; }

    const EngineConfig& config_;
    const LifecycleRunner& lifecycle_;
    const SlaTracker& sla_;
};

/// The earlier of two optional instants.
std::optional<Timestamp> earlier(std::optional<Timestamp> a, std::optional<Timestamp> b);

}  // namespace ticketflow::detail
