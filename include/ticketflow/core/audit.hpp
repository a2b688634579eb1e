#pragma once
/// \file
/// Who acts, and the immutable record of what they did.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// The one doing something: who, and in which role.
struct Actor {
    ActorId id;
    Role role = Role::agent;

    static Actor customer(std::string id) { return {ActorId{std::move(id)}, Role::customer}; }
    static Actor agent(std::string id) { return {ActorId{std::move(id)}, Role::agent}; }
    static Actor supervisor(std::string id) { return {ActorId{std::move(id)}, Role::supervisor}; }
    static Actor admin(std::string id) { return {ActorId{std::move(id)}, Role::admin}; }
    static Actor system() { return {ActorId{"system"}, Role::system}; }

    friend bool operator==(const Actor& a, const Actor& b) {
        return a.id == b.id && a.role == b.role;
    }
};

/// One field a command changed, with its value before and after, rendered as text.
struct FieldChange {
    std::string field;  ///< e.g. "state", "owner", "priority"
    std::string before;
    std::string after;

    friend bool operator==(const FieldChange& a, const FieldChange& b) {
        return a.field == b.field && a.before == b.before && a.after == b.after;
    }
};

/// One immutable entry of a ticket's audit trail. Every change to a ticket appends exactly one.
struct AuditEvent {
    TicketId ticket;
    std::uint64_t sequence = 0;  ///< 1, 2, 3 … per ticket, without gaps
    Timestamp at{};
    Actor actor;
    std::string action;  ///< the command: "open", "assign", "resolve", "add_note", …
    std::vector<FieldChange> changes;
    std::string reason;  ///< why, when the command takes a reason
    std::string note;    ///< free text the command carried (a note, a question, a reply)
    Visibility visibility = Visibility::internal;  ///< whether the customer may see this entry
    /// Structured facts of the event for programs (reports, notification templates), e.g. an SLA
    /// breach's {"metric": "resolution", "due": "2023-10-02T09:00:00Z", "target": "8h"}.
    std::map<std::string, std::string> details;

    friend bool operator==(const AuditEvent& a, const AuditEvent& b) {
        return a.ticket == b.ticket && a.sequence == b.sequence && a.at == b.at &&
               a.actor == b.actor && a.action == b.action && a.changes == b.changes &&
               a.reason == b.reason && a.note == b.note && a.visibility == b.visibility &&
               a.details == b.details;
    }
};

}  // namespace ticketflow
