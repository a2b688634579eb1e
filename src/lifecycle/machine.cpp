/// \file
/// The ticket lifecycle as one Boost.MSM state machine (functor front-end), and `lifecycle::fire`,
/// which runs it against a state stored elsewhere. This is the only translation unit that includes
/// Boost.MSM: it is slow to compile and does not build as C++20 with Boost 1.74.

// Boost 1.74's MSM itself includes headers that Boost has since deprecated; these quiet the
// notes it would print on every build without changing what is compiled.
#define BOOST_ALLOW_DEPRECATED_HEADERS
#define BOOST_BIND_GLOBAL_PLACEHOLDERS

#include "lifecycle/machine.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include <boost/mpl/for_each.hpp>
#include <boost/mpl/size.hpp>
#include <boost/mpl/vector/vector30.hpp>
#include <boost/msm/back/metafunctions.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/common.hpp>
#include <boost/msm/front/euml/operator.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::lifecycle::detail {
namespace {

namespace mpl = boost::mpl;
namespace msmb = boost::msm::back;
namespace msmf = boost::msm::front;
using msmf::none;
using msmf::Row;

// ---------------------------------------------------------------------------------------------
// Refusals

/// Records why an event was refused in the answer `fire` is building. MSM itself only reports
/// "rejected" or "no row", so the first guard that rejects (or `no_transition`) says why. The
/// slot is `fire`'s return value itself, so nothing is copied on the way out.
void refuse(Transition& answer, ErrorCode code, std::string_view field,
            std::string_view reason) noexcept {
    answer.refusal = code;
    answer.field = field;
    answer.reason = reason;
}

constexpr std::string_view kNoRow = "the event is not allowed in this state";
constexpr std::string_view kUnknown = "the state or event is not one the lifecycle knows";

// ---------------------------------------------------------------------------------------------
// Events: one type per LifecycleEvent. MSM constructs guards itself, statelessly, so the event is
// the only way for a guard to reach the caller's input and the refusal slot.

template <LifecycleEvent kEvent>
struct EventBase {
    static constexpr LifecycleEvent value = kEvent;
    EventBase(const Input& in, Transition& out) noexcept : input(&in), answer(&out) {}
    const Input* input;
    Transition* answer;
};

// clang-format off
struct Assign          : EventBase<LifecycleEvent::assign>           { using EventBase::EventBase; };
struct Claim           : EventBase<LifecycleEvent::claim>            { using EventBase::EventBase; };
struct Reassign        : EventBase<LifecycleEvent::reassign>         { using EventBase::EventBase; };
struct Start           : EventBase<LifecycleEvent::start>            { using EventBase::EventBase; };
struct RequestInfo     : EventBase<LifecycleEvent::request_info>     { using EventBase::EventBase; };
struct CustomerReplied : EventBase<LifecycleEvent::customer_replied> { using EventBase::EventBase; };
struct Escalate        : EventBase<LifecycleEvent::escalate>         { using EventBase::EventBase; };
struct Resolve         : EventBase<LifecycleEvent::resolve>          { using EventBase::EventBase; };
struct Confirm         : EventBase<LifecycleEvent::confirm>          { using EventBase::EventBase; };
struct Reject          : EventBase<LifecycleEvent::reject>           { using EventBase::EventBase; };
struct AutoClose       : EventBase<LifecycleEvent::auto_close>       { using EventBase::EventBase; };
struct Close           : EventBase<LifecycleEvent::close>            { using EventBase::EventBase; };
struct Reopen          : EventBase<LifecycleEvent::reopen>           { using EventBase::EventBase; };
struct Cancel          : EventBase<LifecycleEvent::cancel>           { using EventBase::EventBase; };
// clang-format on

// ---------------------------------------------------------------------------------------------
// States: one type per TicketState; `value` lets table_rows() turn the table's types into enums.

template <TicketState kState>
struct StateBase : msmf::state<> {
    static constexpr TicketState value = kState;
};

struct New : StateBase<TicketState::new_> {};
struct Assigned : StateBase<TicketState::assigned> {};
struct InProgress : StateBase<TicketState::in_progress> {};
struct WaitingCustomer : StateBase<TicketState::waiting_customer> {};
struct Escalated : StateBase<TicketState::escalated> {};
struct Resolved : StateBase<TicketState::resolved> {};
struct Closed : StateBase<TicketState::closed> {};
struct Cancelled : StateBase<TicketState::cancelled> {};

// ---------------------------------------------------------------------------------------------
// Role sets: a bit per Role, so a guard's roles are one template argument.

using RoleSet = std::uint8_t;

template <class... Roles>
constexpr RoleSet role_set(Roles... roles) noexcept {
    return static_cast<RoleSet>(((1u << static_cast<unsigned>(roles)) | ...));
}

constexpr bool contains(RoleSet set, Role role) noexcept {
    return ((set >> static_cast<unsigned>(role)) & 1u) != 0;
}

constexpr RoleSet kEveryone =
    role_set(Role::customer, Role::agent, Role::supervisor, Role::admin, Role::system);
constexpr RoleSet kStaff = role_set(Role::agent, Role::supervisor, Role::admin);
constexpr RoleSet kStaffOrSystem =
    role_set(Role::agent, Role::supervisor, Role::admin, Role::system);
constexpr RoleSet kCustomerOrStaff =
    role_set(Role::customer, Role::agent, Role::supervisor, Role::admin);
constexpr RoleSet kDispatchers = role_set(Role::supervisor, Role::admin, Role::system);
constexpr RoleSet kSupervisors = role_set(Role::supervisor, Role::admin);
constexpr RoleSet kSystem = role_set(Role::system);

// ---------------------------------------------------------------------------------------------
// Requirements: one check on the input each, with the refusal it produces. Permission checks
// (role, ownership, approval) answer permission_denied; missing inputs answer validation_failed.

struct Permission {
    static constexpr ErrorCode code = ErrorCode::permission_denied;
    static constexpr std::string_view field{};
};

struct Validation {
    static constexpr ErrorCode code = ErrorCode::validation_failed;
};

template <RoleSet kRoles>
struct RoleIn : Permission {
    static_assert(!contains(kRoles, Role::supervisor) || contains(kRoles, Role::admin),
                  "an admin may do everything a supervisor may");
    static constexpr std::string_view reason = "the actor's role may not do this";
    static bool holds(const Input& in) noexcept { return contains(kRoles, in.role); }
};

struct Ownership : Permission {
    static constexpr std::string_view reason = "only the ticket's owner may do this";
    static bool holds(const Input& in) noexcept { return in.actor_is_owner; }
};

struct Approval : Permission {
    static constexpr std::string_view reason = "a supervisor's approval is required";
    static bool holds(const Input& in) noexcept { return in.supervisor_approval; }
};

struct AssigneeGiven : Validation {
    static constexpr std::string_view field = "assignee";
    static constexpr std::string_view reason = "an assignee is required";
    static bool holds(const Input& in) noexcept { return in.has_assignee; }
};

struct ReasonGiven : Validation {
    static constexpr std::string_view field = "reason";
    static constexpr std::string_view reason = "a reason is required";
    static bool holds(const Input& in) noexcept { return in.has_reason; }
};

struct SolutionGiven : Validation {
    static constexpr std::string_view field = "solution";
    static constexpr std::string_view reason = "a solution is required";
    static bool holds(const Input& in) noexcept { return in.has_solution; }
};

struct SatisfactionGiven : Validation {
    static constexpr std::string_view field = "satisfaction";
    static constexpr std::string_view reason = "a satisfaction score from 1 to 5 is required";
    static bool holds(const Input& in) noexcept {
        return in.satisfaction >= 1 && in.satisfaction <= 5;
    }
};

/// The MSM guard for one requirement: it passes, or it records its refusal and rejects.
template <class Requirement>
struct Requires {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& event, Fsm&, Source&, Target&) const noexcept {
        if (Requirement::holds(*event.input)) return true;
        refuse(*event.answer, Requirement::code, Requirement::field, Requirement::reason);
        return false;
    }
};

