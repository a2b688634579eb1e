#include "storage/outbox_rules.hpp"

#include <string>

namespace ticketflow::detail {
namespace {

std::string at_index(std::size_t i) {
    return "outbox[" + std::to_string(i) + "]";
}

std::string entry_name(const OutboxEntry& entry) {
    return "outbox entry " + std::to_string(entry.id) + " (" + entry.key + ")";
}

void release_lease(OutboxEntry& entry) {
    entry.lease_owner.clear();
    entry.lease_expires.reset();
}

}  // namespace

std::optional<Error> check_outbox(const std::vector<OutboxMessage>& outbox,
                                  std::size_t event_count) {
    for (std::size_t i = 0; i < outbox.size(); ++i) {
        const OutboxMessage& message = outbox[i];
        if (message.event >= event_count) {
            return validation_error(at_index(i) + ".event",
                                    "names event " + std::to_string(message.event) +
                                        " of a unit with " + std::to_string(event_count) +
                                        " audit events; a notification needs the event causing it");
        }
        if (message.channel.empty()) {
            return validation_error(at_index(i) + ".channel", "a notification needs a channel");
        }
        if (message.recipient.empty()) {
            return validation_error(at_index(i) + ".recipient", "a notification needs a recipient");
        }
    }
    return std::nullopt;
}

Result<std::vector<OutboxMessage>> creation_outbox(const TicketCreation& creation,
                                                   const Ticket& stored) {
    if (!creation.outbox_for) return creation.outbox;
    std::vector<OutboxMessage> messages = creation.outbox;
    for (OutboxMessage& message : creation.outbox_for(stored)) {
        messages.push_back(std::move(message));
    }
    if (auto invalid = check_outbox(messages, creation.events.size())) return *invalid;
    return messages;
}

std::optional<Error> check_lease(const OutboxLease& lease) {
    if (lease.owner.empty()) return validation_error("owner", "a lease needs the relay's name");
    if (lease.duration.count() <= 0) {
        return validation_error("duration", "a lease must last a positive time");
    }
    if (lease.limit == 0 || lease.limit > OutboxLease::max_limit) {
        return validation_error(
            "limit", "a lease takes 1 to " + std::to_string(OutboxLease::max_limit) + " entries");
    }
    return std::nullopt;
}

std::optional<Error> check_query(const OutboxQuery& query) {
    if (query.limit == 0 || query.limit > OutboxQuery::max_limit) {
        return validation_error("limit", "an outbox page holds 1 to " +
                                             std::to_string(OutboxQuery::max_limit) + " entries");
    }
    return std::nullopt;
}

OutboxEntry new_outbox_entry(const OutboxMessage& message, const Ticket& ticket,
                             const std::vector<AuditEvent>& stored_events) {
    const AuditEvent& cause = stored_events.at(message.event);
    OutboxEntry entry;
    entry.key = outbox_key(ticket.number, cause.sequence, message.channel, message.recipient);
    entry.ticket = ticket.id;
    entry.event_sequence = cause.sequence;
    entry.channel = message.channel;
    entry.recipient = message.recipient;
    entry.payload = message.payload;
    entry.created_at = cause.at;
    entry.due_at = message.not_before.value_or(cause.at);
    return entry;
}

bool leasable(const OutboxEntry& entry, Timestamp now) {
    const bool held = entry.lease_expires && *entry.lease_expires > now;
    return entry.state == OutboxState::pending && entry.due_at <= now && !held;
}

void take_lease(OutboxEntry& entry, const OutboxLease& lease) {
    entry.lease_owner = lease.owner;
    entry.lease_expires = lease.now + lease.duration;
}

Result<void> settle(OutboxEntry& entry, const OutboxAttempt& attempt) {
    if (entry.state != OutboxState::pending || attempt.owner.empty() ||
        entry.lease_owner != attempt.owner) {
        Error e;
        e.code = ErrorCode::version_conflict;
        e.ticket = entry.ticket;
        e.message = entry_name(entry) + " is not leased to '" + attempt.owner +
                    "': its lease expired and was taken, or the attempt was already settled";
        return e;
    }
    ++entry.attempts;
    release_lease(entry);
    switch (attempt.outcome) {
        case OutboxOutcome::delivered:
            entry.state = OutboxState::delivered;
            entry.last_error.clear();
            entry.settled_at = attempt.at;
            break;
        case OutboxOutcome::retry:
            entry.last_error = attempt.error;
            entry.due_at = attempt.retry_at;
            break;
        case OutboxOutcome::dead:
            entry.state = OutboxState::dead;
            entry.last_error = attempt.error;
            entry.settled_at = attempt.at;
            break;
    }
    return {};
}

Result<void> redrive(OutboxEntry& entry, Timestamp now) {
    if (entry.state != OutboxState::dead) {
        Error e;
        e.code = ErrorCode::invalid_transition;
        e.ticket = entry.ticket;
        e.message = entry_name(entry) + " is " + std::string(to_string(entry.state)) +
                    "; only a dead entry can be re-driven";
        return e;
    }
    // A fresh start: the relay's attempt limit counts from the re-drive. The last error stays,
    // to show why the entry died.
    entry.state = OutboxState::pending;
    entry.attempts = 0;
    entry.due_at = now;
    entry.settled_at.reset();
    release_lease(entry);
    return {};
}

Error outbox_entry_not_found(std::uint64_t id) {
    Error e;
    e.code = ErrorCode::not_found;
    e.message = "outbox entry " + std::to_string(id) + " does not exist";
    return e;
}

}  // namespace ticketflow::detail
