// json_io: a ticket written to JSON and read back, and what a malformed document gives.
#include <iostream>
#include <memory>

#include <ticketflow/ticketflow.hpp>

int main() {
    using namespace ticketflow;
    auto clock = std::make_shared<ManualClock>(parse_iso8601("2024-05-01T10:00:00+08:00").value());
    const auto engine = Engine::create(std::make_shared<MemoryStore>(), clock).value();

    auto draft = from_json_checked<TicketDraft>(nlohmann::json::parse(R"({
        "title": "扫码枪无法识别条码",
        "description": "The scanner beeps but no code arrives in the POS.",
        "customer": {"id": "c-7", "name": "Example Retail", "tier": "vip"},
        "category": "hardware_fault",
        "channel": "app"
    })"));
    const Ticket ticket = engine->open(draft.value(), Actor::customer("c-7")).value();

    nlohmann::json j = ticket;                // write
    auto copy = j.get<ticketflow::Ticket>();  // read; throws ticketflow::Exception
    auto checked = ticketflow::from_json_checked<ticketflow::Ticket>(j);  // read; Result<Ticket>
    std::cout << j.dump(2) << '\n';

    // A known field with the wrong value is refused, naming the field.
    j["customer"]["tier"] = "platinum";
    const auto refused = from_json_checked<Ticket>(j);
    std::cout << "refused: " << refused.error().field << " - " << refused.error().message << '\n';

    return copy == ticket && checked && *checked == ticket && !refused ? 0 : 1;
}