template <RoleSet kRoles>
using By = Requires<RoleIn<kRoles>>;

/// `And_` stops at the first rejecting guard, so the order of its operands is the order of the
/// refusals: role, then ownership or approval, then missing inputs.
template <class First, class Second>
using And = msmf::euml::And_<First, Second>;

// One named guard per kind of row, so the table below reads as a grid.
using MayAssign = And<By<kDispatchers>, Requires<AssigneeGiven>>;
using MayClaim = By<kStaff>;
using MayReassign = And<By<kStaffOrSystem>, And<Requires<AssigneeGiven>, Requires<ReasonGiven>>>;
using MayStart = And<By<kStaff>, Requires<Ownership>>;
using MayRequestInfo = By<kStaff>;
using MayReply = By<kEveryone>;
using MayEscalate = And<By<kStaffOrSystem>, Requires<ReasonGiven>>;
using MayResolve = And<By<kStaff>, Requires<SolutionGiven>>;
using MayConfirm = And<By<kCustomerOrStaff>, Requires<SatisfactionGiven>>;
using MayReject = And<By<kCustomerOrStaff>, Requires<ReasonGiven>>;
using MayAutoClose = By<kSystem>;
using MayClose = And<By<kSupervisors>, Requires<ReasonGiven>>;
using MayReopen = And<By<kCustomerOrStaff>, And<Requires<Approval>, Requires<ReasonGiven>>>;
using MayCancel = And<By<kCustomerOrStaff>, Requires<ReasonGiven>>;

