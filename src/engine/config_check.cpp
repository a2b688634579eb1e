#include "engine/config_check.hpp"

#include <string>

namespace ticketflow::detail {
namespace {

bool is_configured(const EngineConfig& config, const std::string& calendar) {
    return calendar.empty() || config.calendars.count(calendar) != 0;
}

Result<void> check_policy_calendars(const EngineConfig& config) {
    const auto& policies = config.sla_policies.policies();
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const std::string& calendar = policies[i].calendar;
        if (is_configured(config, calendar)) continue;
        return validation_error("sla_policies.policies[" + std::to_string(i) + "].calendar",
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
        return validation_error("directory.agents[" + std::to_string(i) + "].calendar",
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

}  // namespace

Result<void> check_engine_inputs(const std::shared_ptr<Store>& store,
                                 const std::shared_ptr<const Clock>& clock,
                                 const EngineConfig& config) {
    if (!store) return validation_error("store", "an engine needs a store");
    if (!clock) return validation_error("clock", "an engine needs a clock");
    if (auto valid = check_policy_calendars(config); !valid) return valid;
    if (auto valid = check_agent_calendars(config); !valid) return valid;
    return check_notification_calendars(config);
}

}  // namespace ticketflow::detail
