// dispatch_bench: routing decisions per second of the built-in RuleSet over a directory of 1,000
// agents in 20 teams and 50 routing rules (the goal: at most 2 µs per decision).
//
// The directory: agents in one or two teams, two to four of ten skills at levels 1 to 5, one or
// two of eight regions, Chinese and sometimes English, one to three product lines, capacities far
// above their loads (so no team saturates), 2% absent. The rules: each sets a category and one
// more condition (priorities, tiers, customer tags, channels or regions), or only keywords (found
// in the ticket's keywords or by substring search in its title and description); each routes to a
// team with a strategy and, for about half, required skills.
//
// The tickets: 4,096 requests built before timing. Nine in ten are aimed at a rule chosen
// uniformly among the 50 (filled in to meet that rule's condition, everything else random, and
// drawn again while an earlier rule would catch it); one in ten matches nothing and falls to the
// fallback team. The counters show what the pool really does: `rules_walked` (the position of the
// matching rule in the list, i.e. the conditions a plain walk would test; the RuleSet tests only
// the rules of the ticket's category and those naming none), `fallback` and `assigned` (shares).
//
// Loads are set once before timing and never updated inside the loop: the decision is measured
// alone, not the engine's bookkeeping after it. Round-robin still advances its own turn memory,
// which is part of the decision. Everything is seeded, so every run builds the same pool.
//
//   BM_propose_mixed          every strategy, rule i uses strategy i % 5
//   BM_propose_strategy/N     the same rules and tickets, every rule using strategy N
//                             (0 least_loaded, 1 round_robin, 2 skill_match, 3 region_match,
//                             4 sticky): what each strategy costs
//   BM_plain_walk             a plain walk over all the rules' conditions, no agent chosen: what
//                             the RuleSet's index by category saves
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <ticketflow/core/ticket_condition.hpp>
#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/rule_set.hpp>
#include <ticketflow/dispatch/strategy.hpp>

namespace {

using namespace ticketflow;
using dispatch::Agent;
using dispatch::Directory;
using dispatch::Request;
using dispatch::Requirements;
using dispatch::RoutingRule;
using dispatch::RuleSet;
using dispatch::Strategy;
using dispatch::Team;

constexpr int kAgents = 1000;
constexpr int kTeams = 20;
constexpr int kRules = 50;
constexpr std::size_t kPool = 4096;  // a power of two: the loop wraps with a mask
constexpr int kStrategies = 5;
constexpr double kFallbackShare = 0.1;

const std::vector<std::string> kSkills{"printer", "network",  "firmware", "scanner", "erp",
                                       "mdm",     "database", "security", "mobile",  "cloud"};
const std::vector<std::string> kRegions{"east",    "north",     "south",     "west",
                                        "central", "northeast", "northwest", "southwest"};
const std::vector<std::string> kModels{"LP-3200", "LP-5100", "MX-200", "MX-450", "SC-10", "SC-30"};
const std::vector<std::string> kCategories{
    "hardware_fault", "software_bug",      "network_outage", "how_to",      "account_access",
    "billing",        "installation",      "training",       "spare_parts", "warranty_claim",
    "data_recovery",  "security_incident", "performance",    "integration", "feature_request"};
const std::vector<std::string> kCustomerTags{"key-account", "government", "education", "partner"};
// Words the keyword rules look for; none of them occurs in the neutral texts below.
const std::vector<std::string> kKeywords{
    "卡纸",   "蓝屏", "VPN",  "license", "无法登录", "overheat", "toner",  "固件",
    "backup", "证书", "报错", "E-502",   "fuser",    "条码",     "扫描仪", "RAID"};
const std::vector<std::string> kTitles{
    "设备无法正常工作",       "Device stops after a few minutes",
    "安装后运行异常",         "Question about the monthly report",
    "客户要求上门服务",       "Invoice does not match the order",
    "系统响应很慢，影响生产", "Cannot print from the new workstation"};
const std::vector<std::string> kDescriptions{
    "客户反映设备在早班开机后约十分钟停止工作，已尝试断电重启，问题依旧。现场有三台同型号设备，"
    "只有一台出现此问题。",
    "The unit powers on and shows the home screen, then stops responding to the panel. The "
    "customer restarted it twice and checked the cables; the problem comes back within the hour.",
    "上周完成安装调试，本周开始出现间歇性异常，日志中有多条警告。客户希望尽快安排工程师。",
    "The customer asks how to export last month's figures to their accounting system and whether "
    "the scheduled export can run at night.",
    "Since the office moved to the second floor the workstation cannot reach the shared device. "
    "Other workstations on the same floor work normally."};
const std::vector<std::string> kIntakeKeywords{"生产线", "urgent-order", "second-floor",
                                               "new-site"};

// ---------------------------------------------------------------------------------------------
// Random helpers, all drawing from one seeded generator so the pool is the same every run.

using Rng = std::mt19937;

int uniform(Rng& rng, int low, int high) {
    return std::uniform_int_distribution<>(low, high)(rng);
}

bool chance(Rng& rng, double p) {
    return std::bernoulli_distribution(p)(rng);
}

template <class T>
const T& pick(Rng& rng, const std::vector<T>& values) {
    return values[static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(values.size()) - 1))];
}

