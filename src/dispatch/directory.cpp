#include <algorithm>
#include <set>

#include <ticketflow/dispatch/directory.hpp>

namespace ticketflow::dispatch {
namespace {

constexpr int kMinLevel = 1;
constexpr int kMaxLevel = 5;

std::string at(const char* list, std::size_t index) {
    return std::string(list) + "[" + std::to_string(index) + "]";
}

Error unknown_agent(const AgentId& agent) {
    Error e;
    e.code = ErrorCode::not_found;
    e.field = "agent";
    e.message = "no agent '" + agent.value() + "' in the directory";
    return e;
}

/// The first team whose escalation chain comes back to itself (itself included), as an error naming
/// `field_of(i)` of that team. A cycle would send an escalated ticket round in circles, never up a
/// tier; a team escalating to itself would not escalate at all.
template <class FieldOf>
Result<void> check_no_escalation_cycle(const std::vector<Team>& teams, FieldOf field_of) {
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < teams.size(); ++i) position[teams[i].id.value()] = i;
    for (std::size_t i = 0; i < teams.size(); ++i) {
        std::string chain = teams[i].id.value();
        std::size_t current = i;
        // A chain without a cycle visits each team at most once.
        for (std::size_t steps = 0; steps < teams.size(); ++steps) {
            const auto next = position.find(teams[current].escalates_to.value());
            if (next == position.end()) break;
            chain += " → " + next->first;
            if (next->second == i) {
                return validation_error(field_of(i), "escalation goes round in a circle: " + chain);
            }
            current = next->second;
        }
    }
    return {};
}

}  // namespace

Result<Directory> Directory::make(std::vector<Team> teams, std::vector<Agent> agents) {
    Directory directory;
    std::set<std::string> team_ids;
    for (std::size_t i = 0; i < teams.size(); ++i) {
        const std::string& id = teams[i].id.value();
        if (id.empty()) return validation_error(at("teams", i) + ".id", "a team needs an id");
        if (!team_ids.insert(id).second) {
            return validation_error(at("teams", i) + ".id", "team '" + id + "' is listed twice");
        }
    }
    for (std::size_t i = 0; i < teams.size(); ++i) {
        const std::string& next = teams[i].escalates_to.value();
        if (!next.empty() && team_ids.count(next) == 0) {
            return validation_error(at("teams", i) + ".escalates_to",
                                    "escalates to team '" + next + "', which is not listed");
        }
    }
    const auto field_of = [](std::size_t i) { return at("teams", i) + ".escalates_to"; };
    if (auto checked = check_no_escalation_cycle(teams, field_of); !checked) return checked.error();
    directory.teams_ = std::move(teams);
    directory.index();
    std::set<std::string> agent_ids;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        if (auto checked = directory.check(agents[i], at("agents", i)); !checked) {
            return checked.error();
        }
        if (!agent_ids.insert(agents[i].id.value()).second) {
            return validation_error(at("agents", i) + ".id",
                                    "agent '" + agents[i].id.value() + "' is listed twice");
        }
    }
    directory.agents_ = std::move(agents);
    std::sort(directory.agents_.begin(), directory.agents_.end(),
              [](const Agent& a, const Agent& b) { return a.id.value() < b.id.value(); });
    directory.loads_.assign(directory.agents_.size(), 0);
    directory.index();
    return directory;
}

Result<void> Directory::check(const Agent& agent, const std::string& path) const {
    if (agent.id.value().empty()) return validation_error(path + ".id", "an agent needs an id");
    for (std::size_t t = 0; t < agent.teams.size(); ++t) {
        if (!find_team(agent.teams[t])) {
            return validation_error(path + "." + at("teams", t),
                                    "team '" + agent.teams[t].value() + "' is not listed");
        }
    }
    for (const auto& [skill, level] : agent.skills) {
        if (level < kMinLevel || level > kMaxLevel) {
            return validation_error(path + ".skills." + skill, "a skill level is 1 to 5");
        }
    }
    if (agent.capacity == 0) {
        return validation_error(path + ".capacity", "an agent holds at least one open ticket");
    }
    return {};
}

