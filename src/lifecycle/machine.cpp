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
#include <boost/msm/back/metafunctions.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/common.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <ticketflow/lifecycle/lifecycle.hpp>

#include "lifecycle/mpl_vector70.hpp"

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
constexpr std::string_view kRowOff = "the workflow profile does not allow the event in this state";
constexpr std::string_view kUnknown = "the state or event is not one the lifecycle knows";
constexpr std::string_view kRoleRefused = "the actor's role may not do this";

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
struct Unassign        : EventBase<LifecycleEvent::unassign>         { using EventBase::EventBase; };
struct Transfer        : EventBase<LifecycleEvent::transfer>         { using EventBase::EventBase; };
struct Hold            : EventBase<LifecycleEvent::hold>             { using EventBase::EventBase; };
struct Resume          : EventBase<LifecycleEvent::resume>           { using EventBase::EventBase; };
struct SetStatus       : EventBase<LifecycleEvent::set_status>       { using EventBase::EventBase; };
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
struct Waiting : StateBase<TicketState::waiting> {};
struct Escalated : StateBase<TicketState::escalated> {};
struct Resolved : StateBase<TicketState::resolved> {};
struct Closed : StateBase<TicketState::closed> {};
struct Cancelled : StateBase<TicketState::cancelled> {};

// ---------------------------------------------------------------------------------------------
// Role sets: a bit per Role, so a guard's roles are one template argument.

template <class... Roles>
constexpr RoleMask role_set(Roles... roles) noexcept {
    return static_cast<RoleMask>(((1u << static_cast<unsigned>(roles)) | ...));
}

constexpr bool contains(RoleMask set, Role role) noexcept {
    return ((set >> static_cast<unsigned>(role)) & 1u) != 0;
}

constexpr RoleMask kEveryone =
    role_set(Role::customer, Role::agent, Role::supervisor, Role::admin, Role::system);
constexpr RoleMask kStaff = role_set(Role::agent, Role::supervisor, Role::admin);
constexpr RoleMask kStaffOrSystem =
    role_set(Role::agent, Role::supervisor, Role::admin, Role::system);
constexpr RoleMask kCustomerOrStaff =
    role_set(Role::customer, Role::agent, Role::supervisor, Role::admin);
constexpr RoleMask kDispatchers = role_set(Role::supervisor, Role::admin, Role::system);
constexpr RoleMask kSupervisors = role_set(Role::supervisor, Role::admin);
constexpr RoleMask kSystem = role_set(Role::system);

// ---------------------------------------------------------------------------------------------
// Requirements: one check on the input each, with the refusal it produces. Permission checks
// (stake, ownership, approval) answer permission_denied; missing inputs answer validation_failed.

struct Permission {
    static constexpr ErrorCode code = ErrorCode::permission_denied;
    static constexpr std::string_view field{};
};

struct Validation {
    static constexpr ErrorCode code = ErrorCode::validation_failed;
};

/// Customers act only on their own tickets; other roles are not concerned.
struct CustomersOwn : Permission {
    static constexpr std::string_view reason = "a customer may act only on their own tickets";
    static bool holds(const Input& in) noexcept {
        return in.role != Role::customer || in.actor_is_customer;
    }
};

/// Agents work only on tickets they own or help with, or, where the profile allows, on unowned
/// tickets in their queue. Supervisors, admins and the system act on any ticket.
struct AgentsStake : Permission {
    static constexpr std::string_view reason =
        "an agent may do this only as the ticket's owner or a collaborator, or from its queue";
    static bool holds(const Input& in) noexcept {
        if (in.role != Role::agent) return in.role != Role::customer || in.actor_is_customer;
        const bool queue_work = in.profile == nullptr || in.profile->queue_work;
        return in.actor_is_owner || in.actor_is_collaborator || (queue_work && in.actor_in_queue);
    }
};

struct Ownership : Permission {
    static constexpr std::string_view reason = "only the ticket's owner may do this";
    static bool holds(const Input& in) noexcept { return in.actor_is_owner; }
};

