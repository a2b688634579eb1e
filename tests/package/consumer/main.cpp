// Opens and resolves one ticket through the installed or exported ticketflow package.
#include <iostream>
#include <memory>

#include <ticketflow/ticketflow.hpp>

int main() {
    using namespace ticketflow;
    auto clock = std::make_shared<ManualClock>(from_unix_seconds(1714521600));  // 2024-05-01Z
    Engine engine{std::make_shared<MemoryStore>(), clock};

    TicketDraft draft;
    draft.title = "Printer jams";
    draft.description = "Paper jams on every second page.";
    draft.customer.id = CustomerId{"c1"};
    draft.customer.name = "Consumer Ltd";
    draft.category = "hardware_fault";
    auto ticket = engine.open(draft, Actor::customer("c1")).value();
    engine.assign(ticket.id, Actor::supervisor("s1"), AgentId{"a1"}).value();
    ticket = engine.start(ticket.id, Actor::agent("a1")).value();

    std::cout << ticket.number << ' ' << to_string(ticket.state) << '\n';
    return ticket.state == TicketState::in_progress ? 0 : 1;
}
