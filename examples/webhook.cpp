// webhook: notifications POSTed to an HTTP(S) endpoint by notify::WebhookNotifier (the
// ticketflow::webhook target), registered on a relay like any notifier.
//
//     webhook https://hooks.example.com/tickets   # delivers the acknowledgement there
//     webhook                                     # only shows the request it would send
#include <iostream>
#include <memory>
#include <string>

#include <ticketflow/notify/entry_document.hpp>
#include <ticketflow/notify/webhook_notifier.hpp>
#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

// Opening a ticket, with the acknowledgement its "open" event (events[0]) sends to a webhook.
TicketCreation opening_with_webhook(Timestamp now) {
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
        {0, "webhook", "wang@example.com", R"({"template": "acknowledgement"})", std::nullopt}};
    return creation;
}

// The relay's notifier for the "webhook" channel: every entry POSTed to `url`.
void add_webhook(notify::Relay& relay, const std::string& url) {
    notify::WebhookOptions options;
    options.url = url;  // empty: each entry's recipient is its URL
    options.timeout = std::chrono::seconds{5};
    options.headers = {{"Authorization", "Bearer change-me"}};
    relay.add_notifier("webhook", std::make_shared<notify::WebhookNotifier>(options));
}

}  // namespace

int main(int argc, char** argv) {
    const Timestamp now = parse_iso8601("2023-10-01T09:00:00+08:00").value();
    auto store = std::make_shared<MemoryStore>();
    store->create(opening_with_webhook(now)).value();
    const OutboxEntry entry = store->outbox({}).value().at(0);

    if (argc < 2) {
        std::cout << "POST (no URL given, nothing sent)\n"
                  << "Idempotency-Key: " << notify::WebhookNotifier::idempotency_key(entry.key)
                  << "\nX-Ticketflow-Attempt: " << entry.attempts + 1 << "\n\n"
                  << notify::entry_document(entry).dump(2) << '\n';
        return 0;
    }
    notify::Relay relay{store, std::make_shared<ManualClock>(now)};
    add_webhook(relay, argv[1]);
    const notify::PumpReport report = relay.pump().value();  // throws only if the store fails
    const OutboxEntry settled = store->outbox({}).value().at(0);
    std::cout << settled.key << ": " << to_string(settled.state) << " after " << settled.attempts
              << " attempt(s)" << (settled.last_error.empty() ? "" : ", ") << settled.last_error
              << '\n';
    return report.delivered + report.retried + report.dead == 1 ? 0 : 1;
}
