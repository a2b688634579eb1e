// lifecycle_bench: what running the Boost.MSM table costs against a hand-written switch.
//
// Both dispatchers apply the same random command stream to the same tickets, whose state is one
// byte each, and write the target state back. BM_msm_dispatch calls lifecycle::fire, which runs
// the MSM machine for every command; BM_switch_dispatch is the same table and the same guard
// checks written as `switch (state) { switch (event) ... }`. Before anything is timed, the two
// are compared on every (state, event, input) and the program stops if they ever disagree.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace {

using ticketflow::ErrorCode;
using ticketflow::LifecycleEvent;
using ticketflow::Role;
using ticketflow::TicketState;
using ticketflow::lifecycle::Input;
using ticketflow::lifecycle::Transition;

// ---------------------------------------------------------------------------------------------
// The hand-written alternative: the lifecycle table as nested switches.

namespace handwritten {

using RoleSet = std::uint8_t;

constexpr RoleSet bit(Role role) {
    return static_cast<RoleSet>(1u << static_cast<unsigned>(role));
}

constexpr RoleSet kStaff = bit(Role::agent) | bit(Role::supervisor) | bit(Role::admin);
constexpr RoleSet kStaffOrSystem = kStaff | bit(Role::system);
constexpr RoleSet kCustomerOrStaff = kStaff | bit(Role::customer);
constexpr RoleSet kEveryone = kStaffOrSystem | bit(Role::customer);
constexpr RoleSet kDispatchers = bit(Role::supervisor) | bit(Role::admin) | bit(Role::system);
constexpr RoleSet kSupervisors = bit(Role::supervisor) | bit(Role::admin);
constexpr RoleSet kSystem = bit(Role::system);

/// What a row's guard checks besides the role, in the order it checks them.
enum Needs : unsigned {
    kNone = 0,
    kOwner = 1,
    kApproval = 2,
    kAssignee = 4,
    kReason = 8,
    kSolution = 16,
    kSatisfaction = 32,
};

Transition refuse(ErrorCode code, std::string_view field, std::string_view reason) {
    Transition t;
    t.refusal = code;
    t.field = field;
    t.reason = reason;
    return t;
}

Transition permission(std::string_view reason) {
    return refuse(ErrorCode::permission_denied, {}, reason);
}

Transition missing(std::string_view field, std::string_view reason) {
    return refuse(ErrorCode::validation_failed, field, reason);
}

/// One row's guard: role, then ownership or approval, then inputs — the machine's order.
inline Transition row(const Input& in, RoleSet roles, unsigned needs, TicketState to) {
    if ((roles & bit(in.role)) == 0) return permission("the actor's role may not do this");
    if ((needs & kOwner) && !in.actor_is_owner) {
        return permission("only the ticket's owner may do this");
    }
    if ((needs & kApproval) && !in.supervisor_approval) {
        return permission("a supervisor's approval is required");
    }
    if ((needs & kAssignee) && !in.has_assignee) {
        return missing("assignee", "an assignee is required");
    }
    if ((needs & kReason) && !in.has_reason) return missing("reason", "a reason is required");
    if ((needs & kSolution) && !in.has_solution) {
        return missing("solution", "a solution is required");
    }
    if ((needs & kSatisfaction) && (in.satisfaction < 1 || in.satisfaction > 5)) {
        return missing("satisfaction", "a satisfaction score from 1 to 5 is required");
    }
    Transition t;
    t.allowed = true;
    t.target = to;
    return t;
}

Transition no_row() {
    return refuse(ErrorCode::invalid_transition, {}, "the event is not allowed in this state");
}

using E = LifecycleEvent;
using S = TicketState;

Transition fire(TicketState from, LifecycleEvent event, const Input& in) noexcept {
    switch (from) {
        case S::new_:
            switch (event) {
                case E::assign:
                    return row(in, kDispatchers, kAssignee, S::assigned);
                case E::claim:
                    return row(in, kStaff, kNone, S::assigned);
                case E::escalate:
                    return row(in, kStaffOrSystem, kReason, S::escalated);
                case E::cancel:
                    return row(in, kCustomerOrStaff, kReason, S::cancelled);
                default:
                    return no_row();
            }
        case S::assigned:
            switch (event) {
                case E::reassign:
                    return row(in, kStaffOrSystem, kAssignee | kReason, S::assigned);
                case E::start:
                    return row(in, kStaff, kOwner, S::in_progress);
                case E::escalate:
                    return row(in, kStaffOrSystem, kReason, S::escalated);
                case E::cancel:
                    return row(in, kCustomerOrStaff, kReason, S::cancelled);
                default:
                    return no_row();
            }
        case S::in_progress:
            switch (event) {
                case E::reassign:
                    return row(in, kStaffOrSystem, kAssignee | kReason, S::in_progress);
                case E::request_info:
                    return row(in, kStaff, kNone, S::waiting);
                case E::escalate:
                    return row(in, kStaffOrSystem, kReason, S::escalated);
                case E::resolve:
                    return row(in, kStaff, kSolution, S::resolved);
                case E::cancel:
                    return row(in, kCustomerOrStaff, kReason, S::cancelled);
                default:
                    return no_row();
            }
        case S::waiting:
            switch (event) {
                case E::customer_replied:
                    return row(in, kEveryone, kNone, S::in_progress);
                case E::escalate:
                    return row(in, kStaffOrSystem, kReason, S::escalated);
                case E::resolve:
                    return row(in, kStaff, kSolution, S::resolved);
                case E::cancel:
                    return row(in, kCustomerOrStaff, kReason, S::cancelled);
                default:
                    return no_row();
            }
        case S::escalated:
            switch (event) {
                case E::assign:
                    return row(in, kDispatchers, kAssignee, S::assigned);
                case E::claim:
                    return row(in, kStaff, kNone, S::assigned);
                case E::reassign:
                    return row(in, kStaffOrSystem, kAssignee | kReason, S::escalated);
                case E::resolve:
                    return row(in, kStaff, kSolution, S::resolved);
                default:
                    return no_row();
            }
        case S::resolved:
            switch (event) {
                case E::confirm:
                    return row(in, kCustomerOrStaff, kSatisfaction, S::closed);
                case E::reject:
                    return row(in, kCustomerOrStaff, kReason, S::in_progress);
                case E::auto_close:
                    return row(in, kSystem, kNone, S::closed);
                case E::close:
                    return row(in, kSupervisors, kReason, S::closed);
                default:
                    return no_row();
            }
        case S::closed:
            if (event == E::reopen) {
                return row(in, kCustomerOrStaff, kApproval | kReason, S::in_progress);
            }
            return no_row();
        case S::cancelled:
            return no_row();
    }
    return refuse(ErrorCode::invalid_transition, {},
                  "the state or event is not one the lifecycle knows");
}

}  // namespace handwritten