// ---------------------------------------------------------------------------------------------
// The machine

struct LifecycleDef : msmf::state_machine_def<LifecycleDef> {
    // fire() builds a machine per call and processes exactly one event: without a message queue
    // the back-end holds no std::deque, so construction allocates nothing; the guards are
    // noexcept, so MSM need not wrap each event in try/catch.
    typedef int no_message_queue;
    typedef int no_exception_thrown;

    using initial_state = New;

    // Rows are grouped by source state, the groups in TicketState order (which makes MSM's state
    // ids the enumerators, see below). A reassign row keeps its state: only the owner changes,
    // which is the engine's business. Nothing leaves Cancelled.
    // clang-format off
    struct transition_table : mpl::vector26<
        //    Source            Event             Target            Action  Guard
        Row < New             , Assign          , Assigned        , none  , MayAssign      >,
        Row < New             , Claim           , Assigned        , none  , MayClaim       >,
        Row < New             , Escalate        , Escalated       , none  , MayEscalate    >,
        Row < New             , Cancel          , Cancelled       , none  , MayCancel      >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < Assigned        , Reassign        , Assigned        , none  , MayReassign    >,
        Row < Assigned        , Start           , InProgress      , none  , MayStart       >,
        Row < Assigned        , Escalate        , Escalated       , none  , MayEscalate    >,
        Row < Assigned        , Cancel          , Cancelled       , none  , MayCancel      >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < InProgress      , Reassign        , InProgress      , none  , MayReassign    >,
        Row < InProgress      , RequestInfo     , WaitingCustomer , none  , MayRequestInfo >,
        Row < InProgress      , Escalate        , Escalated       , none  , MayEscalate    >,
        Row < InProgress      , Resolve         , Resolved        , none  , MayResolve     >,
        Row < InProgress      , Cancel          , Cancelled       , none  , MayCancel      >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < WaitingCustomer , CustomerReplied , InProgress      , none  , MayReply       >,
        Row < WaitingCustomer , Escalate        , Escalated       , none  , MayEscalate    >,
        Row < WaitingCustomer , Resolve         , Resolved        , none  , MayResolve     >,
        Row < WaitingCustomer , Cancel          , Cancelled       , none  , MayCancel      >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < Escalated       , Assign          , Assigned        , none  , MayAssign      >,
        Row < Escalated       , Claim           , Assigned        , none  , MayClaim       >,
        Row < Escalated       , Reassign        , Escalated       , none  , MayReassign    >,
        Row < Escalated       , Resolve         , Resolved        , none  , MayResolve     >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < Resolved        , Confirm         , Closed          , none  , MayConfirm     >,
        Row < Resolved        , Reject          , InProgress      , none  , MayReject      >,
        Row < Resolved        , AutoClose       , Closed          , none  , MayAutoClose   >,
        Row < Resolved        , Close           , Closed          , none  , MayClose       >,
        //  --------------------+-----------------+-----------------+-------+----------------
        Row < Closed          , Reopen          , InProgress      , none  , MayReopen      >
    > {};
    // clang-format on

    /// No row for (state, event): MSM's default asserts; a refusal is an expected answer here.
    template <class Fsm, class Event>
    void no_transition(const Event& event, Fsm&, int) noexcept {
        refuse(*event.answer, ErrorCode::invalid_transition, {}, kNoRow);
    }

    /// Unreachable while `no_exception_thrown` is declared. Were a guard ever to throw, that is a
    /// bug, and `fire` is noexcept: terminating says so louder than a made-up refusal would.
    template <class Fsm, class Event>
    void exception_caught(const Event&, Fsm&, std::exception&) noexcept {
        std::terminate();
    }
};

using Machine = msmb::state_machine<LifecycleDef>;
using Table = LifecycleDef::transition_table;

// ---------------------------------------------------------------------------------------------
// Between the enums and MSM's types and state ids

template <class... Types>
struct TypeList {};

using States =
    TypeList<New, Assigned, InProgress, WaitingCustomer, Escalated, Resolved, Closed, Cancelled>;
using Events = TypeList<Assign, Claim, Reassign, Start, RequestInfo, CustomerReplied, Escalate,
                        Resolve, Confirm, Reject, AutoClose, Close, Reopen, Cancel>;

/// The lists are indexed by enum value, so each type must sit at its enumerator's position.
template <class... Types>
constexpr bool in_enum_order(TypeList<Types...>) noexcept {
    std::size_t index = 0;
    return ((static_cast<std::size_t>(Types::value) == index++) && ...);
}

