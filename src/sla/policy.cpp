#include <algorithm>
#include <set>

#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::string at(const char* list, std::size_t index) {
    return std::string(list) + "[" + std::to_string(index) + "]";
}

// No business time can be longer than the range of time itself (years 1-9999): a longer target
// or offset could only be reached by leaving the range, so it is refused here rather than when a
// deadline is computed years into a ticket's life.
constexpr BusinessDuration longest_duration =
    std::chrono::duration_cast<BusinessDuration>(latest_timestamp - earliest_timestamp);

Result<void> check_length(BusinessDuration duration, const std::string& field) {
    if (duration.count() < 0) return validation_error(field, "cannot be negative");
    if (duration > longest_duration) {
        return validation_error(field, "is longer than the range of time (years 1-9999)");
    }
    return {};
}

Result<void> check_targets(const Policy& policy, const std::string& path) {
    for (const Priority priority : all_values<Priority>()) {
        for (const Metric metric : all_values<Metric>()) {
            const std::string field = path + ".targets." + std::string(to_string(priority)) + "." +
                                      std::string(to_string(metric));
            if (auto checked = check_length(policy.target(priority, metric), field); !checked) {
                return checked;
            }
        }
    }
    return {};
}

Result<void> check_warning(const WarningThreshold& warning, const std::string& path) {
    if (warning.percent_of_target &&
        (*warning.percent_of_target < 1 || *warning.percent_of_target > 99)) {
        return validation_error(path + ".warning.percent_of_target", "must be 1 to 99");
    }
    if (warning.before_due && warning.before_due->count() <= 0) {
        return validation_error(path + ".warning.before_due", "must be positive");
    }
    if (warning.before_due) return check_length(*warning.before_due, path + ".warning.before_due");
    return {};
}

Result<void> check_ladder(const std::vector<EscalationStep>& ladder, const std::string& path) {
    for (std::size_t i = 0; i < ladder.size(); ++i) {
        const std::string step = path + "." + at("ladder", i);
        if (auto checked = check_length(ladder[i].after_breach, step + ".after_breach"); !checked) {
            return checked;
        }
        if (i > 0 && ladder[i].after_breach < ladder[i - 1].after_breach) {
            return validation_error(step + ".after_breach", "steps must be in ascending order");
        }
        if (ladder[i].action == EscalationAction::reassign_to_team &&
            ladder[i].team.value().empty()) {
            return validation_error(step + ".team", "reassign_to_team needs a team");
        }
    }
    return {};
}

Result<void> check_policy(const Policy& policy, const std::string& path) {
    if (policy.name.empty()) return validation_error(path + ".name", "a policy needs a name");
    if (auto checked = check_targets(policy, path); !checked) return checked;
    if (auto checked = check_warning(policy.warning, path); !checked) return checked;
    return check_ladder(policy.ladder, path);
}

}  // namespace

Policy Policy::standard() {
    Policy policy;
    policy.name = "standard";
    const std::array<BusinessDuration, 4> first_response{minutes{15}, hours{1}, hours{4}, hours{8}};
    const std::array<BusinessDuration, 4> resolution{hours{24}, hours{48}, hours{72},
                                                     hours{24 * 7}};
    for (const Priority priority : all_values<Priority>()) {
        const auto index = static_cast<std::size_t>(priority);
        policy.target(priority, Metric::first_response) = first_response[index];
        policy.target(priority, Metric::next_update) = hours{24};
        policy.target(priority, Metric::resolution) = resolution[index];
    }
    const std::vector<TicketState> waiting{TicketState::waiting, TicketState::resolved};
    policy.pause_states[static_cast<std::size_t>(Metric::next_update)] = waiting;
    policy.pause_states[static_cast<std::size_t>(Metric::resolution)] = waiting;
    policy.warning.percent_of_target = 80;
    policy.ladder = {{hours{0}, EscalationAction::notify_supervisor, {}},
                     {hours{4}, EscalationAction::raise_priority, {}}};
    return policy;
}

PolicySet::PolicySet() : policies_{Policy::standard()}, default_policy_("standard") {}

Result<PolicySet> PolicySet::make(std::vector<Policy> policies, std::vector<Rule> rules,
                                  std::string default_policy) {
    // Without a policy no ticket would have an SLA: a set that says nothing is a mistake.
    if (policies.empty()) return validation_error("policies", "name at least one policy");
    std::set<std::string> names;
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const std::string path = at("policies", i);
        if (auto checked = check_policy(policies[i], path); !checked) return checked.error();
        if (!names.insert(policies[i].name).second) {
            return validation_error(path + ".name",
                                    "policy '" + policies[i].name + "' is defined twice");
        }
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (names.count(rules[i].policy) == 0) {
            return validation_error(at("rules", i) + ".policy",
                                    "no policy is named '" + rules[i].policy + "'");
        }
    }
    if (names.count(default_policy) == 0) {
        return validation_error("default_policy", "no policy is named '" + default_policy + "'");
    }
    PolicySet set;
    set.policies_ = std::move(policies);
    set.rules_ = std::move(rules);
    set.default_policy_ = std::move(default_policy);
    return set;
}

const Policy* PolicySet::find(const std::string& name) const {
    const auto found = std::find_if(policies_.begin(), policies_.end(),
                                    [&](const Policy& p) { return p.name == name; });
    return found == policies_.end() ? nullptr : &*found;
}

const Policy& PolicySet::choose(const Ticket& ticket) const {
    for (const Rule& rule : rules_) {
        if (rule.matches(ticket)) return *find(rule.policy);
    }
    return *find(default_policy_);
}

}  // namespace ticketflow::sla