// `count` distinct values of `values`.
std::vector<std::string> pick_distinct(Rng& rng, const std::vector<std::string>& values,
                                       int count) {
    std::vector<std::string> shuffled = values;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    shuffled.resize(static_cast<std::size_t>(count));
    return shuffled;
}

std::string numbered(const char* prefix, int n, int width) {
    std::string digits = std::to_string(n);
    return prefix + std::string(static_cast<std::size_t>(width) - digits.size(), '0') + digits;
}

TeamId team_id(int n) {
    return TeamId{numbered("team-", n, 2)};
}

// ---------------------------------------------------------------------------------------------
// The directory.

// Team 0 is the service desk (the fallback), 1 second line, 2 R&D; then first-line teams up to 9,
// second-line teams up to 16, third-line teams after. Escalation runs l1 → 1 → 2, so escalated
// tickets walk a real chain.
dispatch::Tier team_tier(int n) {
    if (n == 1 || (n >= 10 && n <= 16)) return dispatch::Tier::l2;
    if (n == 2 || n >= 17) return dispatch::Tier::l3;
    return dispatch::Tier::l1;
}

std::vector<Team> make_teams() {
    std::vector<Team> teams;
    for (int n = 0; n < kTeams; ++n) {
        const dispatch::Tier tier = team_tier(n);
        const TeamId next = tier == dispatch::Tier::l1   ? team_id(1)
                            : tier == dispatch::Tier::l2 ? team_id(2)
                                                         : TeamId{};
        teams.push_back(Team{team_id(n), "team " + std::to_string(n), tier, next});
    }
    return teams;
}

Agent make_agent(Rng& rng, int n) {
    Agent agent;
    agent.id = AgentId{numbered("agent-", n, 4)};
    agent.name = "工程师 " + std::to_string(n);
    const int first_team = uniform(rng, 0, kTeams - 1);
    agent.teams.push_back(team_id(first_team));
    if (chance(rng, 0.3))
        agent.teams.push_back(team_id((first_team + uniform(rng, 1, 5)) % kTeams));
    for (const std::string& skill : pick_distinct(rng, kSkills, uniform(rng, 2, 4))) {
        agent.skills[skill] = uniform(rng, 1, 5);
    }
    agent.regions = pick_distinct(rng, kRegions, uniform(rng, 1, 2));
    agent.languages = {"zh"};
    if (chance(rng, 0.4)) agent.languages.push_back("en");
    agent.product_lines = pick_distinct(rng, kModels, uniform(rng, 1, 3));
    agent.tier = team_tier(first_team);
    agent.capacity = static_cast<std::uint32_t>(uniform(rng, 50, 200));
    agent.absent = chance(rng, 0.02);
    return agent;
}

