#include <algorithm>

#include <ticketflow/dispatch/strategy.hpp>

namespace ticketflow::dispatch {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

bool speaks_one(const Agent& agent, const std::vector<std::string>& languages) {
    return languages.empty() ||
           std::any_of(languages.begin(), languages.end(), [&](const std::string& language) {
               return contains(agent.languages, language);
           });
}

bool is_excluded(const Agent& agent, const std::vector<AgentId>& excluded) {
    return std::find(excluded.begin(), excluded.end(), agent.id) != excluded.end();
}

// Required skills by number: resolved once per decision, compared as integers per agent.
using SkillNeeds = std::vector<std::pair<std::uint16_t, int>>;

SkillNeeds needs_of(const Directory& directory, const std::map<std::string, int>& skills) {
    SkillNeeds needs;
    for (const auto& [skill, level] : skills) needs.emplace_back(directory.skill_id(skill), level);
    return needs;
}

bool has_skills(const Directory& directory, std::size_t position, const SkillNeeds& needs) {
    return std::all_of(needs.begin(), needs.end(), [&](const auto& need) {
        return need.second <= 0 || (need.first != Directory::no_skill &&
                                    directory.level_at(position, need.first) >= need.second);
    });
}

bool may_take(const Directory& directory, std::size_t position, const Request& request,
              const Requirements& requirements, const SkillNeeds& needs) {
    const Agent& agent = directory.agents()[position];
    const Ticket& ticket = request.ticket;
    return !agent.absent && directory.load_at(position) < agent.capacity &&
           !is_excluded(agent, request.excluded) && has_skills(directory, position, needs) &&
           speaks_one(agent, requirements.languages) &&
           (!requirements.product_line || contains(agent.product_lines, ticket.product.model)) &&
           (!requirements.region || contains(agent.regions, ticket.region)) &&
           directory.on_duty(agent, request.now);
}

std::string open_count(const Directory& directory, std::size_t position) {
    return std::to_string(directory.load_at(position)) + " open";
}

// The candidate with the fewest open tickets; candidates are in id order, so ties go to the
// lower id.
std::size_t least_loaded_of(const std::vector<std::size_t>& candidates,
                            const Directory& directory) {
    return *std::min_element(
        candidates.begin(), candidates.end(),
        [&](std::size_t a, std::size_t b) { return directory.load_at(a) < directory.load_at(b); });
}

Pick least_loaded(const std::vector<std::size_t>& candidates, const Directory& directory,
                  const std::string& why = "least loaded") {
    const std::size_t chosen = least_loaded_of(candidates, directory);
    return {chosen, why + ": " + directory.agents()[chosen].id.value() + " (" +
                        open_count(directory, chosen) + ")"};
}

int skill_score(const Directory& directory, std::size_t position, const SkillNeeds& needs) {
    int score = 0;
    for (const auto& need : needs) {
        if (need.first != Directory::no_skill) score += directory.level_at(position, need.first);
    }
    return score;
}

// The highest score, then the lightest load, then the lower id (candidates are in id order).
Pick best_skilled(const std::vector<std::size_t>& candidates, const Directory& directory,
                  const SkillNeeds& needs) {
    std::size_t chosen = candidates.front();
    int best = skill_score(directory, chosen, needs);
    for (const std::size_t c : candidates) {
        const int score = skill_score(directory, c, needs);
        if (score > best || (score == best && directory.load_at(c) < directory.load_at(chosen))) {
            chosen = c;
            best = score;
        }
    }
    return {chosen, "best skill match: " + directory.agents()[chosen].id.value() + " (score " +
                        std::to_string(best) + ", " + open_count(directory, chosen) + ")"};
}

// One pass: the least loaded of those working in the region, else the least loaded of all.
Pick in_region(const std::vector<std::size_t>& candidates, const Directory& directory,
               const std::string& region) {
    std::optional<std::size_t> local;
    for (const std::size_t c : candidates) {
        if (!contains(directory.agents()[c].regions, region)) continue;
        if (!local || directory.load_at(c) < directory.load_at(*local)) local = c;
    }
    if (!local) {
        return least_loaded(candidates, directory,
                            "nobody in region '" + region + "'; least loaded");
    }
    return {*local, "in region '" + region +
                        "', least loaded: " + directory.agents()[*local].id.value() + " (" +
                        open_count(directory, *local) + ")"};
}

Pick previous_or_least_loaded(const std::vector<std::size_t>& candidates,
                              const Directory& directory, const std::optional<AgentId>& previous) {
    for (const std::size_t c : candidates) {
        if (previous && directory.agents()[c].id == *previous) {
            return {c, "the customer's previous agent: " + previous->value()};
        }
    }
    return least_loaded(
        candidates, directory,
        previous ? "previous agent " + previous->value() + " cannot take it; least loaded"
                 : "no previous agent; least loaded");
}

}  // namespace

bool eligible(const Directory& directory, std::size_t position, const Request& request,
              const Requirements& requirements) {
    return may_take(directory, position, request, requirements,
                    needs_of(directory, requirements.skills));
}

std::optional<Pick> AgentChooser::choose(Strategy strategy, const TeamId& team,
                                         const Requirements& requirements, const Request& request,
                                         const Directory& directory) const {
    const auto& members = directory.members(team);
    const SkillNeeds needs = needs_of(directory, requirements.skills);
    std::vector<std::size_t> candidates;
    candidates.reserve(members.size());
    for (const std::size_t member : members) {
        if (may_take(directory, member, request, requirements, needs)) candidates.push_back(member);
    }
    if (candidates.empty()) return std::nullopt;
    switch (strategy) {
        case Strategy::least_loaded:
            return least_loaded(candidates, directory);
        case Strategy::round_robin:
            return next_in_turn(candidates, team, directory);
        case Strategy::skill_match:
            return best_skilled(candidates, directory, needs);
        case Strategy::region_match:
            return in_region(candidates, directory, request.ticket.region);
        case Strategy::sticky:
            return previous_or_least_loaded(candidates, directory, request.previous_agent);
    }
    return least_loaded(candidates, directory);
}

// The first candidate after the team's last pick in id order, wrapping around: over any run of
// picks from the same candidates, counts differ by at most one.
std::optional<Pick> AgentChooser::next_in_turn(const std::vector<std::size_t>& candidates,
                                               const TeamId& team,
                                               const Directory& directory) const {
    std::lock_guard lock(turns_mutex_);
    std::string& last = last_pick_[team.value()];
    const auto& agents = directory.agents();
    auto next = std::find_if(candidates.begin(), candidates.end(),
                             [&](std::size_t c) { return agents[c].id.value() > last; });
    if (next == candidates.end()) next = candidates.begin();
    last = agents[*next].id.value();
    return Pick{*next, "round robin: " + last};
}

}  // namespace ticketflow::dispatch
