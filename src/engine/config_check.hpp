#pragma once
// What an engine's configuration must satisfy before an engine is built on it, checked in one
// place so Engine::create can report it as a value and the parts built from the configuration
// (SLA tracker, dispatcher, notifications) can rely on it. Each part checks itself when it is made
// or read; what one part names in another (a calendar, a team) is checked here, where both are
// known.

#include <memory>

#include <ticketflow/engine.hpp>

namespace ticketflow::detail {

/// A store and a clock are given, the intake policy is usable, every calendar a policy, an agent
/// or a notification contact names is among `config.calendars`, and every reference checked by
/// `check_references` resolves. The error names the field, e.g.
/// "sla_policies.policies[1].calendar".
Result<void> check_engine_inputs(const std::shared_ptr<Store>& store,
                                 const std::shared_ptr<const Clock>& clock,
                                 const EngineConfig& config);

/// The first reference from one part of `config` to another that does not resolve, as
/// `validation_failed` naming the path inside the configuration
/// (`dispatch_rule.rules[2].team`, `sla_policies.policies[0].ladder[1].team`).
Result<void> check_references(const EngineConfig& config);

}  // namespace ticketflow::detail