// ---------------------------------------------------------------------------------------------
// The workload

/// One command: which ticket, which event, and which of the prepared inputs accompanies it.
struct Command {
    std::uint32_t ticket;
    LifecycleEvent event;
    std::uint8_t input;
};

struct Workload {
    std::vector<TicketState> tickets;  ///< one byte per ticket: the states every pass starts from
    std::vector<Command> commands;
    std::vector<Input> inputs;
    double allowed_share = 0;  ///< how many commands the table allows: reported, not timed
};

constexpr int kVariants = 4;

/// Inputs as they arrive: mostly complete, sometimes missing a reason, ownership or everything.
std::vector<Input> input_variants() {
    std::vector<Input> inputs;
    for (const auto role : ticketflow::all_values<Role>()) {
        const auto complete = Input::complete(role);
        auto no_reason = complete;
        no_reason.has_reason = false;
        auto not_owner = complete;
        not_owner.actor_is_owner = false;
        Input bare;
        bare.role = role;
        inputs.insert(inputs.end(), {complete, no_reason, not_owner, bare});
    }
    return inputs;
}

/// A support desk's spread: most tickets are closed, a good share in work, few escalated.
std::vector<TicketState> ticket_states(std::size_t count, std::mt19937_64& rng) {
    // new, assigned, in_progress, waiting, escalated, resolved, closed, cancelled
    std::discrete_distribution<int> state({8, 8, 18, 8, 4, 7, 42, 5});
    std::vector<TicketState> tickets(count);
    for (auto& t : tickets) t = static_cast<TicketState>(state(rng));
    return tickets;
}

/// How often each event is sent when it is one the ticket's state has a row for.
constexpr std::array<double, 14> kEventWeights{
    // assign claim reassign start request_info customer_replied escalate
    10, 10, 3, 10, 6, 10, 3,
    // resolve confirm reject auto_close close reopen cancel
    10, 8, 2, 3, 1, 1, 1};

/// True when the table has a row for (state, event), whoever fires it.
bool has_row(TicketState state, LifecycleEvent event) {
    const auto t = handwritten::fire(state, event, Input::complete(Role::admin));
    return t.allowed || t.refusal != ErrorCode::invalid_transition;
}

