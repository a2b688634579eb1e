#pragma once
/// \file
/// SLA policies: response, update and resolution targets per priority, warnings before a breach,
/// an escalation ladder after it, and the rules that choose a policy for a ticket.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/ticket_condition.hpp>

namespace ticketflow::sla {

/// What an SLA measures on a ticket (defined in core/enums.hpp).
using Metric = ticketflow::Metric;

/// What an escalation step does when it comes due.
enum class EscalationAction : std::uint8_t {
    notify_supervisor,  ///< tell the team's supervisor
    raise_priority,     ///< one step up, at most to urgent
    reassign_to_team,   ///< hand the ticket to `team`
    escalate,           ///< fire the lifecycle's escalate event
};

/// Business time, to the second.
using BusinessDuration = std::chrono::seconds;

/// When to warn before a breach: at a share of the target, or a business-time offset before the
/// deadline, whichever comes first; both empty means no warning.
struct WarningThreshold {
    std::optional<int> percent_of_target;        ///< 1–99, e.g. 80
    std::optional<BusinessDuration> before_due;  ///< e.g. 15 minutes

    friend bool operator==(const WarningThreshold& a, const WarningThreshold& b) {
        return a.percent_of_target == b.percent_of_target && a.before_due == b.before_due;
    }
};

/// One rung of the escalation ladder: `action`, `after_breach` business time past the deadline.
struct EscalationStep {
    BusinessDuration after_breach{0};
    EscalationAction action = EscalationAction::notify_supervisor;
    TeamId team;  ///< for reassign_to_team

    friend bool operator==(const EscalationStep& a, const EscalationStep& b) {
        return a.after_breach == b.after_breach && a.action == b.action && a.team == b.team;
    }
};

/// A named set of targets, the calendar they are counted in, warnings and an escalation ladder.
struct Policy {
    std::string name;
    std::string calendar;  ///< name of the business calendar; "" means around the clock
    /// targets[priority][metric]; zero means the metric is not tracked for that priority.
    std::array<std::array<BusinessDuration, 3>, 4> targets{};
    /// pause_states[metric]: lifecycle states in which that metric's clock stands still.
    std::array<std::vector<TicketState>, 3> pause_states;
    WarningThreshold warning;
    std::vector<EscalationStep> ladder;  ///< in ascending `after_breach` order

    BusinessDuration target(Priority p, Metric m) const {
        return targets[static_cast<std::size_t>(p)][static_cast<std::size_t>(m)];
    }
    BusinessDuration& target(Priority p, Metric m) {
        return targets[static_cast<std::size_t>(p)][static_cast<std::size_t>(m)];
    }
    const std::vector<TicketState>& pauses(Metric m) const {
        return pause_states[static_cast<std::size_t>(m)];
    }

    /// The service documents' defaults: first response 15 min / 1 h / 4 h / 8 h, resolution
    /// 24 h / 48 h / 72 h / 7 days, a customer update every 24 h, by priority urgent … low;
    /// resolution and updates pause while waiting for the customer and while a resolution awaits
    /// confirmation; a warning at 80 % of the target; at the breach the supervisor is notified,
    /// 4 hours later the priority is raised.
    static Policy standard();

    friend bool operator==(const Policy& a, const Policy& b) {
        return a.name == b.name && a.calendar == b.calendar && a.targets == b.targets &&
               a.pause_states == b.pause_states && a.warning == b.warning && a.ladder == b.ladder;
    }
};

/// Chooses a policy for tickets that match every condition it sets (unset = any).
struct Rule : TicketCondition {
    std::string policy;  ///< the policy's name

    friend bool operator==(const Rule& a, const Rule& b) {
        return static_cast<const TicketCondition&>(a) == static_cast<const TicketCondition&>(b) &&
               a.policy == b.policy;
    }
};

/// Policies, the rules that pick them (first match wins), and the default.
class PolicySet {
  public:
    /// Just the standard policy, as default.
    PolicySet();
    /// Checks names, targets, warnings, ladders and rule references; errors name the field. At
    /// least one policy is required; no duration may be longer than the range of time.
    static Result<PolicySet> make(std::vector<Policy> policies, std::vector<Rule> rules,
                                  std::string default_policy);

    /// The policy of the first rule `ticket` matches, or the default.
    const Policy& choose(const Ticket& ticket) const;
    /// The policy named `name`, or nullptr.
    const Policy* find(const std::string& name) const;

    const std::vector<Policy>& policies() const noexcept { return policies_; }
    const std::vector<Rule>& rules() const noexcept { return rules_; }
    const std::string& default_policy() const noexcept { return default_policy_; }

    friend bool operator==(const PolicySet& a, const PolicySet& b) {
        return a.policies_ == b.policies_ && a.rules_ == b.rules_ &&
               a.default_policy_ == b.default_policy_;
    }

  private:
    std::vector<Policy> policies_;
    std::vector<Rule> rules_;
    std::string default_policy_;
};

}  // namespace ticketflow::sla

namespace ticketflow {
template <>
struct EnumNames<sla::EscalationAction> {
    static constexpr std::array<std::string_view, 4> names{"notify_supervisor", "raise_priority",
                                                           "reassign_to_team", "escalate"};
};
}  // namespace ticketflow