Directory make_directory(Rng& rng) {
    std::vector<Agent> agents;
    for (int n = 0; n < kAgents; ++n) agents.push_back(make_agent(rng, n));
    Directory directory = Directory::make(make_teams(), std::move(agents)).value();
    // Loads stay below every capacity (at least 50): nobody is full, so the decision always
    // looks at the whole team.
    for (const Agent& agent : directory.agents()) {
        directory.set_load(agent.id, static_cast<std::uint32_t>(uniform(rng, 0, 40)));
    }
    return directory;
}

// ---------------------------------------------------------------------------------------------
// The rules.

// Rule i sets a category and one more condition of kind i % 6, or (kind 5) only keywords. Each
// category appears in three or four rules with different kinds of second condition, so a ticket
// of a category is tested against several rules before the one that fits. The category index
// shifts by one from rule 30 on, where i % 15 and i % 6 would repeat together: no two rules set
// the same (category, kind), so no rule hides a later one and every rule can be the first match.
TicketCondition make_condition(Rng& rng, int i) {
    TicketCondition when;
    const int kind = i % 6;
    const auto category = static_cast<std::size_t>(i + i / 30) % kCategories.size();
    if (kind != 5) when.categories = {kCategories[category]};
    switch (kind) {
        case 0:
            when.priorities = {Priority::urgent, Priority::high};
            break;
        case 1:
            when.tiers = {CustomerTier::vip, CustomerTier::strategic};
            break;
        case 2:
            when.customer_tags = {pick(rng, kCustomerTags)};
            break;
        case 3:
            when.channels = {Channel::phone, Channel::on_site};
            break;
        case 4:
            when.regions = pick_distinct(rng, kRegions, 2);
            break;
        default:  // the eight keyword rules share no keyword, for the same reason
            when.keywords = {kKeywords[static_cast<std::size_t>(i / 6 * 2)],
                             kKeywords[static_cast<std::size_t>(i / 6 * 2 + 1)]};
            break;
    }
    return when;
}

// Skill-match rules always name one or two skills (else there is nothing to match); about a third
// of the others name one. A few ask for English or the ticket's product line.
Requirements make_requirements(Rng& rng, Strategy strategy) {
    Requirements required;
    const bool skilled = strategy == Strategy::skill_match || chance(rng, 0.35);
    const int skills = strategy == Strategy::skill_match ? uniform(rng, 1, 2) : 1;
    if (skilled) {
        for (const std::string& skill : pick_distinct(rng, kSkills, skills)) {
            required.skills[skill] = uniform(rng, 2, 3);
        }
    }
    if (chance(rng, 0.1)) required.languages = {"en"};
    required.product_line = chance(rng, 0.1);
    return required;
}

RoutingRule make_rule(Rng& rng, int i) {
    RoutingRule rule;
    rule.name = "rule " + std::to_string(i);
    rule.when = make_condition(rng, i);
    rule.team = team_id(1 + i % (kTeams - 1));  // never the fallback desk
    rule.strategy = static_cast<Strategy>(i % kStrategies);
    rule.required = make_requirements(rng, rule.strategy);
    if (i % 7 == 0) rule.set_priority = Priority::high;
    if (i % 4 == 0) rule.add_tags = {"routed-" + std::to_string(i)};
    return rule;
}

// The rules of the mixed case; with `only`, the same rules (same conditions, teams and
// requirements) all using that strategy.
std::vector<RoutingRule> make_rules(Rng& rng, std::optional<Strategy> only) {
    std::vector<RoutingRule> rules;
    for (int i = 0; i < kRules; ++i) rules.push_back(make_rule(rng, i));
    if (only) {
        for (RoutingRule& rule : rules) rule.strategy = *only;
    }
    return rules;
}

// ---------------------------------------------------------------------------------------------
// The tickets.

