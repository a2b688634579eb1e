#include "engine/sla_tracker.hpp"

#include <nlohmann/json.hpp>

#include <ticketflow/sla/ticket_clocks_json.hpp>

namespace ticketflow::detail {
namespace {

using nlohmann::json;

bool is_staff_voice(Role role) {
    return role == Role::agent || role == Role::supervisor || role == Role::admin;
}

// The first response and the next update stop when staff say something the customer sees or
// move the work on in the customer's view. Re-rating the ticket (priority, SLA policy) is
// bookkeeping, not a response, even though the customer may see it.
bool tells_customer(const AuditEvent& entry) {
    return entry.visibility == Visibility::customer && is_staff_voice(entry.actor.role) &&
           entry.action != "change_priority" && entry.action != "change_sla_policy";
}

Error unreadable(const Ticket& ticket, const std::string& why) {
    Error error;
    error.code = ErrorCode::storage_failure;
    error.ticket = ticket.id;
    error.ticket_number = ticket.number;
    error.field = "sla_clocks";
    error.message = "ticket " + ticket.number + ": its stored SLA clocks are unreadable: " + why;
    return error;
}

}  // namespace

void write_sla_record(Ticket& ticket, const LoadedSla& sla) {
    if (!sla) return;
    ticket.sla_clocks =
        json{{"calendar", sla->calendar}, {"pinned", sla->pinned}, {"clocks", sla->clocks}}.dump();
}

SlaTracker::SlaTracker(const EngineConfig& config, const LifecycleRunner& lifecycle)
    : config_(config), lifecycle_(lifecycle) {
    for (const auto& [name, calendar] : config.calendars) calendars_.emplace(name, calendar);
}

Result<LoadedSla> SlaTracker::read(const Ticket& ticket) const {
    if (ticket.sla_clocks.empty()) return LoadedSla{};
    SlaRecord record;
    try {
        const json j = json::parse(ticket.sla_clocks);
        record.calendar = j.at("calendar").get<std::string>();
        record.pinned = j.at("pinned").get<bool>();
        record.clocks = j.at("clocks").get<sla::TicketClocks>();
    } catch (const std::exception& e) {
        return unreadable(ticket, e.what());
    }
    if (!record.calendar.empty() && calendars_.count(record.calendar) == 0) {
        return unreadable(ticket, "calendar '" + record.calendar + "' is not configured");
    }
    return LoadedSla{std::move(record)};
}

const sla::BusinessTime& SlaTracker::time_for(const SlaRecord& record) const {
    return time_in(record.calendar);
}

const sla::BusinessTime& SlaTracker::time_in(const std::string& calendar) const {
    if (calendar.empty()) return around_the_clock_;
    return calendars_.at(calendar);
}

SlaRecord SlaTracker::start(const Ticket& ticket, Timestamp now) const {
    const sla::Policy& policy = config_.sla_policies.choose(ticket);
    SlaRecord record;
    record.calendar = policy.calendar;
    record.clocks = sla::TicketClocks::start(policy, ticket, now, time_for(record));
    return record;
}

const sla::Policy& SlaTracker::policy_for(const SlaRecord& record, const Ticket& ticket) const {
    const sla::Policy* pinned =
        record.pinned ? config_.sla_policies.find(record.clocks.policy()) : nullptr;
    return pinned ? *pinned : config_.sla_policies.choose(ticket);
}

void SlaTracker::retarget(SlaRecord& record, const Ticket& ticket, const sla::Policy& policy,
                          Timestamp now) const {
    // Bank the time spent so far in the old calendar before counting on in the new one.
    record.clocks.on_state(ticket.state, now, time_for(record), lifecycle_.status_pauses(ticket));
    record.calendar = policy.calendar;
    record.clocks.retarget(policy, ticket.priority, now, time_for(record));
}

void SlaTracker::follow(const Ticket& before, const Ticket& after, const AuditEvent& entry,
                        LoadedSla& sla, Timestamp now) const {
    if (!sla) return;
    SlaRecord& record = *sla;
    const sla::BusinessTime& time = time_for(record);
    if (tells_customer(entry)) record.clocks.on_customer_update(now, time);
    if (after.state == TicketState::resolved && before.state != TicketState::resolved) {
        record.clocks.on_resolved(now, time, lifecycle_.status_pauses(after));
    } else if (after.state != before.state || after.status != before.status) {
        record.clocks.on_state(after.state, now, time, lifecycle_.status_pauses(after));
    }
    if (after.priority != before.priority) retarget(record, after, policy_for(record, after), now);
}

Result<void> SlaTracker::change_policy(const Ticket& ticket, AuditEvent& entry, LoadedSla& sla,
                                       const std::string& policy, Timestamp now) const {
    const sla::Policy* chosen = config_.sla_policies.find(policy);
    if (chosen == nullptr) {
        return validation_error("policy", "there is no SLA policy named '" + policy + "'");
    }
    if (!sla) sla.emplace();
    entry.details = {{"from", sla->clocks.policy()}, {"to", policy}};
    sla->pinned = true;
    retarget(*sla, ticket, *chosen, now);
    return {};
}

SlaStatus SlaTracker::status(const Ticket& ticket, const LoadedSla& sla, Timestamp now) const {
    SlaStatus status;
    status.ticket = ticket.id;
    if (!sla) return status;
    const sla::BusinessTime& time = time_for(*sla);
    status.policy = sla->clocks.policy();
    status.calendar = sla->calendar;
    status.policy_pinned = sla->pinned;
    for (const sla::Metric m : all_values<sla::Metric>()) {
        status.metrics[static_cast<std::size_t>(m)] = sla->clocks.status(m, now, time);
    }
    status.next_deadline = sla->clocks.next_deadline(time);
    return status;
}

std::optional<Timestamp> SlaTracker::next_deadline(const LoadedSla& sla) const {
    if (!sla) return std::nullopt;
    return sla->clocks.next_deadline(time_for(*sla));
}

}  // namespace ticketflow::detail