struct Unowned : Permission {
    static constexpr std::string_view reason =
        "somebody owns the ticket: it is reassigned, not claimed";
    static bool holds(const Input& in) noexcept { return !in.ticket_has_owner; }
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

struct TeamGiven : Validation {
    static constexpr std::string_view field = "team";
    static constexpr std::string_view reason = "a team is required";
    static bool holds(const Input& in) noexcept { return in.has_team; }
};

struct ReasonGiven : Validation {
    static constexpr std::string_view field = "reason";
    static constexpr std::string_view reason = "a reason is required";
    static bool holds(const Input& in) noexcept { return in.has_reason; }
};

/// A close says why: in words, or with a closure code, or both.
struct ReasonOrCodeGiven : Validation {
    static constexpr std::string_view field = "reason";
    static constexpr std::string_view reason = "a reason or a closure code is required";
    static bool holds(const Input& in) noexcept { return in.has_reason || in.has_closure_code; }
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

struct StatusGiven : Validation {
    static constexpr std::string_view field = "status";
    static constexpr std::string_view reason = "a status is required";
    static bool holds(const Input& in) noexcept { return in.has_status; }
};

template <class Requirement, class Event>
bool passes(const Event& event) noexcept {
    if (Requirement::holds(*event.input)) return true;
    refuse(*event.answer, Requirement::code, Requirement::field, Requirement::reason);
    return false;
}

/// The MSM guard of one row: the row is on in the caller's profile, the role may fire it (the
/// profile may change the table's roles), then each requirement in order. The first check that
/// fails records its refusal, so the order of the arguments is the order of the refusals.
/// `kDocuments` marks the rows of the service documents' flow, for `Profile::documents()`.
template <RoleMask kRoles, bool kDocuments, class... Requirements>
struct Gate {
    static constexpr RoleMask roles = kRoles;
    static constexpr bool in_documents = kDocuments;

    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& event, Fsm&, Source&, Target&) const noexcept {
        const Input& in = *event.input;
        RoleMask admitted = kRoles;
        if (in.profile != nullptr) {
            if (!in.profile->allows(Source::value, Event::value)) {
                refuse(*event.answer, ErrorCode::invalid_transition, {}, kRowOff);
                return false;
            }
            admitted = in.profile->role_mask(Source::value, Event::value);
        }
        if (!contains(admitted, in.role)) {
            refuse(*event.answer, ErrorCode::permission_denied, {}, kRoleRefused);
            return false;
        }
        return (passes<Requirements>(event) && ...);
    }
};

constexpr bool kDoc = true;    // in the documents' flow and in every desk's
constexpr bool kDesk = false;  // what real desks add

// One named guard per kind of row, so the table below reads as a grid.
// clang-format off
template <bool D> using MayAssign      = Gate<kDispatchers, D, AssigneeGiven>;
template <bool D> using MayClaim       = Gate<kStaff, D>;
template <bool D> using MayPickUp      = Gate<kStaff, D, Unowned>;
template <bool D> using MayReassign    = Gate<kStaffOrSystem, D, AssigneeGiven, ReasonGiven>;
template <bool D> using MayUnassign    = Gate<kStaff, D, AgentsStake>;
template <bool D> using MayTransfer    = Gate<kStaffOrSystem, D, AgentsStake, TeamGiven, ReasonGiven>;
template <bool D> using MayStartOwn    = Gate<kStaff, D, Ownership>;
template <bool D> using MayWork        = Gate<kStaff, D, AgentsStake>;
template <bool D> using MayReply       = Gate<kEveryone, D, CustomersOwn>;
template <bool D> using MayEscalate    = Gate<kStaffOrSystem, D, ReasonGiven>;
template <bool D> using MayResolve     = Gate<kStaff, D, AgentsStake, SolutionGiven>;
template <bool D> using MayConfirm     = Gate<kCustomerOrStaff, D, CustomersOwn, SatisfactionGiven>;
template <bool D> using MayReject      = Gate<kCustomerOrStaff, D, CustomersOwn, ReasonGiven>;
template <bool D> using MayAutoClose   = Gate<kSystem, D>;
template <bool D> using MayClose       = Gate<kSupervisors, D, AgentsStake, ReasonOrCodeGiven>;
template <bool D> using MayReopen      = Gate<kCustomerOrStaff, D, CustomersOwn, Approval, ReasonGiven>;
template <bool D> using MayCancel      = Gate<kCustomerOrStaff, D, CustomersOwn, ReasonGiven>;
template <bool D> using MaySetStatus   = Gate<kStaff, D, AgentsStake, StatusGiven>;
// clang-format on

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
    // ids the enumerators, see below). A row whose target is its source changes only the owner,
    // team or status, which is the engine's business. kDoc marks the service documents' flow;
    // kDesk rows are what real desks add (the `standard` profile has both).
    // clang-format off
    struct transition_table : mpl::vector66<
        //    Source       Event             Target       Action  Guard
        Row < New        , Assign          , Assigned   , none  , MayAssign<kDoc>      >,
        Row < New        , Claim           , Assigned   , none  , MayClaim<kDoc>       >,
        Row < New        , Start           , InProgress , none  , MayWork<kDesk>       >,
        Row < New        , RequestInfo     , Waiting    , none  , MayWork<kDesk>       >,
        Row < New        , Hold            , Waiting    , none  , MayWork<kDesk>       >,
        Row < New        , Escalate        , Escalated  , none  , MayEscalate<kDoc>    >,
        Row < New        , Resolve         , Resolved   , none  , MayResolve<kDesk>    >,
        Row < New        , Close           , Closed     , none  , MayClose<kDesk>      >,
        Row < New        , Cancel          , Cancelled  , none  , MayCancel<kDoc>      >,
        Row < New        , Transfer        , New        , none  , MayTransfer<kDesk>   >,
        Row < New        , SetStatus       , New        , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Assigned   , Reassign        , Assigned   , none  , MayReassign<kDoc>    >,
        Row < Assigned   , Unassign        , New        , none  , MayUnassign<kDesk>   >,
        Row < Assigned   , Transfer        , New        , none  , MayTransfer<kDesk>   >,
        Row < Assigned   , Start           , InProgress , none  , MayStartOwn<kDoc>    >,
        Row < Assigned   , RequestInfo     , Waiting    , none  , MayWork<kDesk>       >,
        Row < Assigned   , Hold            , Waiting    , none  , MayWork<kDesk>       >,
        Row < Assigned   , Escalate        , Escalated  , none  , MayEscalate<kDoc>    >,
        Row < Assigned   , Resolve         , Resolved   , none  , MayResolve<kDesk>    >,
        Row < Assigned   , Close           , Closed     , none  , MayClose<kDesk>      >,
        Row < Assigned   , Cancel          , Cancelled  , none  , MayCancel<kDoc>      >,
        Row < Assigned   , SetStatus       , Assigned   , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < InProgress , Claim           , InProgress , none  , MayPickUp<kDesk>     >,
        Row < InProgress , Reassign        , InProgress , none  , MayReassign<kDoc>    >,
        Row < InProgress , Unassign        , InProgress , none  , MayUnassign<kDesk>   >,
        Row < InProgress , Transfer        , InProgress , none  , MayTransfer<kDesk>   >,
        Row < InProgress , RequestInfo     , Waiting    , none  , MayWork<kDoc>        >,
        Row < InProgress , Hold            , Waiting    , none  , MayWork<kDesk>       >,
        Row < InProgress , Escalate        , Escalated  , none  , MayEscalate<kDoc>    >,
        Row < InProgress , Resolve         , Resolved   , none  , MayResolve<kDoc>     >,
        Row < InProgress , Close           , Closed     , none  , MayClose<kDesk>      >,
        Row < InProgress , Cancel          , Cancelled  , none  , MayCancel<kDoc>      >,
        Row < InProgress , SetStatus       , InProgress , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Waiting    , CustomerReplied , InProgress , none  , MayReply<kDoc>       >,
        Row < Waiting    , Resume          , InProgress , none  , MayWork<kDesk>       >,
        Row < Waiting    , Claim           , Waiting    , none  , MayPickUp<kDesk>     >,
        Row < Waiting    , Reassign        , Waiting    , none  , MayReassign<kDesk>   >,
        Row < Waiting    , Unassign        , Waiting    , none  , MayUnassign<kDesk>   >,
        Row < Waiting    , Transfer        , Waiting    , none  , MayTransfer<kDesk>   >,
        Row < Waiting    , Escalate        , Escalated  , none  , MayEscalate<kDoc>    >,
        Row < Waiting    , Resolve         , Resolved   , none  , MayResolve<kDoc>     >,
        Row < Waiting    , AutoClose       , Closed     , none  , MayAutoClose<kDesk>  >,
        Row < Waiting    , Close           , Closed     , none  , MayClose<kDesk>      >,
        Row < Waiting    , Cancel          , Cancelled  , none  , MayCancel<kDoc>      >,
        Row < Waiting    , SetStatus       , Waiting    , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Escalated  , Assign          , Assigned   , none  , MayAssign<kDoc>      >,
        Row < Escalated  , Claim           , Assigned   , none  , MayClaim<kDoc>       >,
        Row < Escalated  , Reassign        , Escalated  , none  , MayReassign<kDoc>    >,
        Row < Escalated  , Unassign        , Escalated  , none  , MayUnassign<kDesk>   >,
        Row < Escalated  , Transfer        , Escalated  , none  , MayTransfer<kDesk>   >,
        Row < Escalated  , Start           , InProgress , none  , MayWork<kDesk>       >,
        Row < Escalated  , RequestInfo     , Waiting    , none  , MayWork<kDesk>       >,
        Row < Escalated  , Hold            , Waiting    , none  , MayWork<kDesk>       >,
        Row < Escalated  , Resolve         , Resolved   , none  , MayResolve<kDoc>     >,
        Row < Escalated  , Close           , Closed     , none  , MayClose<kDesk>      >,
        Row < Escalated  , Cancel          , Cancelled  , none  , MayCancel<kDesk>     >,
        Row < Escalated  , SetStatus       , Escalated  , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Resolved   , Confirm         , Closed     , none  , MayConfirm<kDoc>     >,
        Row < Resolved   , Reject          , InProgress , none  , MayReject<kDoc>      >,
        Row < Resolved   , AutoClose       , Closed     , none  , MayAutoClose<kDoc>   >,
        Row < Resolved   , Close           , Closed     , none  , MayClose<kDoc>       >,
        Row < Resolved   , Resolve         , Resolved   , none  , MayResolve<kDesk>    >,
        Row < Resolved   , Escalate        , Escalated  , none  , MayEscalate<kDesk>   >,
        Row < Resolved   , SetStatus       , Resolved   , none  , MaySetStatus<kDesk>  >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Closed     , Reopen          , InProgress , none  , MayReopen<kDoc>      >,
        //  ---------------+-----------------+------------+-------+----------------------
        Row < Cancelled  , Reopen          , New        , none  , MayReopen<kDesk>     >
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

using States = TypeList<New, Assigned, InProgress, Waiting, Escalated, Resolved, Closed, Cancelled>;
using Events = TypeList<Assign, Claim, Reassign, Start, RequestInfo, CustomerReplied, Escalate,
                        Resolve, Confirm, Reject, AutoClose, Close, Reopen, Cancel, Unassign,
                        Transfer, Hold, Resume, SetStatus>;

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
/// source states in enum order (every state is a source), so MSM's id of each state is
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
        rows->push_back({R::Source::value, R::Evt::value, R::Target::value, R::Guard::roles,
                         R::Guard::in_documents});
    }
};

}  // namespace

const std::vector<TableRow>& table_rows() {
    static const std::vector<TableRow> rows = [] {
        std::vector<TableRow> collected;
        collected.reserve(mpl::size<Table>::value);
        mpl::for_each<Table, boost::msm::wrap<mpl::placeholders::_1>>(RowCollector{&collected});
        return collected;
    }();
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
