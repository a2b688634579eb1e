#include "engine/notifications.hpp"

namespace ticketflow::detail {
namespace {

notify::OpeningHours opening_hours(const EngineConfig& config) {
    // A copy of the calendars (they share their rules), so the composer owns what it uses.
    return [calendars = config.calendars](const std::string& name, Timestamp at) {
        // The rules' calendars were checked with the configuration (check_engine_inputs); one that
        // only the application's directory names may be unknown, and its message then goes at once
        // rather than never, as does one whose next opening the calendar cannot place.
        const auto calendar = calendars.find(name);
        if (calendar == calendars.end()) return at;
        const auto opens = calendar->second.next_open(at);
        return opens ? *opens : at;
    };
}

}  // namespace

Notifications::Notifications(const EngineConfig& config)
    : composer_(config.notifications, config.contacts, opening_hours(config), config.time_zone) {}

std::vector<OutboxMessage> Notifications::caused_by(const Ticket& ticket,
                                                    const std::vector<AuditEvent>& events,
                                                    const SlaTracker& tracker, const LoadedSla& sla,
                                                    Timestamp now) const {
    if (silent()) return {};
    return composer_.compose(ticket, events, [&] {
        notify::SlaDue due;
        if (!sla) return due;
        const SlaStatus status = tracker.status(ticket, sla, now);
        due.policy = status.policy;
        due.first_response = status.metric(sla::Metric::first_response).due;
        due.next_update = status.metric(sla::Metric::next_update).due;
        due.resolution = status.metric(sla::Metric::resolution).due;
        return due;
    });
}

}  // namespace ticketflow::detail
