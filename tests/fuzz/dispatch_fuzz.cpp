// The dispatch directory and routing rules from JSON (dispatch/json.hpp). A directory read has
// no dangling teams and no escalation cycles; rules read write and read back equal; routing a
// ticket with what was read proposes a member of the named team, and the decision's explanation
// is UTF-8 (it goes into the audit trail). Refusals are validation_failed.
#include <cstddef>
#include <cstdint>

#include <ticketflow/dispatch/json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;
using namespace ticketflow::dispatch;

namespace {

void check_directory(const Directory& directory) {
    for (const auto& agent : directory.agents()) {
        for (const auto& team : agent.teams)
            TICKETFLOW_FUZZ_CHECK(directory.find_team(team) != nullptr);
        for (const auto& skill : agent.skills)
            TICKETFLOW_FUZZ_CHECK(skill.second >= 1 && skill.second <= 5);
    }
    // Escalation ends: a chain longer than the number of teams would be a cycle.
    for (const auto& team : directory.teams()) {
        const Team* at = &team;
        std::size_t steps = 0;
        while (!at->escalates_to.value().empty()) {
            at = directory.find_team(at->escalates_to);
            TICKETFLOW_FUZZ_CHECK(at != nullptr && ++steps <= directory.teams().size());
        }
    }
}

void check_routing(const RuleSet& rules, const Directory& directory) {
    // A ticket that matches the first rule, so that its strategy runs against the directory.
    Request request;
    request.now = from_unix_seconds(1'700'000'000);
    if (!rules.rules().empty()) {
        const auto& when = rules.rules().front().when;
        if (!when.priorities.empty()) request.ticket.priority = when.priorities.front();
        if (!when.tiers.empty()) request.ticket.customer.tier = when.tiers.front();
        if (!when.categories.empty()) request.ticket.category = when.categories.front();
        if (!when.channels.empty()) request.ticket.channel = when.channels.front();
    }
    const auto decision = rules.propose(request, directory);
    if (!decision) return;
    TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(decision->explanation));
    if (decision->agent) {
        const auto* agent = directory.find_agent(*decision->agent);
        TICKETFLOW_FUZZ_CHECK(agent != nullptr);
        bool member = false;
        for (const auto& team : agent->teams) member = member || team == decision->team;
        TICKETFLOW_FUZZ_CHECK(member);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    // One document may hold both: the seeds put teams, agents and rules side by side.
    const auto directory = fuzz::read_as<Directory>(*document);
    if (directory) {
        check_directory(*directory);
        fuzz::check_round_trip(*directory);
    }
    const auto rules = fuzz::read_as<RuleSet>(*document);
    if (rules) {
        const nlohmann::json written = *rules;
        const auto again = nlohmann::json::parse(fuzz::dump_or_trap(written)).get<RuleSet>();
        TICKETFLOW_FUZZ_CHECK(again.rules() == rules->rules());
        TICKETFLOW_FUZZ_CHECK(again.fallback_team() == rules->fallback_team());
        check_routing(*rules, directory ? *directory : Directory{});
    }
    if (const auto decision = fuzz::read_as<Decision>(*document)) fuzz::check_round_trip(*decision);
    return 0;
}
