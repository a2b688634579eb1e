// sla_clocks: a policy chosen by rule, a ticket's SLA clocks paused while waiting for the customer,
// and the warning, breach and escalation signals they give.
#include <iostream>

#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;
using std::chrono::hours;
using std::chrono::minutes;

int main() {
    // Policies from JSON: VIP customers get their own targets, everyone else the standard ones.
    const auto policies = nlohmann::json::parse(R"({
        "policies": [
            {"name": "standard",
             "targets": {"high": {"first_response": "1h", "next_update": "4h", "resolution": "48h"}},
             "pause": {"resolution": ["waiting", "resolved"]},
             "warning": {"percent_of_target": 80},
             "ladder": [{"after_breach": "0s", "action": "notify_supervisor"},
                        {"after_breach": "2h", "action": "raise_priority"}]},
            {"name": "vip",
             "targets": {"high": {"first_response": "15m", "resolution": "24h"}}}],
        "rules": [{"tiers": ["vip"], "policy": "vip"}],
        "default_policy": "standard"
    })")
                              .get<sla::PolicySet>();

    Ticket ticket;
    ticket.priority = Priority::high;
    ticket.customer.tier = CustomerTier::standard;
    const sla::Policy& policy = policies.choose(ticket);

    const sla::AroundTheClock time;  // a business calendar plugs in here
    const Timestamp opened = parse_iso8601("2024-05-06T09:00:00+08:00").value();
    auto clocks = sla::TicketClocks::start(policy, ticket, opened, time);

    // Waiting for the customer for a day does not count against resolution.
    clocks.on_state(TicketState::in_progress, opened + minutes{20}, time);
    clocks.on_customer_update(opened + minutes{20}, time);  // first response given
    clocks.on_state(TicketState::waiting, opened + hours{2}, time);
    clocks.on_state(TicketState::in_progress, opened + hours{26}, time);

    const auto status = clocks.status(sla::Metric::resolution, opened + hours{27}, time);
    std::cout << "policy " << clocks.policy() << ": resolution " << format_duration(status.elapsed)
              << " spent, due " << to_iso8601(*status.due) << '\n';

    for (const sla::Signal& signal : clocks.signals_due(opened + hours{40}, time)) {
        std::cout << to_iso8601(signal.at) << ' ' << to_string(signal.metric) << ' '
                  << to_string(signal.kind) << '\n';
    }
    return status.elapsed == hours{3} ? 0 : 1;
}
