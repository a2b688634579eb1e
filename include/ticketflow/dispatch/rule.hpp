#pragma once
/// \file
/// The pluggable point of dispatch: a rule looks at a ticket and the directory and proposes where
/// the ticket goes — a team, and perhaps an agent — with an explanation for the audit trail.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/dispatch/directory.hpp>

namespace ticketflow::dispatch {

/// What to dispatch, and what the rule should know besides the ticket.
struct Request {
    Ticket ticket;
    Timestamp now{};
    /// Agents not to choose, e.g. the one a ticket is being taken from.
    std::vector<AgentId> excluded;
    /// The customer's previous agent, for routing that sticks to them.
    std::optional<AgentId> previous_agent;
    /// Set when the ticket is escalated: route to a team of at least this tier.
    std::optional<Tier> at_least_tier;

    friend bool operator==(const Request& a, const Request& b) {
        return a.ticket == b.ticket && a.now == b.now && a.excluded == b.excluded &&
               a.previous_agent == b.previous_agent && a.at_least_tier == b.at_least_tier;
    }
};

/// What an agent must have to take a ticket, besides being a member of the team, present, on
/// duty, below capacity and not excluded.
struct Requirements {
    std::map<std::string, int> skills;   ///< skill → minimum level
    std::vector<std::string> languages;  ///< any one of them
    bool product_line = false;           ///< must service the ticket's product model
    bool region = false;                 ///< must work in the ticket's region

    friend bool operator==(const Requirements& a, const Requirements& b) {
        return a.skills == b.skills && a.languages == b.languages &&
               a.product_line == b.product_line && a.region == b.region;
    }
};

/// Where a ticket should go. No agent: it waits in the team's queue for someone to claim it.
struct Decision {
    TeamId team;
    std::optional<AgentId> agent;
    std::optional<Priority> priority;  ///< a priority the rule sets, if any
    std::vector<std::string> tags;     ///< tags the rule adds to the ticket
    /// For the audit trail, e.g. "category=hardware_fault → field-service; least loaded: li (3
    /// open)".
    std::string explanation;

    friend bool operator==(const Decision& a, const Decision& b) {
        return a.team == b.team && a.agent == b.agent && a.priority == b.priority &&
               a.tags == b.tags && a.explanation == b.explanation;
    }
};

/// Decides where tickets go. Implementations must be safe to call from several threads at once
/// (the engine holds the directory steady meanwhile). Write one to route by your own logic; the
/// built-in `RuleSet` routes by ordered rules read from JSON.
class DispatchRule {
  public:
    virtual ~DispatchRule() = default;
    /// Where `request.ticket` should go, or nothing when this rule has no opinion (the engine then
    /// leaves the ticket where it is).
    virtual std::optional<Decision> propose(const Request& request,
                                            const Directory& directory) const = 0;
    /// What an agent must have to take `ticket` (the engine checks claims against it); nothing
    /// by default.
    virtual std::optional<Requirements> requirements(const Ticket& ticket) const {
        (void)ticket;
        return std::nullopt;
    }
};

}  // namespace ticketflow::dispatch