template <class... Types>
constexpr std::size_t size(TypeList<Types...>) noexcept {
    return sizeof...(Types);
}

static_assert(in_enum_order(States{}) && size(States{}) == EnumNames<TicketState>::names.size());
static_assert(in_enum_order(Events{}) && size(Events{}) == EnumNames<LifecycleEvent>::names.size());
static_assert(mpl::size<msmb::generate_state_set<Machine::stt>::type>::value == size(States{}),
              "every state appears in the table");

/// MSM numbers states by their first appearance in the table, sources first. The table lists its
/// source states in enum order and Cancelled (never a source) last, so MSM's id of each state is
/// its enumerator: the stored byte converts to an MSM id with a cast, not a dependent lookup on
/// the hot path. This keeps it that way.
template <class... Ss>
constexpr bool msm_ids_are_enum_values(TypeList<Ss...>) noexcept {
    return ((msmb::get_state_id<Machine::stt, Ss>::value == static_cast<int>(Ss::value)) && ...);
}

static_assert(msm_ids_are_enum_values(States{}),
              "list the table's source states in TicketState order");

/// Processes one event whose type is chosen at run time. `kProcess` holds one of these per event,
/// indexed by LifecycleEvent: one indirect call, which measured faster in lifecycle_bench than a
/// `switch` over the event with process_event inlined into each case.
using Processor = msmb::HandledEnum (*)(Machine&, const Input&, Transition&);

template <class Event>
msmb::HandledEnum process(Machine& machine, const Input& input, Transition& answer) {
    return machine.process_event(Event{input, answer});
}

template <class... Es>
constexpr std::array<Processor, sizeof...(Es)> processors(TypeList<Es...>) noexcept {
    return {&process<Es>...};
}

constexpr auto kProcess = processors(Events{});

/// A one-way Boost.Serialization "archive" that only sets the active state. MSM keeps its active
/// state private but serialises it with `ar & m_states`; everything else it hands over (history,
/// flags, sub-states) is left alone. This restores a stored state through MSM's public API.
class ActiveStateLoader {
  public:
    explicit ActiveStateLoader(int msm_id) noexcept : msm_id_(msm_id) {}

    template <std::size_t kRegions>
    ActiveStateLoader& operator&(int (&active)[kRegions]) noexcept {
        static_assert(kRegions == 1, "the lifecycle has one region");
        active[0] = msm_id_;
        return *this;
    }

    template <class Other>
    ActiveStateLoader& operator&(Other&) noexcept {
        return *this;
    }

  private:
    int msm_id_;
};

void restore(Machine& machine, TicketState state) noexcept {
    ActiveStateLoader loader(static_cast<int>(state));
    machine.serialize(loader, 0);
}

TicketState active_state(const Machine& machine) noexcept {
    return static_cast<TicketState>(machine.current_state()[0]);
}

/// The state byte comes from storage, so an out-of-range value is possible and must not index
/// past the tables above.
bool known(TicketState state, LifecycleEvent event) noexcept {
    return static_cast<std::size_t>(state) < size(States{}) &&
           static_cast<std::size_t>(event) < size(Events{});
}

/// Reads one row's types back as enums.
struct RowCollector {
    std::vector<TableRow>* rows;

    template <class TableRowType>
    void operator()(boost::msm::wrap<TableRowType>) const {
        using R = TableRowType;
        rows->push_back({R::Source::value, R::Evt::value, R::Target::value});
    }
};

}  // namespace

std::vector<TableRow> table_rows() {
    std::vector<TableRow> rows;
    rows.reserve(mpl::size<Table>::value);
    mpl::for_each<Table, boost::msm::wrap<mpl::placeholders::_1>>(RowCollector{&rows});
    return rows;
}

}  // namespace ticketflow::lifecycle::detail

namespace ticketflow::lifecycle {

Transition fire(TicketState from, LifecycleEvent event, const Input& input) noexcept {
    using namespace detail;
    Transition answer;
    if (!known(from, event)) {
        refuse(answer, ErrorCode::invalid_transition, {}, kUnknown);
        return answer;
    }
    // A fresh machine per call: it lives on this stack, so concurrent calls share nothing but
    // MSM's immutable dispatch tables, and building it is a few stores (no queue, no allocation).
    Machine machine;
    restore(machine, from);
    // HANDLED_GUARD_REJECT never reaches no_transition: the rejecting guard filled `answer`.
    if (kProcess[static_cast<std::size_t>(event)](machine, input, answer) == msmb::HANDLED_TRUE) {
        answer.allowed = true;
        answer.target = active_state(machine);
    }
    return answer;
}

}  // namespace ticketflow::lifecycle
