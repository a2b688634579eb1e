// The outbox vocabulary: messages a unit of work carries, the entries a store keeps, and the
// leases and attempts a relay reports with.
#include <ticketflow/storage/outbox.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

void bind_messages(py::module_& m) {
    ValueClass<OutboxMessage>(m, "OutboxMessage",
                              "A notification to deliver, stored with the change that causes it.")
        .field("event", &OutboxMessage::event,
               "Index, in the unit's events, of the audit event that causes it.")
        .field("channel", &OutboxMessage::channel, "Which notifier delivers it, e.g. 'email'.")
        .field("recipient", &OutboxMessage::recipient, "Whom it is for, in the channel's terms.")
        .field("payload", &OutboxMessage::payload, "What to deliver (JSON text by convention).")
        .field("not_before", &OutboxMessage::not_before,
               "Held until then (quiet hours); None: deliverable at once.")
        .done();
    ValueClass<OutboxEntry>(m, "OutboxEntry", "A stored notification and its delivery record.")
        .field("id", &OutboxEntry::id, "Assigned by the store, ascending in writing order.")
        .field("key", &OutboxEntry::key, "The idempotency key (see outbox_key).")
        .field("ticket", &OutboxEntry::ticket, "The ticket's id.")
        .field("event_sequence", &OutboxEntry::event_sequence, "The causing audit event.")
        .field("channel", &OutboxEntry::channel, "The notifier's channel.")
        .field("recipient", &OutboxEntry::recipient, "Whom it is for.")
        .field("payload", &OutboxEntry::payload, "What to deliver.")
        .field("state", &OutboxEntry::state, "OutboxState.")
        .field("created_at", &OutboxEntry::created_at, "The causing event's time.")
        .field("due_at", &OutboxEntry::due_at, "Not delivered before this.")
        .field("attempts", &OutboxEntry::attempts, "Delivery attempts settled so far.")
        .field("last_error", &OutboxEntry::last_error, "Why the last attempt failed.")
        .field("settled_at", &OutboxEntry::settled_at, "When delivered or given up on; or None.")
        .field("lease_owner", &OutboxEntry::lease_owner, "The relay holding it; '' when none.")
        .field("lease_expires", &OutboxEntry::lease_expires, "When that lease ends; or None.")
        .done();
}

void bind_relay_requests(py::module_& m) {
    ValueClass<OutboxLease>(m, "OutboxLease",
                            "A relay's request for due entries, held for it until now + duration.")
        .field("owner", &OutboxLease::owner, "The relay's name.")
        .field("now", &OutboxLease::now, "The current time.")
        .field("duration", &OutboxLease::duration, "How long the lease lasts (timedelta).")
        .field("limit", &OutboxLease::limit, "At most this many entries, 1 to 1000.")
        .done();
    ValueClass<OutboxAttempt>(m, "OutboxAttempt", "What became of one delivery attempt.")
        .field("entry", &OutboxAttempt::entry, "The entry's id.")
        .field("owner", &OutboxAttempt::owner, "The relay that holds its lease.")
        .field("at", &OutboxAttempt::at, "When the attempt ended.")
        .field("outcome", &OutboxAttempt::outcome, "OutboxOutcome.")
        .field("error", &OutboxAttempt::error, "Why it failed (retry, dead).")
        .field("retry_at", &OutboxAttempt::retry_at, "For retry: the next attempt's earliest time.")
        .done();
    ValueClass<OutboxQuery>(m, "OutboxQuery", "Which outbox entries to list, by ascending id.")
        .field("state", &OutboxQuery::state, "OutboxState or None.")
        .field("ticket", &OutboxQuery::ticket, "A ticket id or None.")
        .field("after", &OutboxQuery::after,
               "Only ids greater than this (the last page's last id).")
        .field("limit", &OutboxQuery::limit, "Page size, 1 to 1000.")
        .done()
        .def("matches", &OutboxQuery::matches, py::arg("entry"));
}

}  // namespace

void bind_outbox(py::module_& m) {
    bind_enum<OutboxState>(m, "OutboxState",
                           "Where an outbox entry is: pending, delivered or dead.");
    bind_enum<OutboxOutcome>(m, "OutboxOutcome",
                             "What became of a delivery attempt: delivered, retry or dead.");
    bind_messages(m);
    bind_relay_requests(m);
    m.def("outbox_key", &outbox_key, py::arg("ticket_number"), py::arg("event_sequence"),
          py::arg("channel"), py::arg("recipient"),
          "The idempotency key of a notification, e.g. 'HT202310010001/3/email/li@example.com'.");
}

}  // namespace ticketflow::python