/// An event for a ticket in `state`: usually one the state has a row for (weighted as above),
/// sometimes any event at all, as stale screens and retries send.
LifecycleEvent next_event(TicketState state, std::mt19937_64& rng) {
    std::array<double, 14> weights{};
    for (const auto event : ticketflow::all_values<LifecycleEvent>()) {
        const auto i = static_cast<std::size_t>(event);
        if (has_row(state, event)) weights[i] = kEventWeights[i];
    }
    const bool stray = std::bernoulli_distribution(0.15)(rng) ||
                       std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; });
    if (stray) return static_cast<LifecycleEvent>(std::uniform_int_distribution<int>(0, 13)(rng));
    return static_cast<LifecycleEvent>(
        std::discrete_distribution<int>(weights.begin(), weights.end())(rng));
}

/// Commands generated by playing them out on a copy of the tickets, so each event is chosen for
/// the state the ticket will really be in when the command runs. Every timed pass replays the
/// same commands from the same initial states, so both dispatchers do identical work.
std::vector<Command> command_stream(std::vector<TicketState> tickets, std::size_t count,
                                    std::mt19937_64& rng, double& allowed_share) {
    const auto inputs = input_variants();
    std::uniform_int_distribution<std::uint32_t> ticket(
        0, static_cast<std::uint32_t>(tickets.size() - 1));
    std::discrete_distribution<int> role({25, 45, 15, 5, 10});
    std::discrete_distribution<int> variant({80, 10, 5, 5});
    std::vector<Command> commands(count);
    std::size_t allowed = 0;
    for (auto& c : commands) {
        c.ticket = ticket(rng);
        auto& state = tickets[c.ticket];
        c.event = next_event(state, rng);
        c.input = static_cast<std::uint8_t>(role(rng) * kVariants + variant(rng));
        const auto t = handwritten::fire(state, c.event, inputs[c.input]);
        if (t.allowed) state = t.target;
        allowed += t.allowed ? 1 : 0;
    }
    allowed_share = static_cast<double>(allowed) / static_cast<double>(count);
    return commands;
}

/// Built once per ticket count and shared by both benchmarks, so both see the same data. A pass
/// sends 0.4 commands per ticket: enough to touch most of them, few enough that the mix of
/// states stays that of a working desk.
const Workload& workload(std::size_t tickets) {
    static std::map<std::size_t, Workload> built;
    auto [it, inserted] = built.try_emplace(tickets);
    if (inserted) {
        std::mt19937_64 rng(20240601);
        it->second.tickets = ticket_states(tickets, rng);
        it->second.commands =
            command_stream(it->second.tickets, tickets * 2 / 5, rng, it->second.allowed_share);
        it->second.inputs = input_variants();
    }
    return it->second;
}

template <class Fire>
void dispatch(benchmark::State& state, Fire fire) {
    const auto& load = workload(static_cast<std::size_t>(state.range(0)));
    std::vector<TicketState> tickets;
    for (auto _ : state) {
        state.PauseTiming();
        tickets = load.tickets;  // every pass starts from the same states
        state.ResumeTiming();
        for (const auto& c : load.commands) {
            auto& stored = tickets[c.ticket];
            const auto t = fire(stored, c.event, load.inputs[c.input]);
            if (t.allowed) stored = t.target;
        }
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(tickets.data());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(load.commands.size()));
    state.counters["allowed_share"] = load.allowed_share;
}

void BM_msm_dispatch(benchmark::State& state) {
    dispatch(state, [](TicketState s, LifecycleEvent e, const Input& in) {
        return ticketflow::lifecycle::fire(s, e, in);
    });
}

void BM_switch_dispatch(benchmark::State& state) {
    dispatch(state, [](TicketState s, LifecycleEvent e, const Input& in) {
        return handwritten::fire(s, e, in);
    });
}

// 10 million tickets is the acceptance case (state bytes far beyond the caches); 100 thousand
// fit in L2 and show the cost of dispatch itself.
BENCHMARK(BM_msm_dispatch)->Arg(10'000'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_switch_dispatch)->Arg(10'000'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

bool same(const Transition& a, const Transition& b) {
    if (a.allowed != b.allowed) return false;
    if (a.allowed) return a.target == b.target;
    return a.refusal == b.refusal && a.field == b.field && a.reason == b.reason;
}

/// The comparison is only fair if the switch is the same table: check every case first.
bool switch_matches_machine() {
    for (const auto& input : input_variants()) {
        for (const auto from : ticketflow::all_values<TicketState>()) {
            for (const auto event : ticketflow::all_values<LifecycleEvent>()) {
                if (same(ticketflow::lifecycle::fire(from, event, input),
                         handwritten::fire(from, event, input))) {
                    continue;
                }
                std::fprintf(stderr, "switch and machine disagree on %s x %s\n",
                             ticketflow::to_string(from).data(),
                             ticketflow::to_string(event).data());
                return false;
            }
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    if (!switch_matches_machine()) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
