#pragma once
/// \file
/// Who can take tickets: agents with their skills, regions, languages, product lines, support tier,
/// capacity and availability, the teams they belong to, and how many open tickets each holds.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow::dispatch {

/// Support tier: first line (service desk), second line (specialists), third line (R&D, vendor).
enum class Tier : std::uint8_t { l1, l2, l3 };

/// An agent who can own tickets.
struct Agent {
    AgentId id;
    std::string name;
    std::vector<TeamId> teams;
    std::map<std::string, int> skills;       ///< skill → level, 1 (basic) to 5 (expert)
    std::vector<std::string> regions;        ///< where the agent works on site
    std::vector<std::string> languages;      ///< e.g. "zh", "en"
    std::vector<std::string> product_lines;  ///< product models the agent services
    Tier tier = Tier::l1;
    std::uint32_t capacity = 10;  ///< the most open tickets the agent owns at once
    bool absent = false;          ///< on leave, ill: takes nothing new
    std::string calendar;         ///< on duty in this business calendar's hours; "" = always

    /// The agent's level in `skill`; 0 when the agent lacks it.
    int level(const std::string& skill) const {
        const auto found = skills.find(skill);
        return found == skills.end() ? 0 : found->second;
    }

    friend bool operator==(const Agent& a, const Agent& b) {
        return a.id == b.id && a.name == b.name && a.teams == b.teams && a.skills == b.skills &&
               a.regions == b.regions && a.languages == b.languages &&
               a.product_lines == b.product_lines && a.tier == b.tier && a.capacity == b.capacity &&
               a.absent == b.absent && a.calendar == b.calendar;
    }
};

/// A team: a queue of tickets and the agents who work it.
struct Team {
    TeamId id;
    std::string name;
    Tier tier = Tier::l1;
    TeamId escalates_to;  ///< the next tier's team, where escalated tickets go; empty: none

    friend bool operator==(const Team& a, const Team& b) {
        return a.id == b.id && a.name == b.name && a.tier == b.tier &&
               a.escalates_to == b.escalates_to;
    }
};

/// Whether an agent is on duty at an instant (e.g. inside their business calendar's hours).
using OnDuty = std::function<bool(const Agent&, Timestamp)>;

/// Agents and teams, with each agent's current load (open tickets owned). Checked when changed:
/// ids unique and non-empty, every team an agent names exists, levels 1 to 5, capacity at least 1,
/// escalation targets exist and no team escalates to itself or round a circle. Not synchronised:
/// the engine guards it.
class Directory {
  public:
    Directory() = default;
    /// A directory of `teams` and `agents`, or the first problem (`validation_failed`, naming
    /// the field, e.g. `agents[3].skills.printer`).
    static Result<Directory> make(std::vector<Team> teams, std::vector<Agent> agents);

    /// Adds the agent, or replaces the one with its id (keeping its load).
    Result<void> put_agent(Agent agent);
    /// Adds the team, or replaces the one with its id; refused (and nothing changed) when its
    /// `escalates_to` is unknown, itself, or closes a circle of escalations.
    Result<void> put_team(Team team);
    /// Marks the agent absent or back; `not_found` for an unknown agent.
    Result<void> set_absent(const AgentId& agent, bool absent);

    const Agent* find_agent(const AgentId& id) const;
    const Team* find_team(const TeamId& id) const;
    const std::vector<Agent>& agents() const noexcept { return agents_; }
    const std::vector<Team>& teams() const noexcept { return teams_; }
    /// Positions in `agents()` of the team's members, in ascending id order.
    const std::vector<std::size_t>& members(const TeamId& team) const;

    /// Open tickets the agent owns, as last set; 0 for an unknown agent.
    std::uint32_t load(const AgentId& agent) const;
    std::uint32_t load_at(std::size_t position) const { return loads_[position]; }
    /// Sets or moves the agent's load (an unknown agent is ignored: the engine may know owners
    /// that are not, or no longer, in the directory).
    void set_load(const AgentId& agent, std::uint32_t open_tickets);
    void add_load(const AgentId& agent, int change);

    /// A skill's number, for quick checks over many agents; `no_skill` when no agent has it.
    static constexpr std::uint16_t no_skill = 0xffff;
    std::uint16_t skill_id(const std::string& skill) const;
    /// The level of the agent at `position` in the skill numbered `skill`; 0 when lacking it.
    int level_at(std::size_t position, std::uint16_t skill) const;

    /// Whether the agent is on duty at `now` (always, unless `set_on_duty` says otherwise).
    bool on_duty(const Agent& agent, Timestamp now) const {
        return !on_duty_ || agent.calendar.empty() || on_duty_(agent, now);
    }
    void set_on_duty(OnDuty on_duty) { on_duty_ = std::move(on_duty); }

    /// The same teams and agents (loads and the on-duty test aside).
    friend bool operator==(const Directory& a, const Directory& b) {
        return a.teams_ == b.teams_ && a.agents_ == b.agents_;
    }

  private:
    Result<void> check(const Agent& agent, const std::string& path) const;
    void index();

    std::vector<Team> teams_;
    std::vector<Agent> agents_;         // in ascending id order
    std::vector<std::uint32_t> loads_;  // by position in agents_
    std::unordered_map<std::string, std::size_t> agent_at_;
    std::unordered_map<std::string, std::size_t> team_at_;
    std::unordered_map<std::string, std::vector<std::size_t>> members_;
    std::unordered_map<std::string, std::uint16_t> skill_ids_;
    // By position in agents_: (skill number, level), in skill-number order.
    std::vector<std::vector<std::pair<std::uint16_t, std::uint8_t>>> levels_;
    OnDuty on_duty_;
};

}  // namespace ticketflow::dispatch

namespace ticketflow {
template <>
struct EnumNames<dispatch::Tier> {
    static constexpr std::array<std::string_view, 3> names{"l1", "l2", "l3"};
};
}  // namespace ticketflow
