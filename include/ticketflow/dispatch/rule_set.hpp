#pragma once
/// \file
/// The built-in dispatch rule: ordered routing rules, usually read from JSON (see
/// docs/dispatch.md). The first rule whose conditions the ticket meets routes it to a team, may set
/// its priority and add tags, and chooses an agent of the team by its strategy; when nobody may
/// take it, the ticket waits in the team's queue. A ticket no rule matches goes to the fallback
/// team's queue.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket_condition.hpp>
#include <ticketflow/dispatch/rule.hpp>
#include <ticketflow/dispatch/strategy.hpp>

namespace ticketflow::dispatch {

/// One routing rule: when the ticket matches `when`, it goes to `team`.
struct RoutingRule {
    std::string name;  ///< for explanations and errors, e.g. "hardware to field service"
    TicketCondition when;
    TeamId team;
    std::optional<Priority> set_priority;
    std::vector<std::string> add_tags;
    Strategy strategy = Strategy::least_loaded;
    Requirements required;

    friend bool operator==(const RoutingRule& a, const RoutingRule& b) {
        return a.name == b.name && a.when == b.when && a.team == b.team &&
               a.set_priority == b.set_priority && a.add_tags == b.add_tags &&
               a.strategy == b.strategy && a.required == b.required;
    }
};

/// Ordered routing rules and a fallback team. Thread-safe.
class RuleSet final : public DispatchRule {
  public:
    /// Checks the rules (names and teams present, levels 1 to 5) against nothing but themselves.
    /// Whether their teams are in the directory and have members is checked where both are
    /// known: an engine refuses to start with a rule set routing elsewhere (docs/dispatch.md).
    static Result<RuleSet> make(std::vector<RoutingRule> rules, TeamId fallback_team);

    /// No rules and no fallback team: proposes nothing, so tickets stay where they are.
    RuleSet() = default;

    RuleSet(const RuleSet& other) : RuleSet(other.rules_, other.fallback_team_) {}
    RuleSet& operator=(const RuleSet& other) {
        RuleSet copy(other);
        rules_ = std::move(copy.rules_);
        fallback_team_ = std::move(copy.fallback_team_);
        by_category_ = std::move(copy.by_category_);
        any_category_ = std::move(copy.any_category_);
        return *this;
    }

    std::optional<Decision> propose(const Request& request,
                                    const Directory& directory) const override;
    /// The requirements of the first rule `ticket` matches.
    std::optional<Requirements> requirements(const Ticket& ticket) const override;

    const std::vector<RoutingRule>& rules() const noexcept { return rules_; }
    const TeamId& fallback_team() const noexcept { return fallback_team_; }

  private:
    RuleSet(std::vector<RoutingRule> rules, TeamId fallback_team);
    const RoutingRule* first_match(const Ticket& ticket) const;
    Decision route(const RoutingRule& rule, const Request& request,
                   const Directory& directory) const;

    std::vector<RoutingRule> rules_;
    TeamId fallback_team_;
    // Most rules name categories: a ticket is tested only against the rules of its category and
    // those that name none, in their order (positions in rules_).
    std::unordered_map<std::string, std::vector<std::size_t>> by_category_;
    std::vector<std::size_t> any_category_;
    AgentChooser chooser_;  // round-robin turns: not copied
};

}  // namespace ticketflow::dispatch
