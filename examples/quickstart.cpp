// quickstart: a ticket's whole life — open, assign, start, resolve, confirm — and its audit trail,
// kept in a SQLite file (the embedded default): `quickstart [database]`, by default
// ticketflow-demo.db in the working directory. Run it twice: the second run finds the first
// run's tickets and numbers the new one after them.
#include <iostream>
#include <memory>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

TicketDraft printer_jam() {
    TicketDraft draft;
    draft.customer.id = CustomerId{"cust-1001"};
    draft.customer.name = "华东精密制造有限公司";
    draft.customer.contact_person = "王工";
    draft.customer.phone = "+86 138 0013 8000";
    draft.customer.tier = CustomerTier::vip;
    draft.product.model = "LP-3200";
    draft.product.serial_number = "LP3200-000917";
    draft.channel = Channel::phone;
    draft.category = "hardware_fault";
    draft.title = "打印机卡纸 / printer jams";
    draft.description = "Paper jams on every second page since the firmware update.";
    draft.priority = Priority::high;
    return draft;
}

void print_audit_trail(const Engine& engine, const Ticket& ticket) {
    std::cout << "audit trail of " << ticket.number << ":\n";
    for (const AuditEvent& event : engine.audit_trail(ticket.id).value()) {
        std::cout << "  #" << event.sequence << ' ' << to_iso8601(event.at) << ' '
                  << event.actor.id.value() << " (" << to_string(event.actor.role) << ") "
                  << event.action;
        for (const FieldChange& change : event.changes) {
            std::cout << "  " << change.field << ": '" << change.before << "' -> '" << change.after
                      << "'";
        }
        if (!event.reason.empty()) std::cout << "  reason: " << event.reason;
        std::cout << '\n';
    }
}

}  // namespace

std::size_t count_tickets(const Engine& engine) {
    std::size_t count = 0;
    TicketQuery query;
    query.limit = TicketQuery::max_limit;
    for (;;) {
        const Page<Ticket> page = engine.find(query).value();
        count += page.items.size();
        if (!page.next_after) return count;
        query.after = *page.next_after;
    }
}

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "ticketflow-demo.db";
    auto store = SqliteStore::open({path});
    if (!store) {
        std::cerr << store.error().message << '\n';
        return 2;
    }
    // Virtual time, so every run tells the same story: 2023-10-01 09:00 in Shanghai.
    auto clock = std::make_shared<ManualClock>(parse_iso8601("2023-10-01T09:00:00+08:00").value());
    EngineConfig config;
    config.time_zone = TimeZone::locate("Asia/Shanghai").value();
    auto created = Engine::create(std::move(store).value(), clock, config);
    if (!created) {  // a configuration the engine refuses is an error value, naming the field
        std::cerr << created.error().field << ": " << created.error().message << '\n';
        return 2;
    }
    Engine& engine = **created;
    std::cout << path << " holds " << count_tickets(engine) << " tickets\n";

    const Actor customer = Actor::customer("cust-1001");
    const Actor supervisor = Actor::supervisor("lead-zhang");
    const Actor agent = Actor::agent("eng-li");

    Ticket ticket = engine.open(printer_jam(), customer).value();
    std::cout << "opened " << ticket.number << " (" << to_string(ticket.priority) << ")\n";

    clock->advance(std::chrono::minutes{10});
    engine.assign(ticket.id, supervisor, AgentId{"eng-li"}, TeamId{"field-service"}).value();
    clock->advance(std::chrono::minutes{5});
    engine.start(ticket.id, agent).value();

    // A refused command is a value, not a crash: customers may not resolve tickets.
    const auto refused = engine.resolve(ticket.id, customer, "works again");
    std::cout << "refused: " << refused.error().message << '\n';

    clock->advance(std::chrono::hours{3});
    engine.resolve(ticket.id, agent, "Rolled back firmware to 2.3.1; fuser roller replaced.")
        .value();
    clock->advance(std::chrono::hours{20});
    ticket = engine.confirm(ticket.id, customer, {5, "修好了，谢谢！"}).value();

    std::cout << ticket.number << " is " << to_string(ticket.state) << " with satisfaction "
              << ticket.satisfaction->score << "\n\n";
    print_audit_trail(engine, ticket);
    std::cout << '\n' << path << " holds " << count_tickets(engine) << " tickets\n";
    return ticket.state == TicketState::closed ? 0 : 1;
}
