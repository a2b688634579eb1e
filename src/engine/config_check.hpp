#pragma once
// What an engine's configuration must satisfy before an engine is built on it, checked in one
// place so Engine::create can report it as a value and the parts built from the configuration
// (SLA tracker, dispatcher, notifications) can rely on it.

#include <memory>

#include <ticketflow/engine.hpp>

namespace ticketflow::detail {

/// A store and a clock are given, and every calendar a policy, an agent or a notification contact
/// names is among `config.calendars`. The error names the field, e.g.
/// "sla_policies.policies[1].calendar".
Result<void> check_engine_inputs(const std::shared_ptr<Store>& store,
                                 const std::shared_ptr<const Clock>& clock,
                                 const EngineConfig& config);

}  // namespace ticketflow::detail
