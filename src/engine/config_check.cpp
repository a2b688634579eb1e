#include "engine/config_check.hpp"

#include <ticketflow/dispatch/rule_set.hpp>

namespace ticketflow::detail {
namespace {

std::string at(const std::string& list, std::size_t index) {
    return list + "[" + std::to_string(index) + "]";
}

/// A team tickets are routed to must be in the directory and have members: routed elsewhere, or
/// to a team nobody belongs to, they would wait in a queue no agent can claim from.
Result<void> check_routed_team(const dispatch::Directory& directory, const TeamId& team,
                               const std::string& field) {
    if (directory.find_team(team) == nullptr) {
        return validation_error(
            field, "routes to team '" + team.value() + "', which is not in the directory");
    }
    if (directory.members(team).empty()) {
        return validation_error(field, "routes to team '" + team.value() +
                                           "', which has no members to take its tickets");
    }
    return {};
}

// Only the built-in rule set can be read ahead; a rule of one's own answers for itself.
Result<void> check_rule_set(const EngineConfig& config) {
    const auto* rules = dynamic_cast<const dispatch::RuleSet*>(config.dispatch_rule.get());
    if (rules == nullptr) return {};
    for (std::size_t i = 0; i < rules->rules().size(); ++i) {
        const std::string field = at("dispatch_rule.rules", i) + ".team";
        if (auto checked = check_routed_team(config.directory, rules->rules()[i].team, field);
            !checked) {
            return checked;
        }
    }
    if (rules->fallback_team().value().empty()) return {};
    return check_routed_team(config.directory, rules->fallback_team(),
                             "dispatch_rule.fallback_team");
}

Result<void> check_ladders(const EngineConfig& config) {
    const auto& policies = config.sla_policies.policies();
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const auto& ladder = policies[i].ladder;
        for (std::size_t j = 0; j < ladder.size(); ++j) {
            if (ladder[j].action != sla::EscalationAction::reassign_to_team) continue;
            const std::string field = at(at("sla_policies.policies", i) + ".ladder", j) + ".team";
            if (auto checked = check_routed_team(config.directory, ladder[j].team, field);
                !checked) {
                return checked;
            }
        }
    }
    return {};
}

}  // namespace

Result<void> check_references(const EngineConfig& config) {
    if (auto checked = check_rule_set(config); !checked) return checked;
    return check_ladders(config);
}

}  // namespace ticketflow::detail
