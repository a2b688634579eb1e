#pragma once
/// \file
/// JSON for SLA policies, following docs/json.md (unknown fields ignored, errors name the path).
/// Durations are strings such as "15m", "4h", "7d", "1h30m" (or whole seconds). A policy set:
///
///     {"policies": [{"name": "vip", "calendar": "shanghai-office",
///                    "targets": {"urgent": {"first_response": "15m", "resolution": "24h"}},
///                    "pause": {"resolution": ["waiting", "resolved"]},
///                    "warning": {"percent_of_target": 80},
///                    "ladder": [{"after_breach": "0s", "action": "notify_supervisor"}]}],
///      "rules": [{"tiers": ["vip"], "policy": "vip"}],
///      "default_policy": "vip"}
///
/// Targets a policy does not list are zero (not tracked). Unknown field names are ignored, but
/// every key of "targets" and "pause" must be a priority or metric: a misspelt one ("critical",
/// "ttfb") is refused with its path, since dropping it would quietly stop that SLA.

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {

// The enumerations of this namespace serialise by name like all of ticketflow's: the generic
// conversions are found by argument-dependent lookup through these declarations.
using ticketflow::from_json;
using ticketflow::to_json;

void to_json(nlohmann::json& j, const WarningThreshold& v);
void from_json(const nlohmann::json& j, WarningThreshold& v);
void to_json(nlohmann::json& j, const EscalationStep& v);
void from_json(const nlohmann::json& j, EscalationStep& v);
void to_json(nlohmann::json& j, const Rule& v);
void from_json(const nlohmann::json& j, Rule& v);
void to_json(nlohmann::json& j, const Policy& v);
void from_json(const nlohmann::json& j, Policy& v);
void to_json(nlohmann::json& j, const PolicySet& v);
/// Reads and validates a policy set (PolicySet::make); throws ticketflow::Exception when invalid.
void from_json(const nlohmann::json& j, PolicySet& v);

}  // namespace ticketflow::sla