Priority random_priority(Rng& rng) {
    const int p = uniform(rng, 0, 99);
    if (p < 5) return Priority::urgent;
    if (p < 25) return Priority::high;
    return p < 75 ? Priority::medium : Priority::low;
}

CustomerTier random_tier(Rng& rng) {
    const int p = uniform(rng, 0, 9);
    if (p < 7) return CustomerTier::standard;
    return p < 9 ? CustomerTier::vip : CustomerTier::strategic;
}

// A ticket of a random customer about a random product, saying nothing a keyword rule looks for.
Ticket random_ticket(Rng& rng, int n) {
    Ticket ticket;
    ticket.id = TicketId{static_cast<std::uint64_t>(n + 1)};
    ticket.number = numbered("HT20231001", n, 4);
    ticket.customer.id = CustomerId{"cust-" + std::to_string(uniform(rng, 1, 300))};
    ticket.customer.name = "华东精密制造有限公司";
    ticket.customer.tier = random_tier(rng);
    if (chance(rng, 0.2)) ticket.customer.tags = {pick(rng, kCustomerTags)};
    ticket.product.model = pick(rng, kModels);
    ticket.product.contract_number = "C-" + std::to_string(uniform(rng, 1000, 9999));
    ticket.channel = static_cast<Channel>(uniform(rng, 0, 5));
    ticket.title = pick(rng, kTitles);
    ticket.description = pick(rng, kDescriptions);
    ticket.region = pick(rng, kRegions);
    ticket.category = pick(rng, kCategories);
    if (chance(rng, 0.5)) ticket.keywords = {pick(rng, kIntakeKeywords)};
    ticket.priority = random_priority(rng);
    return ticket;
}

// Fills in what `when` asks for, so the ticket meets it (unless an earlier rule catches it).
void aim_at(Rng& rng, const TicketCondition& when, Ticket& ticket) {
    if (!when.priorities.empty()) ticket.priority = pick(rng, when.priorities);
    if (!when.tiers.empty()) ticket.customer.tier = pick(rng, when.tiers);
    if (!when.customer_tags.empty()) ticket.customer.tags = {pick(rng, when.customer_tags)};
    if (!when.categories.empty()) ticket.category = pick(rng, when.categories);
    if (!when.channels.empty()) ticket.channel = pick(rng, when.channels);
    if (!when.regions.empty()) ticket.region = pick(rng, when.regions);
    if (when.keywords.empty()) return;
    // Half the time intake tagged it; else only the text says it, and the rule must search.
    const std::string& keyword = pick(rng, when.keywords);
    if (chance(rng, 0.5)) {
        ticket.keywords.push_back(keyword);
    } else {
        ticket.description += " 现场反馈：" + keyword + "。";
    }
}

// The customer's previous agent: often someone of the team the ticket is aimed at (so sticky can
// keep them), sometimes anyone, sometimes nobody.
std::optional<AgentId> previous_agent(Rng& rng, const Directory& directory, const TeamId& team) {
    const auto& members = directory.members(team);
    const int p = uniform(rng, 0, 9);
    if (p < 5 && !members.empty()) return directory.agents()[pick(rng, members)].id;
    if (p < 7) return pick(rng, directory.agents()).id;
    return std::nullopt;
}

// The position of the first rule `ticket` meets; `rules.size()` when none does.
std::size_t first_match(const std::vector<RoutingRule>& rules, const Ticket& ticket) {
    std::size_t position = 0;
    while (position < rules.size() && !rules[position].when.matches(ticket)) ++position;
    return position;
}

// A ticket whose first matching rule is `rules[target]`. Drawn again while an earlier rule would
// catch it, so the matching rule is uniform over the 50 as the issue asks; an earlier rule that
// catches everything the target does (the generator may make one) gives up after a few draws.
Ticket ticket_for(Rng& rng, int n, const std::vector<RoutingRule>& rules, std::size_t target) {
    constexpr int kDraws = 50;
    Ticket ticket;
    for (int draw = 0; draw < kDraws; ++draw) {
        ticket = random_ticket(rng, n);
        aim_at(rng, rules[target].when, ticket);
        if (first_match(rules, ticket) == target) break;
    }
    return ticket;
}

