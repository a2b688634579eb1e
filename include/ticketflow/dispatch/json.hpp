#pragma once
/// \file
/// JSON for the directory and the routing rules, following docs/json.md (unknown fields ignored,
/// errors name the path). docs/dispatch.md has a complete example. A directory:
///
///     {"teams": [{"id": "field-service", "name": "现场服务组", "tier": "l2",
///                 "escalates_to": "rd"}],
///      "agents": [{"id": "li", "name": "李工", "teams": ["field-service"],
///                  "skills": {"printer": 4}, "regions": ["east"], "languages": ["zh"],
///                  "tier": "l2", "capacity": 8, "calendar": "shanghai"}]}
///
/// A rule set:
///
///     {"rules": [{"name": "hardware to field service",
///                 "when": {"categories": ["hardware_fault"]},
///                 "team": "field-service", "strategy": "least_loaded",
///                 "required": {"skills": {"printer": 3}}}],
///      "fallback_team": "service-desk"}

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/rule.hpp>
#include <ticketflow/dispatch/rule_set.hpp>
#include <ticketflow/dispatch/strategy.hpp>

namespace ticketflow::dispatch {

using ticketflow::from_json;
using ticketflow::to_json;

void to_json(nlohmann::json& j, const Agent& v);
void from_json(const nlohmann::json& j, Agent& v);
void to_json(nlohmann::json& j, const Team& v);
void from_json(const nlohmann::json& j, Team& v);
/// Agents and teams; loads are the engine's, not written or read.
void to_json(nlohmann::json& j, const Directory& v);
/// Reads and checks a directory (Directory::make); throws ticketflow::Exception when invalid.
void from_json(const nlohmann::json& j, Directory& v);
void to_json(nlohmann::json& j, const Requirements& v);
void from_json(const nlohmann::json& j, Requirements& v);
void to_json(nlohmann::json& j, const RoutingRule& v);
void from_json(const nlohmann::json& j, RoutingRule& v);
void to_json(nlohmann::json& j, const RuleSet& v);
/// Reads and checks a rule set (RuleSet::make); throws ticketflow::Exception when invalid.
void from_json(const nlohmann::json& j, RuleSet& v);
void to_json(nlohmann::json& j, const Decision& v);
void from_json(const nlohmann::json& j, Decision& v);

}  // namespace ticketflow::dispatch
