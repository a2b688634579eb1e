#include <ticketflow/dispatch/rule_set.hpp>

namespace ticketflow::dispatch {
namespace {

std::string rule_path(std::size_t index) {
    return "rules[" + std::to_string(index) + "]";
}

Result<void> check_rule(const RoutingRule& rule, const std::string& path) {
    if (rule.team.value().empty())
        return validation_error(path + ".team", "a rule routes to a team");
    for (const auto& [skill, level] : rule.required.skills) {
        if (level < 1 || level > 5) {
            return validation_error(path + ".required.skills." + skill, "a skill level is 1 to 5");
        }
    }
    return {};
}

// The team that serves tickets escalated to `tier`: `team`, or the first team up its escalation
// chain that is of that tier or above. Stops at the chain's end (or a loop).
const Team* serving_team(const Directory& directory, const TeamId& team, std::optional<Tier> tier) {
    const Team* current = directory.find_team(team);
    for (std::size_t steps = 0;
         current && tier && current->tier < *tier && steps < directory.teams().size(); ++steps) {
        const Team* next = directory.find_team(current->escalates_to);
        if (!next) break;
        current = next;
    }
    return current;
}

}  // namespace

Result<RuleSet> RuleSet::make(std::vector<RoutingRule> rules, TeamId fallback_team) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (auto checked = check_rule(rules[i], rule_path(i)); !checked) return checked.error();
    }
    if (fallback_team.value().empty()) {
        return validation_error("fallback_team", "tickets no rule matches need a team to wait in");
    }
    return RuleSet(std::move(rules), std::move(fallback_team));
}

RuleSet::RuleSet(std::vector<RoutingRule> rules, TeamId fallback_team)
    : rules_(std::move(rules)), fallback_team_(std::move(fallback_team)) {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const auto& categories = rules_[i].when.categories;
        if (categories.empty()) any_category_.push_back(i);
        for (const std::string& category : categories) by_category_[category].push_back(i);
    }
}

// Walks the ticket's category's rules and the category-free ones together, in rule order.
const RoutingRule* RuleSet::first_match(const Ticket& ticket) const {
    static const std::vector<std::size_t> none;
    const auto found = by_category_.find(ticket.category);
    const auto& named = found == by_category_.end() ? none : found->second;
    auto a = named.begin();
    auto b = any_category_.begin();
    while (a != named.end() || b != any_category_.end()) {
        const bool from_named = b == any_category_.end() || (a != named.end() && *a < *b);
        const std::size_t next = from_named ? *a++ : *b++;
        if (rules_[next].when.matches(ticket)) return &rules_[next];
    }
    return nullptr;
}

std::optional<Decision> RuleSet::propose(const Request& request, const Directory& directory) const {
    if (const RoutingRule* rule = first_match(request.ticket))
        return route(*rule, request, directory);
    if (fallback_team_.value().empty()) return std::nullopt;
    RoutingRule fallback;
    fallback.name = "no rule matched";
    fallback.team = fallback_team_;
    return route(fallback, request, directory);
}

std::optional<Requirements> RuleSet::requirements(const Ticket& ticket) const {
    const RoutingRule* rule = first_match(ticket);
    return rule ? std::optional(rule->required) : std::nullopt;
}

Decision RuleSet::route(const RoutingRule& rule, const Request& request,
                        const Directory& directory) const {
    Decision decision;
    decision.priority = rule.set_priority;
    decision.tags = rule.add_tags;
    const Team* team = serving_team(directory, rule.team, request.at_least_tier);
    decision.team = team ? team->id : rule.team;
    decision.explanation = rule.name + " → " + decision.team.value();
    if (!team) {
        decision.explanation += " (not in the directory); waits in its queue";
        return decision;
    }
    const auto pick = chooser_.choose(rule.strategy, team->id, rule.required, request, directory);
    if (!pick) {
        decision.explanation += "; nobody can take it now: waits in the team's queue";
        return decision;
    }
    decision.agent = directory.agents()[pick->position].id;
    decision.explanation += "; " + pick->reason;
    return decision;
}

}  // namespace ticketflow::dispatch