Request make_request(Rng& rng, int n, const std::vector<RoutingRule>& rules,
                     const Directory& directory) {
    Request request;
    request.now = from_unix_seconds(1'696'118'400);
    TeamId team = team_id(0);
    if (chance(rng, kFallbackShare)) {
        request.ticket = random_ticket(rng, n);
        request.ticket.category = "other";  // no rule names it, and no keyword is in the text
    } else {
        const auto target = static_cast<std::size_t>(uniform(rng, 0, kRules - 1));
        request.ticket = ticket_for(rng, n, rules, target);
        team = rules[target].team;
    }
    request.previous_agent = previous_agent(rng, directory, team);
    if (chance(rng, 0.05)) request.excluded = {pick(rng, directory.agents()).id};
    if (chance(rng, 0.05)) request.at_least_tier = dispatch::Tier::l2;
    return request;
}

// ---------------------------------------------------------------------------------------------
// The setup every case shares, built before timing.

struct Setup {
    Directory directory;
    RuleSet rules;
    std::vector<Request> requests;

    explicit Setup(std::optional<Strategy> only) {
        Rng rng(20231001);
        directory = make_directory(rng);
        const std::vector<RoutingRule> routing = make_rules(rng, only);
        for (std::size_t n = 0; n < kPool; ++n) {
            requests.push_back(make_request(rng, static_cast<int>(n), routing, directory));
        }
        rules = RuleSet::make(routing, team_id(0)).value();
    }

    const Request& request(std::size_t n) const { return requests[n & (kPool - 1)]; }
};

// What the pool does, as counters beside the timing, so a change to the generator that makes the
// benchmark easier (shorter walks, more fallbacks, fewer assignments) shows in the report:
// `rules_walked` is the mean number of conditions tested per decision (all 50 for a fallback).
// Proposes once per request, outside the timed loop.
void describe_pool(benchmark::State& state, const Setup& setup) {
    const auto& rules = setup.rules.rules();
    std::size_t walked = 0, fallback = 0, assigned = 0;
    for (const Request& request : setup.requests) {
        const std::size_t matched = first_match(rules, request.ticket);
        walked += std::min(matched + 1, rules.size());
        fallback += matched == rules.size() ? 1 : 0;
        const auto decision = setup.rules.propose(request, setup.directory);
        assigned += decision && decision->agent ? 1 : 0;
    }
    const auto per_request = [](std::size_t count) {
        return static_cast<double>(count) / static_cast<double>(kPool);
    };
    state.counters["rules_walked"] = per_request(walked);
    state.counters["fallback"] = per_request(fallback);
    state.counters["assigned"] = per_request(assigned);
}

void propose_all(benchmark::State& state, const Setup& setup) {
    std::size_t n = 0;
    for (auto _ : state) {
        auto decision = setup.rules.propose(setup.request(n++), setup.directory);
        benchmark::DoNotOptimize(decision);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_propose_mixed(benchmark::State& state) {
    const Setup setup(std::nullopt);
    describe_pool(state, setup);
    propose_all(state, setup);
}
BENCHMARK(BM_propose_mixed);

void BM_propose_strategy(benchmark::State& state) {
    const auto strategy = static_cast<Strategy>(state.range(0));
    const Setup setup(strategy);
    state.SetLabel(std::string(EnumNames<Strategy>::names[static_cast<std::size_t>(strategy)]));
    describe_pool(state, setup);
    propose_all(state, setup);
}
BENCHMARK(BM_propose_strategy)->DenseRange(0, kStrategies - 1);

void BM_plain_walk(benchmark::State& state) {
    const Setup setup(std::nullopt);
    std::size_t n = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(first_match(setup.rules.rules(), setup.request(n++).ticket));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_plain_walk);

}  // namespace

BENCHMARK_MAIN();
