#include "engine/auto_close.hpp"

namespace ticketflow::detail {

AutoCloser::AutoCloser(const EngineConfig& config, const LifecycleRunner& lifecycle,
                       const SlaTracker& sla)
    : config_(config), lifecycle_(lifecycle), sla_(sla) {}

std::optional<Timestamp> AutoCloser::due(const Ticket& ticket) const {
    std::optional<std::chrono::seconds> after;
    Timestamp since = ticket.status_since;
    if (ticket.state == TicketState::waiting && lifecycle_.status_of(ticket).customer_wait) {
        after = rules().waiting;
    } else if (ticket.state == TicketState::resolved) {
        after = rules().resolved;
        if (ticket.resolved_at) since = *ticket.resolved_at;
    }
    if (!after) return std::nullopt;
    // Tickets stored before statuses existed have no status_since: their last change stands in.
    if (since == Timestamp{}) since = ticket.updated_at;
    const auto at = sla_.time_in(rules().calendar).add(since, *after);
    return at ? std::optional<Timestamp>(*at) : std::nullopt;
}

std::optional<LifecycleCommand> AutoCloser::command_due(const Ticket& ticket, Timestamp now) const {
    const auto at = due(ticket);
    if (!at || *at > now) return std::nullopt;
    LifecycleCommand command{LifecycleEvent::auto_close};
    const bool waiting = ticket.state == TicketState::waiting;
    command.closure_code = waiting ? rules().waiting_code : rules().resolved_code;
    command.reason = waiting ? "no answer from the customer within " +
                                   format_duration(*rules().waiting) + " of business time"
                             : "the resolution was neither confirmed nor rejected within " +
                                   format_duration(*rules().resolved) + " of business time";
    return command;
}

std::optional<Timestamp> earlier(std::optional<Timestamp> a, std::optional<Timestamp> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace ticketflow::detail
