#include "engine/config_check.hpp"

#include <string>

#include <ticketflow/dispatch/rule_set.hpp>

namespace ticketflow::detail {
namespace {

std::string at(const std::string& list, std::size_t index) {
    return list + "[" + std::to_string(index) + "]";
}

bool is_configured(const EngineConfig& config, const std::string& calendar) {
    return calendar.empty() || config.calendars.count(calendar) != 0;
}

Result<void> check_policy_calendars(const EngineConfig& config) {
    const auto& policies = config.sla_policies.policies();
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const std::string& calendar = policies[i].calendar;
        if (is_configured(config, calendar)) continue;
        return validation_error(at("sla_policies.policies", i) + ".calendar",
                                "policy '" + policies[i].name + "' counts in calendar '" +
                                    calendar + "', which is not among the engine's calendars");
    }
    return {};
}

// An agent with a calendar is on duty while it is open, so the calendar must exist.
Result<void> check_agent_calendars(const EngineConfig& config) {
    const auto& agents = config.directory.agents();
    for (std::size_t i = 0; i < agents.size(); ++i) {
        const std::string& calendar = agents[i].calendar;
        if (is_configured(config, calendar)) continue;
        return validation_error(at("directory.agents", i) + ".calendar",
                                "agent '" + agents[i].id.value() + "' is on duty in calendar '" +
                                    calendar + "', which is not among the engine's calendars");
    }
    return {};
}

// Quiet hours follow a contact's calendar; one the engine lacks would hold messages forever.
Result<void> check_notification_calendars(const EngineConfig& config) {
    for (const std::string& name : config.notifications.calendars()) {
        if (is_configured(config, name)) continue;
        return validation_error("notifications",
                                "a contact's calendar '" + name + "' is not configured");
    }
    return {};
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

/// Auto-close counts in a calendar the engine has, and fires rows the profile has on.
Result<void> check_auto_close(const EngineConfig& config) {
    const lifecycle::Workflow& workflow = config.workflow;
    const lifecycle::AutoClose& rules = workflow.auto_close;
    if (!is_configured(config, rules.calendar)) {
        return validation_error("workflow.auto_close.calendar",
                                "auto-close counts in calendar '" + rules.calendar +
                                    "', which is not among the engine's calendars");
    }
    const std::pair<bool, TicketState> uses[] = {
        {rules.waiting.has_value(), TicketState::waiting},
        {rules.resolved.has_value(), TicketState::resolved}};
    for (const auto& [used, state] : uses) {
        if (used && !workflow.profile.allows(state, LifecycleEvent::auto_close)) {
            return validation_error("workflow.auto_close",
                                    "the workflow profile does not allow auto_close from " +
                                        std::string(to_string(state)));
        }
    }
    return {};
}

/// `error` about a part of the configuration, with its field given as a path inside the whole
/// configuration ("taxonomy.categories" of the intake policy becomes "intake.taxonomy.categories").
Error within(const std::string& part, Error error) {
    if (error.field.empty()) return error;
    const std::string own_prefix = error.field + ": ";
    if (error.message.compare(0, own_prefix.size(), own_prefix) == 0) {
        error.message = part + "." + error.message;
    }
    error.field = part + "." + error.field;
    return error;
}

}  // namespace

Result<void> check_engine_inputs(const std::shared_ptr<Store>& store,
                                 const std::shared_ptr<const Clock>& clock,
                                 const EngineConfig& config) {
    if (!store) return validation_error("store", "an engine needs a store");
    if (!clock) return validation_error("clock", "an engine needs a clock");
    if (auto valid = config.intake.check(); !valid) return within("intake", valid.error());
    if (auto valid = check_policy_calendars(config); !valid) return valid;
    if (auto valid = check_agent_calendars(config); !valid) return valid;
    if (auto valid = check_notification_calendars(config); !valid) return valid;
    if (auto valid = config.workflow.check(); !valid) return within("workflow", valid.error());
    if (auto valid = check_auto_close(config); !valid) return valid;
    return check_references(config);
}

Result<void> check_references(const EngineConfig& config) {
    if (auto checked = check_rule_set(config); !checked) return checked;
    return check_ladders(config);
}

}  // namespace ticketflow::detail
