#pragma once
// The checks of an engine's configuration that need two of its parts at once: a rule set and the
// directory it routes into, an SLA ladder and the teams it hands tickets to. Each part checks
// itself when it is made or read; what one part names in another is checked here, where both are
// known.

#include <ticketflow/engine.hpp>

namespace ticketflow::detail {

/// The first reference from one part of `config` to another that does not resolve, as
/// `validation_failed` naming the path inside the configuration
/// (`dispatch_rule.rules[2].team`, `sla_policies.policies[0].ladder[1].team`).
Result<void> check_references(const EngineConfig& config);

}  // namespace ticketflow::detail
