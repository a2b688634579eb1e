// The engine holds every ticket to its SLA: a policy counted in business hours, the clocks kept
// with the ticket, and `tick` recording warnings, breaches and escalation steps in the audit trail.
#include <iostream>

#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;
using namespace std::chrono_literals;

int main() {
    // Business hours in Shanghai; the standard targets counted in them.
    const auto office = nlohmann::json::parse(R"({
        "time_zone": "Asia/Shanghai",
        "week": {"mon": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "tue": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "wed": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "thu": [["09:00", "12:00"], ["13:30", "18:00"]],
                 "fri": [["09:00", "12:00"], ["13:30", "18:00"]]}
    })")
                            .get<sla::Calendar>();
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "office";
    EngineConfig config;
    config.calendars.emplace("office", office);
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();

    auto clock = std::make_shared<ManualClock>(*parse_iso8601("2024-05-06T08:00:00Z"));  // 16:00
    const auto engine = Engine::create(std::make_shared<MemoryStore>(), clock, config).value();

    TicketDraft draft;
    draft.customer.id = CustomerId{"c-42"};
    draft.customer.name = "华东精密制造有限公司";
    draft.title = "Printer jams";
    draft.description = "Paper jams after the firmware update";
    draft.category = "hardware_fault";
    draft.priority = Priority::high;  // first response within one business hour
    const Ticket ticket = engine->open(draft, Actor::customer("c-42")).value();

    const SlaStatus status = engine->sla_status(ticket.id).value();
    std::cout << "first response due "
              << to_iso8601(*status.metric(sla::Metric::first_response).due)
              << "\n";  // 17:00 Shanghai, 09:00Z

    clock->advance(2h);  // 18:00 in Shanghai: the office has closed, an hour after the deadline
    const TickReport report = engine->tick();
    for (const AuditEvent& event : report.events) {
        std::cout << event.action << ": " << event.reason << "\n";
    }

    // A background ticker does the same every period: BackgroundTicker ticker{engine, 30s};
    return report.events.size() == 3 ? 0 : 1;
}
