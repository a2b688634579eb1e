#include "engine/dispatcher.hpp"

#include <algorithm>
#include <mutex>

#include "engine/refusal.hpp"

namespace ticketflow::detail {
namespace {

// An escalated ticket has already moved up to its new team (the one named, or the next in the
// directory's chain): it stays at that team's tier or above, whatever the rules route it to.
std::optional<dispatch::Tier> escalated_tier(const dispatch::Directory& directory,
                                             const Ticket& ticket) {
    if (ticket.state != TicketState::escalated) return std::nullopt;
    const dispatch::Team* team = directory.find_team(ticket.team);
    return team ? std::optional(team->tier) : std::nullopt;
}

Error claim_refused(const Ticket& ticket, const std::string& why) {
    return refusal(ErrorCode::permission_denied, ticket, "cannot claim: " + why, "actor");
}

}  // namespace

bool under_way(TicketState state) noexcept {
    switch (state) {
        case TicketState::assigned:
        case TicketState::in_progress:
        case TicketState::waiting:
        case TicketState::escalated:
            return true;
        default:
            return false;
    }
}

bool dispatchable(TicketState state) noexcept {
    return state == TicketState::new_ || under_way(state);
}

bool takes_an_owner(TicketState state) noexcept {
    return state == TicketState::new_ || state == TicketState::escalated;
}

bool may_dispatch(Role role) noexcept {
    return role == Role::supervisor || role == Role::admin || role == Role::system;
}

Error dispatch_forbidden(Role role) {
    Error e;
    e.code = ErrorCode::permission_denied;
    e.field = "actor.role";
    e.message = "a " + std::string(to_string(role)) +
                " may not dispatch or change the directory: supervisors, admins and the system may";
    return e;
}

void apply_rule_actions(Ticket& ticket, const dispatch::Decision& decision) {
    if (decision.priority) ticket.priority = *decision.priority;
    for (const std::string& tag : decision.tags) {
        if (std::find(ticket.tags.begin(), ticket.tags.end(), tag) == ticket.tags.end()) {
            ticket.tags.push_back(tag);
        }
    }
}

bool handed_to_a_team(const std::vector<AuditEvent>& sla_events) {
    return std::any_of(sla_events.begin(), sla_events.end(), [](const AuditEvent& event) {
        const auto step = event.details.find("step");
        const auto outcome = event.details.find("outcome");
        return step != event.details.end() && step->second == "reassign_to_team" &&
               outcome != event.details.end() && outcome->second == "applied";
    });
}

void describe_dispatch(AuditEvent& entry, const dispatch::Decision& decision,
                       const std::string& explanation) {
    entry.action = "dispatch";
    entry.reason = explanation;
    entry.visibility = Visibility::internal;
    entry.details["team"] = decision.team.value();
    entry.details["agent"] = decision.agent ? decision.agent->value() : "";
}

// An agent with a calendar is on duty while it is open; every calendar an agent names is one of
// the engine's (check_engine_inputs made sure). An instant the calendar cannot place (outside its
// years 1400–9999) finds nobody on duty rather than assigning work out of hours.
Dispatcher::Dispatcher(const EngineConfig& config)
    : directory_(config.directory), rule_(config.dispatch_rule) {
    auto calendars = std::make_shared<const std::map<std::string, sla::Calendar>>(config.calendars);
    directory_.set_on_duty([calendars](const dispatch::Agent& agent, Timestamp now) {
        const auto found = calendars->find(agent.calendar);
        if (found == calendars->end()) return true;
        const auto open = found->second.is_open(now);
        return open && *open;
    });
}

dispatch::Request Dispatcher::request_for(const Ticket& ticket, Timestamp now,
                                          std::vector<AgentId> excluded) const {
    dispatch::Request request;
    request.ticket = ticket;
    request.now = now;
    request.excluded = std::move(excluded);
    const auto previous = previous_agent_.find(ticket.customer.id.value());
    if (previous != previous_agent_.end()) request.previous_agent = previous->second;
    request.at_least_tier = escalated_tier(directory_, ticket);
    return request;
}

std::optional<dispatch::Decision> Dispatcher::decide(const Ticket& ticket, Timestamp now,
                                                     std::vector<AgentId> excluded) const {
    if (!rule_) return std::nullopt;
    std::shared_lock lock(mutex_);
    return rule_->propose(request_for(ticket, now, std::move(excluded)), directory_);
}

std::optional<dispatch::Decision> Dispatcher::choose_in_team(const Ticket& ticket,
                                                             Timestamp now) const {
    std::shared_lock lock(mutex_);
    if (!directory_.find_team(ticket.team)) return std::nullopt;
    const auto request = request_for(ticket, now, {ticket.owner});
    const auto pick =
        chooser_.choose(dispatch::Strategy::least_loaded, ticket.team, {}, request, directory_);
    if (!pick) return std::nullopt;
    dispatch::Decision decision;
    decision.team = ticket.team;
    decision.agent = directory_.agents()[pick->position].id;
    decision.explanation = "SLA escalation to " + ticket.team.value() + "; " + pick->reason;
    return decision;
}

Result<void> Dispatcher::check_claim(const Ticket& ticket, const AgentId& agent,
                                     Timestamp now) const {
    std::shared_lock lock(mutex_);
    const dispatch::Agent* known = directory_.find_agent(agent);
    if (!known) return {};
    if (known->absent) return claim_refused(ticket, agent.value() + " is marked absent");
    if (!directory_.on_duty(*known, now))
        return claim_refused(ticket, agent.value() + " is off duty");
    if (directory_.load(agent) >= known->capacity) {
        return claim_refused(ticket, agent.value() + " already holds " +
                                         std::to_string(known->capacity) +
                                         " open tickets, their capacity");
    }
    if (auto lacking = missing_skill(*known, ticket)) return claim_refused(ticket, *lacking);
    const bool team_known = directory_.find_team(ticket.team) != nullptr;
    const auto& teams = known->teams;
    if (team_known && std::find(teams.begin(), teams.end(), ticket.team) == teams.end()) {
        return claim_refused(ticket, agent.value() + " is not in team " + ticket.team.value());
    }
    return {};
}

bool Dispatcher::works_queue_of(const AgentId& agent, const TeamId& team) const {
    if (team.value().empty()) return true;
    std::shared_lock lock(mutex_);
    const dispatch::Agent* known = directory_.find_agent(agent);
    if (known == nullptr || directory_.find_team(team) == nullptr) return true;
    return std::find(known->teams.begin(), known->teams.end(), team) != known->teams.end();
}

// What the agent lacks of the skills the rule requires for the ticket, in words; nothing when
// the agent has them all (or there is no rule).
std::optional<std::string> Dispatcher::missing_skill(const dispatch::Agent& agent,
                                                     const Ticket& ticket) const {
    if (!rule_) return std::nullopt;
    const auto required = rule_->requirements(ticket);
    if (!required) return std::nullopt;
    for (const auto& [skill, level] : required->skills) {
        if (agent.level(skill) < level) {
            return agent.id.value() + " lacks " + skill + " at level " + std::to_string(level) +
                   " (has " + std::to_string(agent.level(skill)) + ")";
        }
    }
    return std::nullopt;
}

TeamId Dispatcher::escalation_team(const TeamId& team) const {
    std::shared_lock lock(mutex_);
    const dispatch::Team* found = directory_.find_team(team);
    return found ? found->escalates_to : TeamId{};
}

void Dispatcher::count(const Ticket* before, const Ticket& after) {
    const bool was = before && under_way(before->state) && !before->owner.value().empty();
    const bool is = under_way(after.state) && !after.owner.value().empty();
    // Most changes keep the owner and whether the ticket is under way: nothing to lock for.
    if (before && before->owner == after.owner && was == is) return;
    const bool kept = was && is && before->owner == after.owner;
    std::unique_lock lock(mutex_);
    if (was && !kept) directory_.add_load(before->owner, -1);
    if (is && !kept) directory_.add_load(after.owner, +1);
    if (!after.owner.value().empty()) previous_agent_[after.customer.id.value()] = after.owner;
}

dispatch::Directory Dispatcher::directory() const {
    std::shared_lock lock(mutex_);
    return directory_;
}

Result<void> Dispatcher::put_agent(dispatch::Agent agent) {
    std::unique_lock lock(mutex_);
    return directory_.put_agent(std::move(agent));
}

Result<void> Dispatcher::put_team(dispatch::Team team) {
    std::unique_lock lock(mutex_);
    return directory_.put_team(std::move(team));
}

Result<void> Dispatcher::set_absent(const AgentId& agent, bool absent) {
    std::unique_lock lock(mutex_);
    return directory_.set_absent(agent, absent);
}

}  // namespace ticketflow::detail
