// outbox: a notification stored in the same unit of work as the change that causes it, then
// delivered by a relay that leases it and settles each attempt — the store-level contract that
// notification delivery is built on.
#include <iostream>
#include <memory>

#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

// Opening a ticket, with the acknowledgement its "open" event (events[0]) causes.
TicketCreation opening_with_acknowledgement(Timestamp now) {
    Ticket ticket;
    ticket.customer.id = CustomerId{"cust-1001"};
    ticket.customer.email = "wang@example.com";
    ticket.title = "Printer jams";
    ticket.category = "hardware_fault";
    ticket.created_at = ticket.updated_at = now;
    ticket.version = 1;
    AuditEvent opened;
    opened.at = now;
    opened.actor = Actor::customer("cust-1001");
    opened.action = "open";
    TicketCreation creation{
        ticket, {opened}, "HT", [](std::uint64_t sequence) -> Result<std::string> {
            return "HT-" + std::to_string(sequence);
        }};
    creation.outbox = {
        {0, "email", "wang@example.com", R"({"template": "acknowledgement"})", std::nullopt}};
    return creation;
}

// One pass of a relay: lease what is due, try to deliver it, and settle every attempt.
void relay_once(Store& store, Timestamp now, bool receiver_up) {
    const OutboxLease lease{"relay-1", now, std::chrono::seconds{30}, 16};
    for (const OutboxEntry& entry : store.lease_outbox(lease).value()) {
        OutboxAttempt attempt{entry.id, lease.owner, now, OutboxOutcome::delivered, "", now};
        if (!receiver_up) {
            attempt.outcome = OutboxOutcome::retry;
            attempt.error = "connection refused";
            attempt.retry_at = now + std::chrono::minutes{1};
        }
        const OutboxEntry settled = store.settle_outbox(attempt).value();
        std::cout << settled.key << ": " << to_string(settled.state) << " after "
                  << settled.attempts << " attempt(s)" << (settled.last_error.empty() ? "" : ", ")
                  << settled.last_error << '\n';
    }
}

// The same with the library's relay: a notifier per channel, back-off and dead letters built in.
int deliver_with_the_relay(const std::shared_ptr<Store>& store, Timestamp now) {
    auto clock = std::make_shared<ManualClock>(now);
    notify::RelayOptions options;
    options.name = "relay-1";
    options.max_attempts = 5;                                     // then dead, until re-driven
    auto created = notify::Relay::create(store, clock, options);  // options checked, by field
    if (!created) return 2;
    notify::Relay& relay = **created;
    relay.add_notifier("email",
                       std::make_shared<notify::CallbackNotifier>([](const OutboxEntry& e) {
                           std::cout << "  e-mail to " << e.recipient << " (key " << e.key << ")\n";
                           return notify::Delivery::ok();
                       }));
    const auto report = relay.pump();
    if (!report) {  // the store failed: nothing is lost, what is due stays due for the next pump
        std::cerr << report.error().message << '\n';
        return 1;
    }
    std::cout << "relay: " << report->delivered << " delivered\n";
    return report->delivered == 1 ? 0 : 1;
}

}  // namespace

int main() {
    MemoryStore store;  // every Store keeps an outbox: SqliteStore the same way, in its file
    const Timestamp now = parse_iso8601("2023-10-01T09:00:00+08:00").value();
    const Ticket ticket = store.create(opening_with_acknowledgement(now)).value();
    std::cout << ticket.number << " opened; its acknowledgement is queued with it\n";

    relay_once(store, now, /*receiver_up=*/false);                           // fails, retried later
    relay_once(store, now + std::chrono::seconds{30}, true);                 // not due yet: nothing
    relay_once(store, now + std::chrono::minutes{1}, /*receiver_up=*/true);  // delivered
    const auto entries = store.outbox({}).value();
    if (entries.size() != 1 || entries[0].state != OutboxState::delivered) return 1;

    auto shared = std::make_shared<MemoryStore>();
    shared->create(opening_with_acknowledgement(now)).value();
    return deliver_with_the_relay(shared, now);
}
