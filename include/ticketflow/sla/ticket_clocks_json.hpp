#pragma once
/// \file
/// JSON for a ticket's SLA clocks: everything `TicketClocks` holds (the policy's name, pause
/// states, warning and ladder as they were when the clocks were set, and each metric's clock), so
/// clocks written with a ticket and read back resume exactly where they stood.
///
///     nlohmann::json j = clocks;                   // save
///     auto restored = j.get<sla::TicketClocks>();  // restored == clocks

#include <nlohmann/json.hpp>

#include <ticketflow/sla/policy_json.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>

namespace ticketflow::sla {

void to_json(nlohmann::json& j, const MetricClock& v);
void from_json(const nlohmann::json& j, MetricClock& v);
void to_json(nlohmann::json& j, const TicketClocks& v);
/// Throws ticketflow::Exception (validation_failed, naming the field) for a malformed document.
void from_json(const nlohmann::json& j, TicketClocks& v);

}  // namespace ticketflow::sla
