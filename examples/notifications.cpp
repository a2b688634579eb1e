// notifications: the engine writes what its rules ask for into the outbox with each change — an
// acknowledgement with the number and expected response, a note to the assignee in their language,
// a confirmation request held over the weekend — and a relay delivers it.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

// Monday to Friday, 09:00–18:00 in Shanghai.
sla::Calendar shanghai_office() {
    return nlohmann::json::parse(R"({
        "time_zone": "Asia/Shanghai",
        "week": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]],
                 "wed": [["09:00", "18:00"]], "thu": [["09:00", "18:00"]],
                 "fri": [["09:00", "18:00"]]}})")
        .get<sla::Calendar>();
}

EngineConfig notifying_config() {
    EngineConfig config;
    config.calendars.emplace("office", shanghai_office());
    config.time_zone = TimeZone::locate("Asia/Shanghai").value();

    notify::Rules rules = notify::Rules::standard();  // the documents' defaults
    rules.set_contact("agent:eng-li", {"Li Wei", {{"email", "li@example.com"}}, "en", "", ""})
        .value();
    rules.set_contact("supervisor", {"王主管", {{"email", "wang@example.com"}}, "", "", ""})
        .value();
    // Customers hear from us in office hours only (except the acknowledgement).
    notify::Contact customers;
    customers.calendar = "office";
    customers.time_zone = "Asia/Shanghai";
    rules =
        notify::Rules::make(rules.rules(), rules.templates(), rules.contacts(), customers).value();
    config.notifications = rules;
    return config;
}

}  // namespace

int main() {
    const sla::Calendar office = shanghai_office();
    auto clock = std::make_shared<ManualClock>(office.time_zone().to_utc({{2024, 10, 18}, 10, 0}));
    auto store = std::make_shared<MemoryStore>();
    const auto engine = Engine::create(store, clock, notifying_config()).value();

    TicketDraft draft;
    draft.customer.id = CustomerId{"c-42"};
    draft.customer.name = "华东精密制造有限公司";
    draft.customer.contact_person = "张先生";
    draft.customer.email = "zhang@example.com";
    draft.title = "打印机卡纸";
    draft.description = "固件升级后每隔一页就卡纸。";
    draft.category = "hardware_fault";
    const Ticket ticket = engine->open(draft, Actor::customer("c-42")).value();
    engine->assign(ticket.id, Actor::supervisor("wang"), AgentId{"eng-li"}).value();
    engine->start(ticket.id, Actor::agent("eng-li")).value();
    clock->set(office.time_zone().to_utc({{2024, 10, 19}, 22, 30}));  // Saturday night
    engine->resolve(ticket.id, Actor::agent("eng-li"), "更换定影器").value();

    // The relay hands each due entry to the notifier of its channel.
    notify::Relay relay{store, clock};
    relay.add_notifier("email",
                       std::make_shared<notify::CallbackNotifier>([&](const OutboxEntry& e) {
                           const auto payload = nlohmann::json::parse(e.payload);
                           std::cout << "  to " << e.recipient << ": "
                                     << payload["subject"].get<std::string>() << "\n";
                           return notify::Delivery::ok();
                       }));
    std::cout << "Saturday 22:30\n";
    relay.pump().value();
    clock->set(office.time_zone().to_utc({{2024, 10, 21}, 9, 0}));  // Monday's opening
    std::cout << "Monday 09:00\n";
    const notify::PumpReport monday = relay.pump().value();
    return monday.delivered == 1 ? 0 : 1;
}