void Directory::index() {
    agent_at_.clear();
    team_at_.clear();
    members_.clear();
    skill_ids_.clear();
    levels_.assign(agents_.size(), {});
    for (std::size_t i = 0; i < agents_.size(); ++i) {
        for (const auto& [skill, level] : agents_[i].skills) {
            const auto id =
                skill_ids_.emplace(skill, static_cast<std::uint16_t>(skill_ids_.size()));
            levels_[i].emplace_back(id.first->second, static_cast<std::uint8_t>(level));
        }
        std::sort(levels_[i].begin(), levels_[i].end());
    }
    for (std::size_t i = 0; i < teams_.size(); ++i) team_at_[teams_[i].id.value()] = i;
    for (std::size_t i = 0; i < agents_.size(); ++i) {
        agent_at_[agents_[i].id.value()] = i;
        for (const TeamId& team : agents_[i].teams) members_[team.value()].push_back(i);
    }
}

Result<void> Directory::put_agent(Agent agent) {
    if (auto checked = check(agent, "agent"); !checked) return checked.error();
    const auto found = agent_at_.find(agent.id.value());
    if (found != agent_at_.end()) {
        agents_[found->second] = std::move(agent);
    } else {
        const auto place = std::lower_bound(
            agents_.begin(), agents_.end(), agent,
            [](const Agent& a, const Agent& b) { return a.id.value() < b.id.value(); });
        loads_.insert(loads_.begin() + (place - agents_.begin()), 0);
        agents_.insert(place, std::move(agent));
    }
    index();
    return {};
}

Result<void> Directory::put_team(Team team) {
    if (team.id.value().empty()) return validation_error("team.id", "a team needs an id");
    if (!team.escalates_to.value().empty() && team.escalates_to != team.id &&
        !find_team(team.escalates_to)) {
        return validation_error(
            "team.escalates_to",
            "escalates to team '" + team.escalates_to.value() + "', which is not listed");
    }
    // Checked on the teams as they would be, so that nothing changes when refused.
    std::vector<Team> teams = teams_;
    const auto found = team_at_.find(team.id.value());
    const std::size_t place = found != team_at_.end() ? found->second : teams.size();
    if (found != team_at_.end()) {
        teams[place] = std::move(team);
    } else {
        teams.push_back(std::move(team));
    }
    const auto field_of = [](std::size_t) { return std::string("team.escalates_to"); };
    if (auto checked = check_no_escalation_cycle(teams, field_of); !checked) return checked;
    teams_ = std::move(teams);
    index();
    return {};
}

Result<void> Directory::set_absent(const AgentId& agent, bool absent) {
    const auto found = agent_at_.find(agent.value());
    if (found == agent_at_.end()) return unknown_agent(agent);
    agents_[found->second].absent = absent;
    return {};
}

std::uint16_t Directory::skill_id(const std::string& skill) const {
    const auto found = skill_ids_.find(skill);
    return found == skill_ids_.end() ? no_skill : found->second;
}

int Directory::level_at(std::size_t position, std::uint16_t skill) const {
    for (const auto& [id, level] : levels_[position]) {
        if (id == skill) return level;
    }
    return 0;
}

const Agent* Directory::find_agent(const AgentId& id) const {
    const auto found = agent_at_.find(id.value());
    return found == agent_at_.end() ? nullptr : &agents_[found->second];
}

const Team* Directory::find_team(const TeamId& id) const {
    const auto found = team_at_.find(id.value());
    return found == team_at_.end() ? nullptr : &teams_[found->second];
}

const std::vector<std::size_t>& Directory::members(const TeamId& team) const {
    static const std::vector<std::size_t> none;
    const auto found = members_.find(team.value());
    return found == members_.end() ? none : found->second;
}

std::uint32_t Directory::load(const AgentId& agent) const {
    const auto found = agent_at_.find(agent.value());
    return found == agent_at_.end() ? 0 : loads_[found->second];
}

void Directory::set_load(const AgentId& agent, std::uint32_t open_tickets) {
    const auto found = agent_at_.find(agent.value());
    if (found != agent_at_.end()) loads_[found->second] = open_tickets;
}

void Directory::add_load(const AgentId& agent, int change) {
    const auto found = agent_at_.find(agent.value());
    if (found == agent_at_.end()) return;
    const auto current = static_cast<std::int64_t>(loads_[found->second]);
    loads_[found->second] = static_cast<std::uint32_t>(std::max<std::int64_t>(0, current + change));
}

}  // namespace ticketflow::dispatch
